import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { BotMode, CANDLE_INTERVALS, type CandleInterval } from '../bot.enums';
import { TradingConfigDto } from './trading-config.dto';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreateBotDto extends TradingConfigDto {
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
}
