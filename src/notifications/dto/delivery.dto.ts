import { ApiProperty } from '@nestjs/swagger';
import type { NotificationAttempt } from '../../database/entities/notification-attempt.entity';
import type { NotificationDelivery } from '../../database/entities/notification-delivery.entity';
import { AttemptStatus, DeliveryStatus } from '../../kernel/notification.enums';
import type { EventPayload } from '../notification-event';
import { EVENT_PAYLOAD_SCHEMA } from './event-payload.dto';

export class DeliveryAttemptDto {
  @ApiProperty({ example: 1, description: '1 for the first try' })
  attempt: number;

  @ApiProperty({ enum: AttemptStatus, enumName: 'AttemptStatus' })
  status: AttemptStatus;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'HTTP status (webhook) or SMTP reply code (email); null when none came',
    example: 503,
  })
  responseCode: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'receiver answered 503' })
  error: string | null;

  @ApiProperty({ example: 118 })
  durationMs: number;

  @ApiProperty({ description: 'When the attempt ended' })
  time: Date;

  static from(attempt: NotificationAttempt): DeliveryAttemptDto {
    return {
      attempt: attempt.attempt,
      status: attempt.status,
      responseCode: attempt.responseCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
      time: attempt.createdAt,
    };
  }
}

/** One event for one channel, with every attempt at it. */
export class DeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'Also the X-Tradebot-Delivery header' })
  eventId: string;

  @ApiProperty({ example: 'trade.closed' })
  eventType: string;

  @ApiProperty()
  test: boolean;

  @ApiProperty({
    enum: DeliveryStatus,
    enumName: 'DeliveryStatus',
    description:
      'pending until it succeeds or is given up (failed); failed with no attempts: the ' +
      'channel was disabled before it was sent',
  })
  status: DeliveryStatus;

  @ApiProperty({ ...EVENT_PAYLOAD_SCHEMA, description: 'Exactly what was sent' })
  payload: EventPayload;

  @ApiProperty({ type: [DeliveryAttemptDto], description: 'Oldest first' })
  attempts: DeliveryAttemptDto[];

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(delivery: NotificationDelivery): DeliveryDto {
    return {
      id: delivery.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      test: delivery.test,
      status: delivery.status,
      payload: JSON.parse(delivery.body) as EventPayload,
      attempts: [...(delivery.attempts ?? [])]
        .sort((a, b) => a.attempt - b.attempt)
        .map((attempt) => DeliveryAttemptDto.from(attempt)),
      createdAt: delivery.createdAt,
      updatedAt: delivery.updatedAt,
    };
  }
}
