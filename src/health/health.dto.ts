import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DependencyHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiProperty({ example: 'postgres', description: 'postgres, embedded-postgres, redis' })
  kind: string;

  @ApiPropertyOptional({ description: 'Why it is down (on /health, for an admin only)' })
  error?: string;

  @ApiPropertyOptional({
    description: 'Round-trip time of the check (on /health, for an admin only)',
  })
  latencyMs?: number;
}

export class MarketDataHealthDto {
  @ApiProperty({
    enum: ['reachable', 'unreachable'],
    description:
      'Whether this process reaches the exchange for market data; while it does not, ' +
      'paper bots trade on simulated data (the service stays ok: it works offline)',
  })
  status: 'reachable' | 'unreachable';

  @ApiPropertyOptional({
    example: '2026-12-07T10:42:00.000Z',
    description: 'Unreachable: since when paper bots use simulated data',
  })
  unreachableSince?: string;
}

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status: 'ok' | 'degraded';

  @ApiProperty({ type: DependencyHealthDto })
  database: DependencyHealthDto;

  @ApiPropertyOptional({ type: DependencyHealthDto, description: 'Present when REDIS_URL is set' })
  redis?: DependencyHealthDto;

  @ApiPropertyOptional({
    type: MarketDataHealthDto,
    description: 'For an admin always; for anyone while the exchange is unreachable',
  })
  marketData?: MarketDataHealthDto;
}
