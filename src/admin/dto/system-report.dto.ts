import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HealthReportDto } from '../../health/health.dto';
import { QueuesReportDto } from './queue-counts.dto';

export class TickCountDto {
  @ApiProperty({ example: 'held', description: 'A tick outcome, or error (the job threw)' })
  outcome: string;

  @ApiProperty({ example: 1520 })
  count: number;
}

export class BotCountDto {
  @ApiProperty({ example: 'running' })
  status: string;

  @ApiProperty({ example: 'paper' })
  mode: string;

  @ApiProperty({ example: 3 })
  count: number;
}

export class ExchangeHostDto {
  @ApiProperty({ example: 'api.binance.com' })
  host: string;

  @ApiProperty({ example: 120, description: 'Request weight used in the current minute' })
  weightUsed: number;

  @ApiPropertyOptional({
    example: '2026-12-05T10:00:30.000Z',
    description: 'Until when a 429 or 418 holds every request (absent: none)',
  })
  bannedUntil?: string;
}

export class ProcessReportDto {
  @ApiProperty({ example: 3600 })
  uptimeSeconds: number;

  @ApiProperty({ example: 180_000_000 })
  residentMemoryBytes: number;

  @ApiProperty({ example: 0.012, description: "The event loop's delay, 99th percentile" })
  eventLoopLagP99Seconds: number;
}

/** The System page's numbers: the metrics of the process that answers, and the shared state. */
export class SystemReportDto {
  @ApiProperty({ type: HealthReportDto })
  health: HealthReportDto;

  @ApiProperty({ type: ProcessReportDto })
  process: ProcessReportDto;

  @ApiProperty({
    type: [TickCountDto],
    description: 'Ticks this process ran since it started, by outcome',
  })
  ticks: TickCountDto[];

  @ApiProperty({ type: [BotCountDto] })
  bots: BotCountDto[];

  @ApiProperty({ example: 0, description: 'Orders whose outcome is not recorded yet' })
  ordersUnresolved: number;

  @ApiProperty({ type: QueuesReportDto })
  queues: QueuesReportDto;

  @ApiProperty({ type: [ExchangeHostDto], description: 'The exchange hosts this process used' })
  exchange: ExchangeHostDto[];
}
