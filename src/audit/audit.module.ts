import { Module } from '@nestjs/common';
import { RepositoriesModule } from '../database/repositories/repositories.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { BotAuditController } from './bot-audit.controller';

/**
 * Reading the audit trail. Each change writes its entry in its own transaction, through
 * AuditEventRepository.record.
 */
@Module({
  imports: [RepositoriesModule],
  controllers: [AuditController, BotAuditController],
  providers: [AuditService],
})
export class AuditModule {}
