import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderLastAttempt1795798094921 implements MigrationInterface {
  name = 'OrderLastAttempt1795798094921';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order" ADD "last_attempt_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order" DROP COLUMN "last_attempt_at"`);
  }
}
