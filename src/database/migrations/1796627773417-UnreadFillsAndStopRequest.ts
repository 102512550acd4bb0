import { MigrationInterface, QueryRunner } from 'typeorm';

export class UnreadFillsAndStopRequest1796627773417 implements MigrationInterface {
  name = 'UnreadFillsAndStopRequest1796627773417';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "order" ADD "fill_read_failures" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "order" ADD "fills_unread_since" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "trade" ADD "fee_estimated" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_state" ADD "stop_requested_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bot_state" DROP COLUMN "stop_requested_at"`);
    await queryRunner.query(`ALTER TABLE "trade" DROP COLUMN "fee_estimated"`);
    await queryRunner.query(`ALTER TABLE "order" DROP COLUMN "fills_unread_since"`);
    await queryRunner.query(`ALTER TABLE "order" DROP COLUMN "fill_read_failures"`);
  }
}
