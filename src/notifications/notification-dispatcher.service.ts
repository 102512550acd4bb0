import { Inject, Injectable } from '@nestjs/common';
import type { JobQueue } from '../queue/job-queue';
import { JobName, jobId } from '../queue/queue.constants';
import type { NotificationChannel } from '../database/entities/notification-channel.entity';
import { NotificationDeliveryRepository } from '../database/repositories/notification-delivery.repository';
import { eventPayload, type NotificationEvent } from './notification-event';
import { NOTIFICATION_QUEUE } from './notification-queue.token';

export interface Dispatch {
  event: NotificationEvent;
  channel: NotificationChannel;
  test?: boolean;
}

/**
 * Records one delivery per (event, channel) and queues its job. The row is unique on the
 * pair and the job id is derived from it, so dispatching the same event again changes
 * nothing; and a row whose job was lost (a crash in between) is queued again.
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    @Inject(NOTIFICATION_QUEUE) private readonly queue: JobQueue,
  ) {}

  async dispatch(dispatches: Dispatch[]): Promise<void> {
    if (dispatches.length === 0) return;
    await this.deliveries.insertIfAbsent(
      dispatches.map(({ event, channel, test = false }) => ({
        eventId: event.id,
        channelId: channel.id,
        eventType: event.type,
        test,
        body: JSON.stringify(eventPayload(event, test)),
      })),
    );
    await this.queue.add(
      dispatches.map(({ event, channel }) => {
        const data = { eventId: event.id, channelId: channel.id };
        return { name: JobName.DeliverNotification, data, id: jobId.deliverNotification(data) };
      }),
    );
  }
}
