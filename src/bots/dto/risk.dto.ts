import { DecimalField } from '../../common/decimal-field';
import { IntegerField } from '../../common/integer-field';

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
}

/** PATCH: every risk param optional; null turns an optional rule off. */
export class UpdateRiskDto extends RiskDto {
  @DecimalField({ description: 'Quote spent per entry', example: '100', min: '0', optional: true })
  declare positionSizeQuote: string;
}
