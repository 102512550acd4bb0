import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DependencyHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiProperty({ example: 'postgres', description: 'postgres, embedded-postgres, redis' })
  kind: string;

  @ApiPropertyOptional({ description: 'Why it is down' })
  error?: string;

  @ApiProperty({ description: 'Round-trip time of the check' })
  latencyMs: number;
}

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status: 'ok' | 'degraded';

  @ApiProperty({ type: DependencyHealthDto })
  database: DependencyHealthDto;

  @ApiPropertyOptional({ type: DependencyHealthDto, description: 'Present when REDIS_URL is set' })
  redis?: DependencyHealthDto;
}
