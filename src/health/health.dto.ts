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

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status: 'ok' | 'degraded';

  @ApiProperty({ type: DependencyHealthDto })
  database: DependencyHealthDto;

  @ApiPropertyOptional({ type: DependencyHealthDto, description: 'Present when REDIS_URL is set' })
  redis?: DependencyHealthDto;
}
