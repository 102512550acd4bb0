import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import type { PageQueryDto } from '../common/page-query.dto';
import { UserRole } from '../kernel/user-role';
import { AuditTargetType } from '../kernel/audit.enums';
import {
  AuditEventRepository,
  type AuditFilter,
} from '../database/repositories/audit-event.repository';
import { BotConfigRepository } from '../database/repositories/bot-config.repository';
import { AuditEventDto, type AuditPageDto } from './dto/audit-event.dto';
import type { AuditQueryDto } from './dto/audit-query.dto';

/** Reads the audit trail (AuditEventRepository.record writes it, in each change's transaction). */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly bots: BotConfigRepository,
  ) {}

  /** A bot's history, for its owner or an admin; anyone else's bot is a 404, as a missing one. */
  async forBot(user: AuthenticatedUser, botId: string, page: PageQueryDto): Promise<AuditPageDto> {
    const visible = await this.bots.exists(
      botId,
      user.role === UserRole.Admin ? undefined : user.id,
    );
    if (!visible) throw new NotFoundException('bot not found');
    return this.page({ target: { type: AuditTargetType.Bot, id: botId } }, page);
  }

  /** Everyone's, for admins (the guard checks), narrowed by user or bot. */
  list(query: AuditQueryDto): Promise<AuditPageDto> {
    return this.page(
      {
        userId: query.userId,
        target:
          query.botId === undefined ? undefined : { type: AuditTargetType.Bot, id: query.botId },
      },
      query,
    );
  }

  private async page(filter: AuditFilter, page: PageQueryDto): Promise<AuditPageDto> {
    const [events, total] = await this.events.findPage(filter, page);
    const { limit, offset } = page;
    return { items: events.map((event) => AuditEventDto.from(event)), total, limit, offset };
  }
}
