import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, FindOptionsWhere } from 'typeorm';
import type { AuditAction, AuditTargetType } from '../../kernel/audit.enums';
import type { AuthenticatedUser } from '../../kernel/authenticated-user';
import { AuditEvent } from '../entities/audit-event.entity';
import { managerOf, type Tx } from './transactions';

export interface AuditEntry {
  action: AuditAction;
  target: { type: AuditTargetType; id: string };
  /** Never a secret (docs/operations.md, Audit trail). */
  details?: Record<string, unknown>;
}

/** Which events a page is cut from; an absent field matches every event. */
export interface AuditFilter {
  userId?: string;
  target?: { type: AuditTargetType; id: string };
}

/** The audit trail. */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Written in the change's own transaction, so the entry exists exactly when the change does. */
  async record(tx: Tx, actor: Pick<AuthenticatedUser, 'id'>, entry: AuditEntry): Promise<void> {
    const manager = managerOf(this.dataSource, tx);
    const event = manager.create(AuditEvent, {
      userId: actor.id,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      details: entry.details ?? {},
    });
    await manager.save(AuditEvent, event, { reload: false });
  }

  /** Newest first, with the total the page is cut from. */
  findPage(
    filter: AuditFilter,
    { limit, offset }: { limit: number; offset: number },
  ): Promise<[AuditEvent[], number]> {
    const where: FindOptionsWhere<AuditEvent> = {
      ...(filter.userId !== undefined && { userId: filter.userId }),
      ...(filter.target !== undefined && {
        targetType: filter.target.type,
        targetId: filter.target.id,
      }),
    };
    return managerOf(this.dataSource).findAndCount(AuditEvent, {
      where,
      order: { at: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }
}
