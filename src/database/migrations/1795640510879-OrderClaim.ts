import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderClaim1795640510879 implements MigrationInterface {
  name = 'OrderClaim1795640510879';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order" DROP COLUMN "claimed_until"`);
  }
}
