import { MigrationInterface, QueryRunner } from 'typeorm';

export class UserTokenVersion1795794946156 implements MigrationInterface {
  name = 'UserTokenVersion1795794946156';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "user_account" ADD "token_version" integer NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN "token_version"`);
  }
}
