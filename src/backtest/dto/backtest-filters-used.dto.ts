import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FiltersSource } from '../backtest-filters';

const SOURCES: FiltersSource[] = ['request', 'exchange', 'simulated', 'default'];

/** The filters a backtest sized its quantities with, and where they came from. */
export class BacktestFiltersUsedDto {
  @ApiProperty({
    enum: SOURCES,
    description:
      '`request`: its own filters; `exchange`: the named symbol’s; `simulated`: the simulated ' +
      'series’; `default`: stepSize 0.00000001, no minimums (docs/backtesting.md)',
  })
  source: FiltersSource;

  @ApiPropertyOptional({ example: '0.00000001' })
  stepSize?: string;

  @ApiPropertyOptional({ example: '0.00001' })
  minQty?: string;

  @ApiPropertyOptional({ example: '5' })
  minNotional?: string;

  @ApiPropertyOptional({ example: '0.01' })
  tickSize?: string;

  @ApiPropertyOptional({
    description: 'Why the defaults stood in for a named symbol’s filters',
    example: "BTCUSDT's filters could not be had (…): the defaults were used",
  })
  note?: string;
}
