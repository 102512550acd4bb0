import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, LessThan } from 'typeorm';
import { RevokedToken } from '../entities/revoked-token.entity';
import { managerOf } from './transactions';

/** The revocation list: token ids refused until their expiry. */
@Injectable()
export class RevokedTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Idempotent; also prunes the tokens that have expired since, so the list stays small. */
  async revoke(jti: string, expiresAt: Date): Promise<void> {
    const manager = managerOf(this.dataSource);
    await manager
      .createQueryBuilder()
      .insert()
      .into(RevokedToken)
      .values({ jti, expiresAt })
      .orIgnore()
      .execute();
    await manager.delete(RevokedToken, { expiresAt: LessThan(new Date()) });
  }

  isRevoked(jti: string): Promise<boolean> {
    return managerOf(this.dataSource).exists(RevokedToken, { where: { jti } });
  }
}
