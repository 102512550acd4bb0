import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { PageQueryDto } from '../common/page-query.dto';
import { NotificationDelivery } from '../database/entities/notification-delivery.entity';

/** A channel's deliveries, newest first, each with its attempts. */
@Injectable()
export class DeliveryLogService {
  constructor(
    @InjectRepository(NotificationDelivery)
    private readonly deliveries: Repository<NotificationDelivery>,
  ) {}

  /** The caller has already checked that the channel is theirs. */
  async list(channelId: string, { limit, offset }: PageQueryDto): Promise<NotificationDelivery[]> {
    // Ids first, then rows with attempts: TypeORM's take with a to-many join pages badly.
    const page = await this.deliveries.find({
      where: { channelId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
      select: { id: true },
    });
    if (page.length === 0) return [];
    const ids = page.map((delivery) => delivery.id);
    const loaded = await this.deliveries.find({
      where: { id: In(ids) },
      relations: { attempts: true },
    });
    const byId = new Map(loaded.map((delivery) => [delivery.id, delivery]));
    // A delivery deleted (with its channel) between the two queries is simply left out.
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}
