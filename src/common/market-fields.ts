import { applyDecorators } from '@nestjs/common';
import { IsIn, IsString, Matches } from 'class-validator';
import { INTERVALS } from '../kernel/interval';

/** A Binance Spot symbol as the exchange spells it; whether it is listed is checked later. */
export function IsSymbol(): PropertyDecorator {
  // In the order they had as stacked decorators (applied bottom-up), so the reason a
  // missing symbol is given stays the pattern's.
  return applyDecorators(
    Matches(/^[A-Z0-9]{2,20}$/, { message: 'must be an upper-case Binance symbol like BTCUSDT' }),
    IsString(),
  );
}

/** One of the candle intervals bots, backtests and charts share. */
export function IsCandleInterval(): PropertyDecorator {
  return IsIn(INTERVALS, { message: `must be one of ${INTERVALS.join(', ')}` });
}
