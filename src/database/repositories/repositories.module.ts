import { Module } from '@nestjs/common';
import { ApiCredentialRepository } from './api-credential.repository';
import { AuditEventRepository } from './audit-event.repository';
import { BotConfigRepository } from './bot-config.repository';
import { BotStateRepository } from './bot-state.repository';
import { BotSignalKeyRepository } from './bot-signal-key.repository';
import { CandleHistoryRepository } from './candle-history.repository';
import { ExternalSignalRepository } from './external-signal.repository';
import { NotificationChannelRepository } from './notification-channel.repository';
import { NotificationDeliveryRepository } from './notification-delivery.repository';
import { OptimizationRunRepository } from './optimization-run.repository';
import { OrderRepository } from './order.repository';
import { RevokedTokenRepository } from './revoked-token.repository';
import { TradeRepository } from './trade.repository';
import { Transactions } from './transactions';
import { UserRepository } from './user.repository';

/** Every repository of the schema and the transactions they share; features import this module. */
const REPOSITORIES = [
  Transactions,
  ApiCredentialRepository,
  AuditEventRepository,
  BotConfigRepository,
  BotStateRepository,
  NotificationChannelRepository,
  NotificationDeliveryRepository,
  OrderRepository,
  RevokedTokenRepository,
  TradeRepository,
  UserRepository,
  BotSignalKeyRepository,
  ExternalSignalRepository,
  CandleHistoryRepository,
  OptimizationRunRepository,
];

@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class RepositoriesModule {}
