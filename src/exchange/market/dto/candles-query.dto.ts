import { ApiProperty } from '@nestjs/swagger';
import { CandleTimeField } from '../../../common/candle-time-field';
import { IntegerField } from '../../../common/integer-field';
import { CANDLE_WINDOW } from '../../market-data/market-data.service';
import { IsCandleInterval, IsSymbol } from '../../../common/market-fields';
import { INTERVALS, type Interval } from '../../../kernel/interval';

const DEFAULT_CANDLES_LIMIT = 200;

/** `?symbol=&interval=&limit=&startTime=&endTime=` of GET /api/market/candles. */
export class CandlesQueryDto {
  @ApiProperty({ example: 'BTCUSDT', description: 'Binance symbol, upper case' })
  @IsSymbol()
  symbol: string;

  @ApiProperty({ enum: INTERVALS, example: '1h' })
  @IsCandleInterval()
  interval: Interval;

  // The max is the window the bots tick on: more would need a fetch of its own, outside the
  // window every bot and worker shares. A range keeps it: one request to the exchange, and
  // as many candles as a chart shows at once.
  @IntegerField({
    description:
      `Closed candles to return, the latest ones, or with startTime and endTime the range's ` +
      `last ones (at most ${CANDLE_WINDOW}, the window bots tick on)`,
    min: 1,
    max: CANDLE_WINDOW,
    default: DEFAULT_CANDLES_LIMIT,
    optional: true,
  })
  limit: number = DEFAULT_CANDLES_LIMIT;

  @CandleTimeField('With endTime: the first candle’s openTime at least this', {
    fromQuery: true,
  })
  startTime?: number;

  @CandleTimeField('With startTime: the last candle’s openTime at most this', {
    fromQuery: true,
  })
  endTime?: number;
}
