import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { RevokedToken } from '../database/entities/revoked-token.entity';

/** The revocation list: token ids refused until their expiry. */
@Injectable()
export class RevokedTokensRepository {
  constructor(@InjectRepository(RevokedToken) private readonly tokens: Repository<RevokedToken>) {}

  /** Idempotent; also prunes the tokens that have expired since, so the list stays small. */
  async revoke(jti: string, expiresAt: Date): Promise<void> {
    await this.tokens.createQueryBuilder().insert().values({ jti, expiresAt }).orIgnore().execute();
    await this.tokens.delete({ expiresAt: LessThan(new Date()) });
  }

  isRevoked(jti: string): Promise<boolean> {
    return this.tokens.exists({ where: { jti } });
  }
}
