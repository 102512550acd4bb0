import { MigrationInterface, QueryRunner } from 'typeorm';

export class Protections1796677817979 implements MigrationInterface {
  name = 'Protections1796677817979';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bot_config" ADD "cooldown_candles" integer`);
    await queryRunner.query(`ALTER TABLE "bot_config" ADD "stop_loss_guard" jsonb`);
    await queryRunner.query(`ALTER TABLE "bot_config" ADD "max_drawdown_pct" numeric`);
    await queryRunner.query(`ALTER TABLE "bot_config" ADD "resume_after_candles" integer`);
    await queryRunner.query(`ALTER TABLE "bot_state" ADD "protection" jsonb`);
    await queryRunner.query(`ALTER TABLE "bot_state" ADD "stop_loss_times" jsonb`);
    await queryRunner.query(`ALTER TABLE "bot_state" ADD "equity_peak" numeric`);
    await queryRunner.query(
      `ALTER TABLE "bot_state" ADD "realized_pnl_total" numeric NOT NULL DEFAULT '0'`,
    );
    // Live bots' equity (trading-rules.md) counts every sell made before this column.
    await queryRunner.query(
      `UPDATE "bot_state" SET "realized_pnl_total" = COALESCE((SELECT SUM("pnl") FROM "trade" WHERE "trade"."bot_id" = "bot_state"."id"), 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bot_state" DROP COLUMN "realized_pnl_total"`);
    await queryRunner.query(`ALTER TABLE "bot_state" DROP COLUMN "equity_peak"`);
    await queryRunner.query(`ALTER TABLE "bot_state" DROP COLUMN "stop_loss_times"`);
    await queryRunner.query(`ALTER TABLE "bot_state" DROP COLUMN "protection"`);
    await queryRunner.query(`ALTER TABLE "bot_config" DROP COLUMN "resume_after_candles"`);
    await queryRunner.query(`ALTER TABLE "bot_config" DROP COLUMN "max_drawdown_pct"`);
    await queryRunner.query(`ALTER TABLE "bot_config" DROP COLUMN "stop_loss_guard"`);
    await queryRunner.query(`ALTER TABLE "bot_config" DROP COLUMN "cooldown_candles"`);
  }
}
