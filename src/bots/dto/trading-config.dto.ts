import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString } from 'class-validator';
import { NestedObject } from '../../common/nested-object';
import { anyStrategyParams } from '../../strategies/strategy-openapi';
import { PaperDto } from './paper.dto';
import { RiskDto } from './risk.dto';

/** What trades and how: a bot's and a backtest's strategy, risk and fill model. */
export class TradingConfigDto {
  @ApiProperty({ example: 'ema-rsi', description: 'A key from GET /api/strategies' })
  @IsString()
  @IsNotEmpty()
  strategy: string;

  @ApiPropertyOptional({
    description: "The strategy's params; missing ones take their defaults",
    anyOf: anyStrategyParams(),
  })
  @IsOptional()
  @IsObject()
  strategyParams?: Record<string, unknown>;

  @ApiProperty({ type: RiskDto })
  @NestedObject(() => RiskDto)
  risk: RiskDto;

  @ApiPropertyOptional({
    type: PaperDto,
    description: 'Paper fill model and starting balance (defaults 10000, 0.001, 5)',
  })
  @NestedObject(() => PaperDto, { optional: true })
  paper?: PaperDto;
}
