import { ApiProperty } from '@nestjs/swagger';
import { INTERVALS, type Interval } from '../../../kernel/interval';

/** One closed candle; times in ms as in backtests, prices and volume as decimal strings. */
export class CandleDto {
  @ApiProperty({
    type: 'integer',
    example: 1767225600000,
    description: 'Open time, ms since the Unix epoch',
  })
  openTime: number;

  @ApiProperty({ example: '42000.1' })
  open: string;

  @ApiProperty({ example: '42050' })
  high: string;

  @ApiProperty({ example: '41980.5' })
  low: string;

  @ApiProperty({ example: '42010' })
  close: string;

  @ApiProperty({ example: '12.5', description: 'In the base asset' })
  volume: string;

  @ApiProperty({
    type: 'integer',
    example: 1767225659999,
    description: 'openTime + interval - 1 ms, as on Binance',
  })
  closeTime: number;
}

export class CandlesResponseDto {
  @ApiProperty({ example: 'BTCUSDT' })
  symbol: string;

  @ApiProperty({ enum: INTERVALS, example: '1h' })
  interval: Interval;

  @ApiProperty({
    description:
      'true: the exchange could not be reached and these candles are the deterministic ' +
      'simulated feed paper bots tick on meanwhile (Binance unreachable), not market prices',
  })
  simulated: boolean;

  @ApiProperty({
    description:
      'true: the range holds more closed candles than limit, and these are its last ones; ' +
      'always false without startTime and endTime',
  })
  truncated: boolean;

  @ApiProperty({
    type: [CandleDto],
    description:
      'Oldest first, the last one closed most recently; fewer than limit when the exchange has fewer',
  })
  candles: CandleDto[];
}
