import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { CANDLE_INTERVALS, type CandleInterval } from '../../../bots/bot.enums';
import { IntegerField } from '../../../common/integer-field';
import { CANDLE_WINDOW } from '../../market-data/market-data.service';

const DEFAULT_CANDLES_LIMIT = 200;

/** `?symbol=&interval=&limit=` of GET /api/market/candles. */
export class CandlesQueryDto {
  @ApiProperty({ example: 'BTCUSDT', description: 'Binance symbol, upper case' })
  @IsString()
  @Matches(/^[A-Z0-9]{2,20}$/, { message: 'must be an upper-case Binance symbol like BTCUSDT' })
  symbol: string;

  @ApiProperty({ enum: CANDLE_INTERVALS, example: '1h' })
  @IsIn(CANDLE_INTERVALS, { message: `must be one of ${CANDLE_INTERVALS.join(', ')}` })
  interval: CandleInterval;

  // The max is the window the bots tick on: more would need a fetch of its own, outside the
  // window every bot and worker shares.
  @IntegerField({
    description: `Latest closed candles to return (at most ${CANDLE_WINDOW}, the window bots tick on)`,
    min: 1,
    max: CANDLE_WINDOW,
    default: DEFAULT_CANDLES_LIMIT,
    optional: true,
  })
  limit: number = DEFAULT_CANDLES_LIMIT;
}
