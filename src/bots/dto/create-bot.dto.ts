import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { BotMode } from '../../kernel/bot.enums';
import { TradingConfigDto } from './trading-config.dto';
import { IsCandleInterval, IsSymbol } from '../../common/market-fields';
import { INTERVALS, type Interval } from '../../kernel/interval';

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
  @IsSymbol()
  symbol: string;

  @ApiProperty({ enum: INTERVALS, example: '1h' })
  @IsCandleInterval()
  interval: Interval;

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
