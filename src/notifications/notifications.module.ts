import { Module } from '@nestjs/common';
import { HostAllowList } from '../common/network/host-allow-list';
import { UserRateLimitModule } from '../user-rate-limit/user-rate-limit.module';
import { AppConfig } from '../config/app-config';
import { CredentialsModule } from '../credentials/credentials.module';
import { BotEventPublisher } from '../kernel/bot-event';
import { ChannelHealth } from './channel-health.service';
import { EmailChannel } from './channels/email.channel';
import { HostResolver, SystemHostResolver } from './channels/guarded-lookup';
import { mailTransportProvider } from './channels/mail-transport';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveryJobHandler } from './delivery-job-handler.service';
import { DeliveryLogService } from './delivery-log.service';
import { RepositoriesModule } from '../database/repositories/repositories.module';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationPublisher } from './notification-publisher.service';
import { notificationQueue, notificationWorker } from './notification-queue';
import { NotificationTestService } from './notification-test.service';
import { PendingDeliveriesRecovery } from './pending-deliveries.recovery';
import { WebhookTargetPolicy } from './webhook-target';

/**
 * Email and webhook notifications on their own queue, with one handler whichever queue
 * driver runs it. Exports the BotEventPublisher that the engine publishes through.
 */
@Module({
  imports: [UserRateLimitModule, CredentialsModule, RepositoriesModule, notificationQueue],
  controllers: [NotificationChannelsController],
  providers: [
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
    notificationWorker,
    PendingDeliveriesRecovery,
    NotificationPublisher,
    { provide: BotEventPublisher, useExisting: NotificationPublisher },
    NotificationChannelsService,
    NotificationTestService,
    DeliveryLogService,
  ],
  exports: [BotEventPublisher, notificationQueue],
})
export class NotificationsModule {}
