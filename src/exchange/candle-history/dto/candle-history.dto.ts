import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CandleTimeField } from '../../../common/candle-time-field';
import { IsCandleInterval, IsSymbol } from '../../../common/market-fields';
import { INTERVALS, type Interval } from '../../../kernel/interval';

/** One span of a series the candle history holds. */
export class HeldRangeDto {
  @ApiProperty({ example: 'api.binance.com', description: 'The exchange host' })
  venue: string;

  @ApiProperty({ example: 'BTCUSDT' })
  symbol: string;

  @ApiProperty({ enum: INTERVALS, example: '1m' })
  interval: Interval;

  @ApiProperty({ type: 'integer', example: 1767225600000, description: 'First open time held' })
  from: number;

  @ApiProperty({ type: 'integer', example: 1798761540000, description: 'Last open time held' })
  to: number;

  @ApiProperty({
    type: 'integer',
    example: 525600,
    description: 'Candles held in the span (fewer than its slots where the exchange had none)',
  })
  candles: number;
}

/** POST /api/candle-history/downloads. */
export class DownloadRequestDto {
  @ApiProperty({ example: 'BTCUSDT', description: 'Binance symbol, upper case' })
  @IsSymbol()
  symbol: string;

  @ApiProperty({ enum: INTERVALS, example: '1m' })
  @IsCandleInterval()
  interval: Interval;

  @CandleTimeField('Required: the first candle’s openTime at least this')
  startTime?: number;

  @CandleTimeField('Required: the last candle’s openTime at most this')
  endTime?: number;
}

export enum DownloadStatus {
  Running = 'running',
  Done = 'done',
  Failed = 'failed',
}

/** A download's state: GET /api/candle-history/downloads/:id. */
export class DownloadDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'BTCUSDT' })
  symbol: string;

  @ApiProperty({ enum: INTERVALS, example: '1m' })
  interval: Interval;

  @ApiProperty({ type: 'integer', example: 1767225600000 })
  startTime: number;

  @ApiProperty({ type: 'integer', example: 1798761599999 })
  endTime: number;

  @ApiProperty({ enum: DownloadStatus, enumName: 'DownloadStatus' })
  status: DownloadStatus;

  @ApiProperty({ type: 'integer', description: 'Candle times of the range held so far' })
  done: number;

  @ApiProperty({
    type: 'integer',
    description: 'Candle times in the range that have closed (0: none yet)',
  })
  total: number;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    description: 'Why it failed; null otherwise',
  })
  error: string | null;
}

/** `?symbol=&interval=&startTime=&endTime=` of DELETE /api/candle-history. */
export class RemoveQueryDto {
  @ApiProperty({ example: 'BTCUSDT', description: 'Binance symbol, upper case' })
  @IsSymbol()
  symbol: string;

  @ApiProperty({ enum: INTERVALS, example: '1m' })
  @IsCandleInterval()
  interval: Interval;

  @CandleTimeField('With endTime: remove from this openTime on (without both: all)', {
    fromQuery: true,
  })
  startTime?: number;

  @CandleTimeField('With startTime: remove up to this openTime', { fromQuery: true })
  endTime?: number;
}

export class RemovedDto {
  @ApiProperty({ type: 'integer', description: 'Candles removed' })
  removed: number;
}
