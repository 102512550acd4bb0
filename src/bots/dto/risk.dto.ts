import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { DecimalField } from '../../common/decimal-field';
import { IntegerField } from '../../common/integer-field';
import { Optional } from '../../common/optional';

/** Candle counts of the protections: at least one, at most about a year of minutes. */
const CANDLES = { min: 1, max: 1_000_000 } as const;

/** After `count` stop-loss exits within `windowCandles` candles, no entry for `pauseCandles`. */
export class StopLossGuardDto {
  @IntegerField({
    description: 'Stop-loss exits that start the pause',
    example: 3,
    min: 1,
    max: 1000,
  })
  count: number;

  @IntegerField({ description: 'Candles the exits are counted over', example: 48, ...CANDLES })
  windowCandles: number;

  @IntegerField({
    description: 'Candles without entries after the last of them',
    example: 24,
    ...CANDLES,
  })
  pauseCandles: number;
}

/** An optional nested object that null clears. */
function OptionalNested(type: () => new () => object, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: type(), nullable: true, description }),
    Optional({ nullable: true }),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** Risk params of a bot (trading-rules.md); an optional one left out or null is off. */
export class RiskDto {
  @DecimalField({ description: 'Quote spent per entry', example: '100', min: '0' })
  positionSizeQuote: string;

  @DecimalField({
    description: 'Stop loss, % below entry',
    example: '2',
    min: '0',
    max: '100',
    optional: true,
    nullable: true,
  })
  stopLossPct?: string | null;

  @DecimalField({
    description: 'Take profit, % above entry',
    example: '5',
    min: '0',
    max: '10000',
    maxInclusive: true,
    optional: true,
    nullable: true,
  })
  takeProfitPct?: string | null;

  @DecimalField({
    description: 'Trailing stop, % below the highest price since entry',
    example: '3',
    min: '0',
    max: '100',
    optional: true,
    nullable: true,
  })
  trailingStopPct?: string | null;

  @IntegerField({
    description: 'Entries allowed per UTC day',
    example: 5,
    min: 1,
    max: 100_000,
    optional: true,
    nullable: true,
  })
  maxDailyTrades?: number | null;

  @DecimalField({
    description: 'Entries pause once the UTC day realized this loss',
    example: '50',
    min: '0',
    optional: true,
    nullable: true,
  })
  dailyLossLimitQuote?: string | null;

  @DecimalField({
    description: 'Entries pause once the UTC day realized this profit',
    example: '100',
    min: '0',
    optional: true,
    nullable: true,
  })
  dailyProfitTargetQuote?: string | null;

  @IntegerField({
    description: 'Protection: no entry on the candle of a stop-loss exit and the next N candles',
    example: 3,
    ...CANDLES,
    optional: true,
    nullable: true,
  })
  cooldownCandles?: number | null;

  @OptionalNested(
    () => StopLossGuardDto,
    'Protection: after `count` stop-loss exits within `windowCandles` candles, no entry for `pauseCandles` candles',
  )
  stopLossGuard?: StopLossGuardDto | null;

  @DecimalField({
    description:
      "Protection: entries pause when the bot's equity falls this many percent below its running peak",
    example: '10',
    min: '0',
    max: '100',
    optional: true,
    nullable: true,
  })
  maxDrawdownPct?: string | null;

  @IntegerField({
    description:
      'Candles a maxDrawdownPct pause lasts after the candle that started it; left out or null: until 00:00 UTC',
    example: 60,
    ...CANDLES,
    optional: true,
    nullable: true,
  })
  resumeAfterCandles?: number | null;
}

/** PATCH: every risk param optional; null turns an optional rule off. */
export class UpdateRiskDto extends RiskDto {
  @DecimalField({ description: 'Quote spent per entry', example: '100', min: '0', optional: true })
  declare positionSizeQuote: string;
}
