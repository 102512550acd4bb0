import { ApiProperty } from '@nestjs/swagger';

export class TestNotificationDto {
  @ApiProperty({ format: 'uuid', description: 'The synthetic bot.started event (test: true)' })
  eventId: string;

  @ApiProperty({ format: 'uuid', description: 'Follow it in GET …/deliveries' })
  deliveryId: string;
}
