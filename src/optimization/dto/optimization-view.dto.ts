import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BacktestMetricsDto } from '../../backtest/dto/backtest-response.dto';
import {
  OBJECTIVES,
  SEARCH_METHODS,
  WALK_FORWARD_MODES,
} from '../../backtest/search/optimization.types';

const STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'];

export class OptimizationPointDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] },
    example: { emaFast: 10, 'risk.stopLossPct': '2' },
  })
  params: Record<string, number | string | boolean>;

  @ApiProperty({
    type: BacktestMetricsDto,
    nullable: true,
    description: 'Exactly what POST /api/backtests returns for these params; null: it did not run',
  })
  metrics: BacktestMetricsDto | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'The objective; null: not scored' })
  score: number | null;

  @ApiPropertyOptional({ description: 'Why it is not scored (a constraint, invalid params)' })
  rejected?: string;
}

export class OptimizationProgressDto {
  @ApiProperty({ description: 'Points run' })
  done: number;

  @ApiProperty({ description: 'Points to run (walk-forward: every fold’s search and test)' })
  total: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'Time left at the rate so far, ms' })
  etaMs: number | null;
}

export class OptimizationWindowDto {
  @ApiProperty({ description: 'First candle index' })
  from: number;

  @ApiProperty({ description: 'Candle index after the last' })
  to: number;

  @ApiProperty({ description: 'openTime of the first candle (ms)' })
  startTime: number;

  @ApiProperty({ description: 'openTime of the last candle (ms)' })
  endTime: number;
}

export class OptimizationFoldBestDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  params: Record<string, number | string | boolean>;

  @ApiProperty({ type: BacktestMetricsDto, description: 'On the train window' })
  inSample: BacktestMetricsDto;

  @ApiProperty({ type: BacktestMetricsDto, nullable: true, description: 'On the test window' })
  outOfSample: BacktestMetricsDto | null;

  @ApiProperty({ type: 'number', nullable: true })
  inScore: number | null;

  @ApiProperty({ type: 'number', nullable: true })
  outScore: number | null;
}

export class OptimizationFoldDto {
  @ApiProperty()
  index: number;

  @ApiProperty({ type: OptimizationWindowDto })
  train: OptimizationWindowDto;

  @ApiProperty({ type: OptimizationWindowDto })
  test: OptimizationWindowDto;

  @ApiProperty({
    type: OptimizationFoldBestDto,
    nullable: true,
    description: 'null: no point of the train search was scored',
  })
  best: OptimizationFoldBestDto | null;

  @ApiPropertyOptional({
    description: 'Why best is null, e.g. `no train point was scored (the first: …)`',
  })
  reason?: string;
}

export class StitchedEquityPointDto {
  @ApiProperty()
  time: number;

  @ApiProperty({ example: '10234.5' })
  value: string;
}

/** Walk-forward in GET /api/optimizations: its figures, not its curve. */
export class WalkForwardBriefDto {
  @ApiProperty({ enum: WALK_FORWARD_MODES })
  mode: string;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Sum of the folds’ out-of-sample scores ÷ sum of their in-sample scores',
  })
  efficiency: number | null;
}

export class WalkForwardSummaryDto extends WalkForwardBriefDto {
  @ApiProperty({
    type: [StitchedEquityPointDto],
    description: 'The test windows’ equity, each continuing from the previous fold’s end',
  })
  equity: StitchedEquityPointDto[];
}

/** What a run shows in the list and in its own view alike. */
class OptimizationRunDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: STATUSES })
  status: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'Why it failed' })
  error: string | null;

  @ApiProperty({ example: 'ema-rsi' })
  strategy: string;

  @ApiProperty({ enum: SEARCH_METHODS })
  method: string;

  @ApiProperty({ enum: OBJECTIVES })
  objective: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'random and tpe: given or drawn' })
  seed: number | null;

  @ApiProperty({ description: 'Candles searched over' })
  candles: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  finishedAt: string | null;

  @ApiProperty({ type: OptimizationProgressDto })
  progress: OptimizationProgressDto;

  @ApiProperty({ type: OptimizationPointDto, nullable: true })
  best: OptimizationPointDto | null;
}

/** A run in GET /api/optimizations: no results or folds, no stitched curve. */
export class OptimizationSummaryDto extends OptimizationRunDto {
  @ApiProperty({
    type: WalkForwardBriefDto,
    nullable: true,
    description: 'Without the stitched equity: GET /api/optimizations/:id has it',
  })
  walkForward: WalkForwardBriefDto | null;
}

export class OptimizationViewDto extends OptimizationRunDto {
  @ApiProperty({
    type: [OptimizationPointDto],
    description: 'The top 100 by score, unscored last (walk-forward: the last fold’s search)',
  })
  results: OptimizationPointDto[];

  @ApiProperty({ type: [OptimizationFoldDto], nullable: true })
  folds: OptimizationFoldDto[] | null;

  @ApiProperty({ type: WalkForwardSummaryDto, nullable: true })
  walkForward: WalkForwardSummaryDto | null;
}
