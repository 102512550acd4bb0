import { ApiProperty } from '@nestjs/swagger';
import { QueueName } from '../../queue/queue.constants';

export class QueueCountsDto {
  @ApiProperty({ enum: QueueName, enumName: 'QueueName', example: QueueName.BotJobs })
  queue: QueueName;

  @ApiProperty({ example: 0 })
  waiting: number;

  @ApiProperty({ example: 1 })
  active: number;

  @ApiProperty({ example: 0, description: "Waiting for a retry's backoff" })
  delayed: number;

  @ApiProperty({
    example: 0,
    description: 'Failed for good and still kept (a week under Bull, an hour in-process)',
  })
  failed: number;
}

export class QueuesReportDto {
  @ApiProperty({
    enum: ['bull', 'in-process'],
    description:
      "bull: the shared queues on Redis, the same from every process; in-process: this process's",
  })
  backend: 'bull' | 'in-process';

  @ApiProperty({ type: [QueueCountsDto] })
  queues: QueueCountsDto[];
}
