import { MigrationInterface, QueryRunner } from 'typeorm';

export class OptimizationRuns1796685936493 implements MigrationInterface {
  name = 'OptimizationRuns1796685936493';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "optimization_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "status" character varying(10) NOT NULL, "error" text, "strategy" character varying(100) NOT NULL, "method" character varying(10) NOT NULL, "objective" character varying(20) NOT NULL, "seed" bigint, "candles" integer NOT NULL, "request" jsonb NOT NULL, "symbol_filters" jsonb NOT NULL, "candle_rows" bytea NOT NULL, "progress_done" integer NOT NULL DEFAULT '0', "progress_total" integer NOT NULL, "best" jsonb, "results" jsonb, "folds" jsonb, "walk_forward" jsonb, "heartbeat_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_fc1a25f194dbf1a1a5f621c2e9a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c125d5aad1c4eb2d98ab760570" ON "optimization_run"  ("status", "heartbeat_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_08712897d2712923ef90b8b0cd" ON "optimization_run"  ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "optimization_point" ("run_id" uuid NOT NULL, "stage" character varying(16) NOT NULL, "seq" integer NOT NULL, "params" jsonb NOT NULL, "metrics" jsonb, "score" double precision, "rejected" text, "equity" jsonb, "worker" character varying(100) NOT NULL, CONSTRAINT "PK_b51b84342ad6074db3ba1736cbb" PRIMARY KEY ("run_id", "stage", "seq"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "optimization_run" ADD CONSTRAINT "FK_68e6f5efc445567e7879e106c88" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "optimization_point" ADD CONSTRAINT "FK_401dd1ec664d9de6bc5a3600c82" FOREIGN KEY ("run_id") REFERENCES "optimization_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "optimization_point" DROP CONSTRAINT "FK_401dd1ec664d9de6bc5a3600c82"`,
    );
    await queryRunner.query(
      `ALTER TABLE "optimization_run" DROP CONSTRAINT "FK_68e6f5efc445567e7879e106c88"`,
    );
    await queryRunner.query(`DROP TABLE "optimization_point"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_08712897d2712923ef90b8b0cd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c125d5aad1c4eb2d98ab760570"`);
    await queryRunner.query(`DROP TABLE "optimization_run"`);
  }
}
