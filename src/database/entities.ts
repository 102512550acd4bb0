import { AuditEvent } from '../audit/audit-event.entity';
import { RevokedToken } from '../auth/entities/revoked-token.entity';
import { BotConfig } from '../bots/entities/bot-config.entity';
import { BotState } from '../bots/entities/bot-state.entity';
import { Order } from '../bots/entities/order.entity';
import { Trade } from '../bots/entities/trade.entity';
import { ApiCredential } from '../credentials/entities/api-credential.entity';
import { NotificationAttempt } from '../notifications/entities/notification-attempt.entity';
import { NotificationChannel } from '../notifications/entities/notification-channel.entity';
import { NotificationDelivery } from '../notifications/entities/notification-delivery.entity';
import { User } from '../users/entities/user.entity';

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
];
