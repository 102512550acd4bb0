import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BotConfig } from '../database/entities/bot-config.entity';
import { AuditController } from './audit.controller';
import { AuditEvent } from '../database/entities/audit-event.entity';
import { AuditService } from './audit.service';
import { BotAuditController } from './bot-audit.controller';

/**
 * Reading the audit trail. Writing needs no module: each service records through the
 * manager of its own transaction (recordAudit).
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, BotConfig])],
  controllers: [AuditController, BotAuditController],
  providers: [AuditService],
})
export class AuditModule {}
