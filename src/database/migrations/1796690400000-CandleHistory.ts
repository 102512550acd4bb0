import { MigrationInterface, QueryRunner } from 'typeorm';

export class CandleHistory1796690400000 implements MigrationInterface {
  name = 'CandleHistory1796690400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "candle_history" ("venue" character varying(255) NOT NULL, "symbol" character varying(20) NOT NULL, "interval" character varying(3) NOT NULL, "open_time" bigint NOT NULL, "open" numeric NOT NULL, "high" numeric NOT NULL, "low" numeric NOT NULL, "close" numeric NOT NULL, "volume" numeric NOT NULL, "close_time" bigint NOT NULL, CONSTRAINT "PK_5be52fb95a0454b2e3c9261a9d0" PRIMARY KEY ("venue", "symbol", "interval", "open_time"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "candle_history_span" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue" character varying(255) NOT NULL, "symbol" character varying(20) NOT NULL, "interval" character varying(3) NOT NULL, "from_time" bigint NOT NULL, "to_time" bigint NOT NULL, CONSTRAINT "PK_c56a6063d0216c066ef4d9ba385" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d381bf234e01650b4cf4261709" ON "candle_history_span" ("venue", "symbol", "interval", "from_time") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_d381bf234e01650b4cf4261709"`);
    await queryRunner.query(`DROP TABLE "candle_history_span"`);
    await queryRunner.query(`DROP TABLE "candle_history"`);
  }
}
