import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FindOptionsWhere, Repository } from 'typeorm';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { BotConfig } from '../database/entities/bot-config.entity';
import type { PageQueryDto } from '../common/page-query.dto';
import { UserRole } from '../kernel/user-role';
import { AuditTargetType } from '../kernel/audit.enums';
import { AuditEvent } from '../database/entities/audit-event.entity';
import { AuditEventDto, type AuditPageDto } from './dto/audit-event.dto';
import type { AuditQueryDto } from './dto/audit-query.dto';

/** Reads the audit trail; entries are written by recordAudit, inside each change's transaction. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>,
    @InjectRepository(BotConfig) private readonly bots: Repository<BotConfig>,
  ) {}

  /** A bot's history, for its owner or an admin; anyone else's bot is a 404, as a missing one. */
  async forBot(user: AuthenticatedUser, botId: string, page: PageQueryDto): Promise<AuditPageDto> {
    const visible = await this.bots.existsBy(
      user.role === UserRole.Admin ? { id: botId } : { id: botId, userId: user.id },
    );
    if (!visible) throw new NotFoundException('bot not found');
    return this.page({ targetType: AuditTargetType.Bot, targetId: botId }, page);
  }

  /** Everyone's, for admins (the guard checks), narrowed by user or bot. */
  list(query: AuditQueryDto): Promise<AuditPageDto> {
    return this.page(
      {
        ...(query.userId !== undefined && { userId: query.userId }),
        ...(query.botId !== undefined && {
          targetType: AuditTargetType.Bot,
          targetId: query.botId,
        }),
      },
      query,
    );
  }

  private async page(
    where: FindOptionsWhere<AuditEvent>,
    { limit, offset }: PageQueryDto,
  ): Promise<AuditPageDto> {
    const [events, total] = await this.events.findAndCount({
      where,
      order: { at: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items: events.map((event) => AuditEventDto.from(event)), total, limit, offset };
  }
}
