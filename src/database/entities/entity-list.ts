import { AuditEvent } from './audit-event.entity';
import { RevokedToken } from './revoked-token.entity';
import { BotConfig } from './bot-config.entity';
import { BotState } from './bot-state.entity';
import { Order } from './order.entity';
import { Trade } from './trade.entity';
import { ApiCredential } from './api-credential.entity';
import { NotificationAttempt } from './notification-attempt.entity';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import { User } from './user.entity';
import { ExternalSignal } from './external-signal.entity';
import { BotSignalKey } from './bot-signal-key.entity';
import { OptimizationPoint, OptimizationRun } from './optimization-run.entity';
import { CandleHistory } from './candle-history.entity';
import { CandleHistorySpan } from './candle-history-span.entity';

export const ENTITIES = [
  User,
  ApiCredential,
  BotConfig,
  BotState,
  Order,
  Trade,
  NotificationChannel,
  NotificationDelivery,
  NotificationAttempt,
  AuditEvent,
  RevokedToken,
  ExternalSignal,
  BotSignalKey,
  OptimizationRun,
  OptimizationPoint,
  CandleHistory,
  CandleHistorySpan,
];
