import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { paramsSchemaName } from '../../strategies/strategy-openapi';
import { BotMode, CANDLE_INTERVALS, type CandleInterval } from '../bot.enums';
import { PaperDto } from './paper.dto';
import { RiskDto } from './risk.dto';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreateBotDto {
  @ApiProperty({ example: 'BTC trend follower', maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'BTCUSDT', description: 'Binance symbol, upper case' })
  @IsString()
  @Matches(/^[A-Z0-9]{2,20}$/, { message: 'must be an upper-case Binance symbol like BTCUSDT' })
  symbol: string;

  @ApiProperty({ enum: CANDLE_INTERVALS, example: '1h' })
  @IsIn(CANDLE_INTERVALS, { message: `must be one of ${CANDLE_INTERVALS.join(', ')}` })
  interval: CandleInterval;

  @ApiProperty({ enum: BotMode, enumName: 'BotMode' })
  @IsIn(Object.values(BotMode), { message: 'must be paper or live' })
  mode: BotMode;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'One of your credentials; required for live',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  credentialId?: string;

  @ApiProperty({ example: 'ema-rsi', description: 'A key from GET /api/strategies' })
  @IsString()
  @IsNotEmpty()
  strategy: string;

  @ApiPropertyOptional({
    description: "The strategy's params; missing ones take their defaults",
    oneOf: [{ $ref: getSchemaPath(paramsSchemaName('ema-rsi')) }],
  })
  @IsOptional()
  @IsObject()
  strategyParams?: Record<string, unknown>;

  @ApiProperty({ type: RiskDto })
  @ValidateNested()
  @Type(() => RiskDto)
  risk: RiskDto;

  @ApiPropertyOptional({ type: PaperDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PaperDto)
  paper?: PaperDto;
}
