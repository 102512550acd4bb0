import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditEvent1796431739107 implements MigrationInterface {
  name = 'AuditEvent1796431739107';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "action" character varying(40) NOT NULL, "target_type" character varying(20) NOT NULL, "target_id" uuid NOT NULL, "details" jsonb NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_06d570d7d1b40fbc994b5955be" ON "audit_event"  ("at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_464b4073b262f24e21e62ceec0" ON "audit_event"  ("user_id", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_115fa3995d9a7ba36e3354ec8e" ON "audit_event"  ("target_type", "target_id", "at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_115fa3995d9a7ba36e3354ec8e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_464b4073b262f24e21e62ceec0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_06d570d7d1b40fbc994b5955be"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
