import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { JobQueueDriver } from '../queue/job-queue';
import { JobName, jobId } from '../queue/queue.constants';
import { NotificationDeliveryRepository } from '../database/repositories/notification-delivery.repository';
import { NOTIFICATION_QUEUE } from './notification-queue.token';

/**
 * The in-process queue forgets its jobs on restart, but the delivery rows remember:
 * queue every pending one again at start-up (Bull keeps its jobs in Redis instead).
 */
@Injectable()
export class PendingDeliveriesRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger(PendingDeliveriesRecovery.name);

  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    @Inject(NOTIFICATION_QUEUE) private readonly queue: JobQueueDriver,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.queue.backend !== 'in-process') return;
    const pending = await this.deliveries.findPendingKeys();
    if (pending.length === 0) return;
    this.logger.log(`queueing ${pending.length} pending deliveries again`);
    await this.queue.add(
      pending.map(({ eventId, channelId }) => {
        const data = { eventId, channelId };
        return { name: JobName.DeliverNotification, data, id: jobId.deliverNotification(data) };
      }),
    );
  }
}
