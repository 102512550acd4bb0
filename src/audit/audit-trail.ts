import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import type { AuditAction, AuditTargetType } from '../kernel/audit.enums';
import { AuditEvent } from '../database/entities/audit-event.entity';

export interface AuditEntry {
  action: AuditAction;
  target: { type: AuditTargetType; id: string };
  /** Never a secret (docs/operations.md, Audit trail). */
  details?: Record<string, unknown>;
}

/**
 * Records what `actor` did through the manager of the change's own transaction, so the
 * entry exists exactly when the change does.
 */
export async function recordAudit(
  manager: EntityManager,
  actor: Pick<AuthenticatedUser, 'id'>,
  entry: AuditEntry,
): Promise<void> {
  const event = manager.create(AuditEvent, {
    userId: actor.id,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    details: entry.details ?? {},
  });
  await manager.save(AuditEvent, event, { reload: false });
}
