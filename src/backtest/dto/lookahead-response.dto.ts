import { ApiProperty } from '@nestjs/swagger';
import type { SignalAction } from '../../strategies/strategy.interface';

const ACTIONS: SignalAction[] = ['none', 'buy', 'sell'];

/** A signal that differed on a prefix of the candles from the signal on all of them. */
export class LookaheadChangeDto {
  @ApiProperty({ example: 412, description: 'The candle’s index in the request’s candles' })
  index: number;

  @ApiProperty({ example: 1767250319999, description: 'The candle’s closeTime (ms)' })
  time: number;

  @ApiProperty({ enum: ACTIONS, description: 'The signal with every candle known' })
  full: SignalAction;

  @ApiProperty({ enum: ACTIONS, description: 'The signal on the prefix' })
  prefix: SignalAction;

  @ApiProperty({ example: 413, description: 'Candles in the prefix that showed the change' })
  prefixLength: number;
}

/** What POST /api/backtests/lookahead found (docs/backtesting.md, Lookahead check). */
export class LookaheadResponseDto {
  @ApiProperty({ example: 5000 })
  candles: number;

  @ApiProperty({
    type: [Number],
    description: 'The prefix lengths run: at most 50, evenly spread from the warm-up on',
  })
  prefixes: number[];

  @ApiProperty({ description: 'Signals compared: every candle of every prefix' })
  checkedSignals: number;

  @ApiProperty({ description: 'Candles whose signal changed once later candles were known' })
  changedSignals: number;

  @ApiProperty({
    type: [LookaheadChangeDto],
    description: 'The changes by candle index, the first 1000',
  })
  changes: LookaheadChangeDto[];

  @ApiProperty({ description: 'Whether any signal changed: the strategy reads ahead' })
  lookahead: boolean;
}
