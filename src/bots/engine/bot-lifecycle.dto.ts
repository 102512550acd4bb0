import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { BotStatus } from '../../kernel/bot.enums';

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

export class AwaitedOrderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'tb-3q2Xb0cJ8mYkRz1tV7nLwP4sAeHgUi9o' })
  clientOrderId: string;
}

export class StopBotResponseDto extends BotLifecycleResponseDto {
  @ApiPropertyOptional({
    type: AwaitedOrderDto,
    description:
      'An order of the bot whose outcome is not known yet. With closePosition the bot keeps its status until that order settles, then stops and sells what it holds; without, it is stopped now and the order is still looked up until it settles',
  })
  awaitedOrder?: AwaitedOrderDto;
}
