import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, ValidateBy } from 'class-validator';
import { DecimalField } from '../../../common/decimal-field';
import { IntegerField } from '../../../common/integer-field';
import { NestedObject } from '../../../common/nested-object';
import { Optional } from '../../../common/optional';
import { BacktestRequestDto } from '../../dto/backtest-request.dto';
import {
  MAX_SEED,
  MAX_TRIALS,
  OBJECTIVES,
  type Objective,
  SEARCH_METHODS,
  type SearchMethod,
  WALK_FORWARD_MODES,
  type WalkForwardMode,
} from '../optimization.types';

/** Points that fail one of these are kept but not scored. */
export class SearchConstraintsDto {
  @IntegerField({
    description: 'Fewest round trips a scored point makes',
    example: 10,
    min: 0,
    max: 1_000_000,
    optional: true,
  })
  minTrades?: number;

  @DecimalField({
    description: 'Deepest drawdown a scored point may have, percent',
    example: '25',
    min: '0',
    max: '100',
    maxInclusive: true,
    optional: true,
  })
  maxDrawdownPct?: string;
}

/** Either `folds` with `trainPct`, or `trainCandles` with `testCandles`. */
export class WalkForwardDto {
  @ApiPropertyOptional({ enum: WALK_FORWARD_MODES, default: 'rolling' })
  @Optional()
  @IsIn(WALK_FORWARD_MODES, { message: `must be one of ${WALK_FORWARD_MODES.join(', ')}` })
  mode?: WalkForwardMode;

  @IntegerField({
    description: 'Folds (with trainPct)',
    example: 5,
    min: 2,
    max: 50,
    optional: true,
  })
  folds?: number;

  @ApiPropertyOptional({
    type: 'number',
    minimum: 10,
    maximum: 95,
    example: 70,
    description: 'Percent of each fold trained on (with folds)',
  })
  @Optional()
  @ValidateBy({
    name: 'isPercentInRange',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isFinite(value) && value >= 10 && value <= 95,
      defaultMessage: () => 'must be a number from 10 to 95',
    },
  })
  trainPct?: number;

  @IntegerField({
    description: 'Candles of each train window (with testCandles)',
    example: 2000,
    min: 1,
    max: 1_000_000,
    optional: true,
  })
  trainCandles?: number;

  @IntegerField({
    description: 'Candles of each test window (with trainCandles)',
    example: 500,
    min: 1,
    max: 1_000_000,
    optional: true,
  })
  testCandles?: number;
}

/**
 * A parameter search over one backtest. `space` is checked key by key against the
 * strategy's schema by parseSearchSpace, which names dotted fields (`space.fast.step`).
 */
export class OptimizationRequestDto {
  @ApiProperty({
    type: BacktestRequestDto,
    description: 'Exactly a POST /api/backtests body; its strategyParams are the fixed ones',
  })
  @NestedObject(() => BacktestRequestDto)
  backtest: BacktestRequestDto;

  @ApiProperty({
    type: 'object',
    description:
      'For each searched key (a strategy param, or risk.stopLossPct, risk.takeProfitPct, ' +
      'risk.trailingStopPct, risk.cooldownCandles): `{ min, max, step }` or `{ values }`',
    additionalProperties: {
      oneOf: [
        {
          type: 'object',
          required: ['min', 'max', 'step'],
          properties: {
            min: { type: 'number' },
            max: { type: 'number' },
            step: { type: 'number', description: 'greater than 0' },
          },
        },
        {
          type: 'object',
          required: ['values'],
          properties: {
            values: {
              type: 'array',
              minItems: 1,
              items: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] },
            },
          },
        },
      ],
    },
    example: { emaFast: { min: 5, max: 20, step: 5 }, 'risk.stopLossPct': { values: ['1', '2'] } },
  })
  @IsObject({ message: '$property must be an object' })
  space: Record<string, unknown>;

  @ApiPropertyOptional({ enum: SEARCH_METHODS, default: 'grid' })
  @Optional()
  @IsIn(SEARCH_METHODS, { message: `must be one of ${SEARCH_METHODS.join(', ')}` })
  method?: SearchMethod;

  @IntegerField({
    description: 'Points to run (random and tpe: required; grid: not allowed)',
    example: 200,
    min: 1,
    max: MAX_TRIALS,
    optional: true,
  })
  trials?: number;

  @IntegerField({
    description: 'random and tpe: the same seed gives the same points; left out, one is drawn',
    example: 42,
    min: 0,
    max: MAX_SEED,
    optional: true,
  })
  seed?: number;

  @ApiPropertyOptional({ enum: OBJECTIVES, default: 'sharpe' })
  @Optional()
  @IsIn(OBJECTIVES, { message: `must be one of ${OBJECTIVES.join(', ')}` })
  objective?: Objective;

  @ApiPropertyOptional({ type: SearchConstraintsDto })
  @NestedObject(() => SearchConstraintsDto, { optional: true })
  constraints?: SearchConstraintsDto;

  @ApiPropertyOptional({ type: WalkForwardDto })
  @NestedObject(() => WalkForwardDto, { optional: true })
  walkForward?: WalkForwardDto;
}
