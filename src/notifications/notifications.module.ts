import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BotConfig } from '../bots/entities/bot-config.entity';
import { HostAllowList } from '../common/network/host-allow-list';
import { UserRateLimitModule } from '../common/user-rate-limit/user-rate-limit.module';
import { AppConfig } from '../config/app-config';
import { CredentialCipher, parseCredentialsKey } from '../credentials/credential-cipher';
import { QueueName } from '../queue/queue.constants';
import { BotEventPublisher } from './bot-event';
import { ChannelHealth } from './channel-health.service';
import { EmailChannel } from './channels/email.channel';
import { HostResolver, SystemHostResolver } from './channels/guarded-lookup';
import { mailTransportProvider } from './channels/mail-transport';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveryJobHandler } from './delivery-job-handler.service';
import { DeliveryLogService } from './delivery-log.service';
import { NotificationAttempt } from './entities/notification-attempt.entity';
import { NotificationChannel } from './entities/notification-channel.entity';
import { NotificationDelivery } from './entities/notification-delivery.entity';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationPublisher } from './notification-publisher.service';
import { notificationBackoffStrategies, notificationQueueProviders } from './notification-queue';
import { NOTIFICATION_QUEUE } from './notification-queue.token';
import { NotificationTestService } from './notification-test.service';
import { PendingDeliveriesRecovery } from './pending-deliveries.recovery';
import { WebhookTargetPolicy } from './webhook-target';

/**
 * Email and webhook notifications on their own queue (Bull with REDIS_URL, in-process
 * otherwise, with the same handler). Global so that the engine's optional
 * BotEventPublisher is this module's without the engine importing it.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const useBull = Boolean(config.redisUrl);
    return {
      module: NotificationsModule,
      global: true,
      imports: [
        UserRateLimitModule,
        TypeOrmModule.forFeature([
          NotificationChannel,
          NotificationDelivery,
          NotificationAttempt,
          BotConfig,
        ]),
        ...(useBull
          ? [
              BullModule.registerQueue({
                name: QueueName.Notifications,
                settings: { backoffStrategies: notificationBackoffStrategies(config) },
              }),
            ]
          : []),
      ],
      controllers: [NotificationChannelsController],
      providers: [
        {
          provide: CredentialCipher,
          inject: [AppConfig],
          useFactory: (appConfig: AppConfig) => {
            // resolveRuntimeConfig always fills it; refuse to start rather than store plaintext.
            if (!appConfig.credentialsKey) throw new Error('credentials key is not configured');
            return new CredentialCipher(parseCredentialsKey(appConfig.credentialsKey));
          },
        },
        mailTransportProvider,
        EmailChannel,
        {
          provide: WebhookTargetPolicy,
          inject: [AppConfig],
          useFactory: (appConfig: AppConfig) =>
            new WebhookTargetPolicy({
              allowPrivate: appConfig.webhookAllowPrivate,
              allowList: HostAllowList.parse(appConfig.webhookAllowHosts),
            }),
        },
        { provide: HostResolver, useClass: SystemHostResolver },
        WebhookChannel,
        NotificationDispatcher,
        ChannelHealth,
        DeliveryJobHandler,
        ...notificationQueueProviders(useBull),
        ...(useBull ? [] : [PendingDeliveriesRecovery]),
        NotificationPublisher,
        { provide: BotEventPublisher, useExisting: NotificationPublisher },
        NotificationChannelsService,
        NotificationTestService,
        DeliveryLogService,
      ],
      exports: [BotEventPublisher, NOTIFICATION_QUEUE],
    };
  }
}
