import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { WholeNumberFromText } from './integer-field';
import { Optional } from './optional';

/** Before Binance opened (July 2017) there are no candles to fetch. */
export const EARLIEST_CANDLE_TIME = Date.UTC(2017, 0, 1);
/** Later than this is a typo: a day's slack covers clocks that run ahead. */
const LATEST_AHEAD_MS = 24 * 3_600_000;

const RANGE_TEXT = `between ${EARLIEST_CANDLE_TIME} (2017-01-01) and a day from now`;

/**
 * A candle time of a ranged request, ms since the epoch. Bounded so a slip of the finger
 * (1e20, seconds for ms) is a 400 here, not a request the exchange refuses (a 503) or a
 * fetch of half a century of candles. `fromQuery` reads "1767225600000" as the number; a
 * JSON body must send a number.
 */
export function CandleTimeField(
  description: string,
  { fromQuery = false }: { fromQuery?: boolean } = {},
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      description: `${description}, ms since the epoch, ${RANGE_TEXT}`,
      minimum: EARLIEST_CANDLE_TIME,
      example: EARLIEST_CANDLE_TIME,
    }),
    ...(fromQuery ? [WholeNumberFromText()] : []),
    Optional(),
    ValidateBy({
      name: 'isCandleTime',
      validator: {
        validate: (value: unknown) => timeProblem(value) === undefined,
        defaultMessage: (args) => `$property ${timeProblem(args?.value) ?? 'is out of range'}`,
      },
    }),
  );
}

function timeProblem(value: unknown, now = Date.now()): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return 'must be a whole number of ms since the epoch';
  }
  if (value < EARLIEST_CANDLE_TIME || value > now + LATEST_AHEAD_MS) return `must be ${RANGE_TEXT}`;
  return undefined;
}
