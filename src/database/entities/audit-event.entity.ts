import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction, AuditTargetType } from '../../kernel/audit.enums';

/**
 * Who changed what, kept after the thing itself is gone: no foreign keys, so deleting a
 * bot, a credential or a channel keeps its history (and its deletion).
 */
@Entity('audit_event')
@Index(['targetType', 'targetId', 'at'])
@Index(['userId', 'at'])
@Index(['at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** The user who acted: the owner, or an admin acting on the owner's bot. */
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 40 })
  action: AuditAction;

  @Column({ type: 'varchar', length: 20 })
  targetType: AuditTargetType;

  @Column({ type: 'uuid' })
  targetId: string;

  /** What changed, never a secret: field names for a credential or a channel, not values. */
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
}
