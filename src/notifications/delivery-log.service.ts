import { Injectable } from '@nestjs/common';
import type { PageQueryDto } from '../common/page-query.dto';
import type { NotificationDelivery } from '../database/entities/notification-delivery.entity';
import { NotificationDeliveryRepository } from '../database/repositories/notification-delivery.repository';

/** A channel's deliveries, newest first, each with its attempts. */
@Injectable()
export class DeliveryLogService {
  constructor(private readonly deliveries: NotificationDeliveryRepository) {}

  /** The caller has already checked that the channel is theirs. */
  list(channelId: string, page: PageQueryDto): Promise<NotificationDelivery[]> {
    return this.deliveries.findPageOfChannel(channelId, page);
  }
}
