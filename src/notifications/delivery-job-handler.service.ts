import { Injectable, Logger } from '@nestjs/common';
import { CredentialCipher } from '../credentials/credential-cipher';
import { AppMetrics } from '../metrics/app-metrics';
import { type JobHandler, UnrecoverableJobError } from '../queue/job-queue';
import { type DeliverNotificationJobData, type JobData, JobName } from '../queue/queue.constants';
import { ChannelHealth } from './channel-health.service';
import { channelSecretContext } from './channel-secret';
import { type DeliveryOutcome, failed } from './channels/delivery-outcome';
import { EmailChannel } from './channels/email.channel';
import { WebhookChannel } from './channels/webhook.channel';
import type { NotificationChannel } from '../database/entities/notification-channel.entity';
import type { NotificationDelivery } from '../database/entities/notification-delivery.entity';
import { NotificationDeliveryRepository } from '../database/repositories/notification-delivery.repository';
import { AttemptStatus, ChannelType, DeliveryStatus } from '../kernel/notification.enums';
import type { EventPayload } from './notification-event';
import { MAX_DELIVERY_ATTEMPTS } from './retry-delay';

/** Thrown to have the queue run the delivery again after the backoff. */
export class DeliveryRetryError extends Error {
  override name = 'DeliveryRetryError';
}

/**
 * One attempt per job run, the same code under Bull and the in-process queue: send,
 * record the attempt, then succeed, throw for another attempt, or give up. The attempt
 * number comes from the row, not the queue, so a re-run after a stall is counted too.
 */
@Injectable()
export class DeliveryJobHandler implements JobHandler {
  private readonly logger = new Logger(DeliveryJobHandler.name);

  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly cipher: CredentialCipher,
    private readonly webhook: WebhookChannel,
    private readonly email: EmailChannel,
    private readonly health: ChannelHealth,
    private readonly metrics: AppMetrics,
  ) {}

  async handle<N extends JobName>(name: N, data: JobData[N]): Promise<void> {
    if (name !== JobName.DeliverNotification) {
      throw new UnrecoverableJobError(`unknown job ${String(name)}`);
    }
    await this.deliver(data as DeliverNotificationJobData);
  }

  private async deliver({ eventId, channelId }: DeliverNotificationJobData): Promise<void> {
    const delivery = await this.deliveries.findWithChannel({ eventId, channelId });
    // Gone with its channel, or already settled (a duplicate job or a re-publish).
    if (!delivery?.channel || delivery.status !== DeliveryStatus.Pending) return;
    const channel = delivery.channel;
    if (!channel.enabled && !delivery.test) {
      await this.settle(delivery, DeliveryStatus.Failed);
      this.count(channel, 'channel_disabled');
      return;
    }
    const attempt = await this.deliveries.claimAttempt(delivery.id);
    if (attempt === undefined) return;

    const started = performance.now();
    const outcome = await this.send(channel, delivery);
    await this.deliveries.recordAttempt({
      deliveryId: delivery.id,
      attempt,
      status: outcome.ok ? AttemptStatus.Succeeded : AttemptStatus.Failed,
      responseCode: outcome.responseCode,
      error: outcome.error,
      durationMs: Math.round(performance.now() - started),
    });

    if (outcome.ok) {
      await this.settle(delivery, DeliveryStatus.Succeeded);
      this.count(channel, 'succeeded');
      if (!delivery.test) await this.health.succeeded(channel.id);
      return;
    }
    if (!outcome.final && attempt < MAX_DELIVERY_ATTEMPTS) {
      this.count(channel, 'retrying');
      throw new DeliveryRetryError(`delivery ${delivery.id} attempt ${attempt}: ${outcome.error}`);
    }
    await this.settle(delivery, DeliveryStatus.Failed);
    this.count(channel, 'failed');
    this.logger.warn(
      `delivery ${delivery.id} (${delivery.eventType}) to channel ${channel.id} given up ` +
        `after ${attempt} attempt(s): ${outcome.error}`,
    );
    // A test says nothing about the channel's health either way.
    if (!delivery.test) await this.health.failed(channel.id, outcome.error);
  }

  private async send(
    channel: NotificationChannel,
    delivery: NotificationDelivery,
  ): Promise<DeliveryOutcome> {
    if (channel.type === ChannelType.Email) {
      return this.email.send(channel.emailTo!, JSON.parse(delivery.body) as EventPayload);
    }
    let secret: string;
    try {
      secret = this.cipher.decrypt(channel.secretEncrypted!, channelSecretContext(channel.id));
    } catch (error) {
      return failed((error as Error).message, null, true);
    }
    return this.webhook.send({
      url: channel.url!,
      secret,
      eventType: delivery.eventType,
      eventId: delivery.eventId,
      body: delivery.body,
    });
  }

  /** One attempt's outcome (or a delivery dropped with its disabled channel). */
  private count(
    channel: NotificationChannel,
    outcome: 'succeeded' | 'retrying' | 'failed' | 'channel_disabled',
  ): void {
    this.metrics.deliveries.inc({ type: channel.type, outcome });
  }

  private async settle(delivery: NotificationDelivery, status: DeliveryStatus): Promise<void> {
    await this.deliveries.settle(delivery.id, status);
  }
}
