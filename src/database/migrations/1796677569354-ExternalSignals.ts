import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExternalSignals1796677569354 implements MigrationInterface {
  name = 'ExternalSignals1796677569354';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "external_signal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bot_id" uuid NOT NULL, "alert_id" character varying(128) NOT NULL, "action" character varying(4) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(10) NOT NULL, "decision" text, "handled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_bea1c86af3504a635efbf701e17" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_945e1f3344de436c724660ae59" ON "external_signal"  ("bot_id", "status", "received_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c6c1f21c92b9358af7f452f409" ON "external_signal"  ("bot_id", "alert_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "bot_signal_key" ("bot_id" uuid NOT NULL, "passphrase_hash" character varying(64) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2607c566eb1cdb2df48cc7c56bc" PRIMARY KEY ("bot_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "external_signal" ADD CONSTRAINT "FK_c5e73b653707d06c20226c96b21" FOREIGN KEY ("bot_id") REFERENCES "bot_config"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_signal_key" ADD CONSTRAINT "FK_2607c566eb1cdb2df48cc7c56bc" FOREIGN KEY ("bot_id") REFERENCES "bot_config"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "bot_signal_key" DROP CONSTRAINT "FK_2607c566eb1cdb2df48cc7c56bc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "external_signal" DROP CONSTRAINT "FK_c5e73b653707d06c20226c96b21"`,
    );
    await queryRunner.query(`DROP TABLE "bot_signal_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c6c1f21c92b9358af7f452f409"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_945e1f3344de436c724660ae59"`);
    await queryRunner.query(`DROP TABLE "external_signal"`);
  }
}
