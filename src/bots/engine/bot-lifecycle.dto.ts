import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { BotStatus } from '../bot.enums';

export class StopBotDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Sell an open position first (market order, exit reason manual)',
  })
  @IsOptional()
  @IsBoolean()
  closePosition?: boolean;
}

export class BotLifecycleResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: BotStatus, enumName: 'BotStatus' })
  status: BotStatus;
}
