import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { JobQueueDriver } from '../queue/job-queue';
import { JobName, jobId } from '../queue/queue.constants';
import { NotificationDelivery } from '../database/entities/notification-delivery.entity';
import { DeliveryStatus } from '../kernel/notification.enums';
import { NOTIFICATION_QUEUE } from './notification-queue.token';

/**
 * The in-process queue forgets its jobs on restart, but the delivery rows remember:
 * queue every pending one again at start-up (Bull keeps its jobs in Redis instead).
 */
@Injectable()
export class PendingDeliveriesRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger(PendingDeliveriesRecovery.name);

  constructor(
    @InjectRepository(NotificationDelivery)
    private readonly deliveries: Repository<NotificationDelivery>,
    @Inject(NOTIFICATION_QUEUE) private readonly queue: JobQueueDriver,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.queue.backend !== 'in-process') return;
    const pending = await this.deliveries.find({
      where: { status: DeliveryStatus.Pending },
      select: { eventId: true, channelId: true },
    });
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
