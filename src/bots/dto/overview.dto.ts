import { ApiProperty } from '@nestjs/swagger';
import { TradeDto } from './bot-response.dto';

export class DailyPnlDto {
  @ApiProperty({ example: '2026-12-07', description: 'UTC day' }) day: string;
  @ApiProperty({ example: '12.5', description: "That day's realized PnL across your bots" })
  pnl: string;
  @ApiProperty({ example: '152.3', description: 'Realized PnL of every day up to this one' })
  cumulativePnl: string;
}

export class OverviewTradeDto extends TradeDto {
  @ApiProperty({ format: 'uuid' }) botId: string;
  @ApiProperty({ example: 'BTC trend' }) botName: string;
}

export class OverviewDto {
  @ApiProperty({
    type: [DailyPnlDto],
    description: 'Days with realized PnL across your bots, oldest first',
  })
  dailyPnl: DailyPnlDto[];
  @ApiProperty({ type: [OverviewTradeDto], description: 'Your latest trades, newest first' })
  latestTrades: OverviewTradeDto[];
}
