import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-out token, refused until it would have expired anyway; then pruned. Revoking one
 * token by its id leaves the user's other sessions alone, unlike raising tokenVersion.
 */
@Entity('revoked_token')
@Index(['expiresAt'])
export class RevokedToken {
  @PrimaryColumn({ type: 'uuid' })
  jti: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
