import { Injectable } from '@nestjs/common';
import { TradeRepository } from '../../database/repositories/trade.repository';
import type { AuthenticatedUser } from '../../kernel/authenticated-user';
import { toTradeDto } from '../bot-response.mapper';
import type { OverviewDto } from '../dto/overview.dto';
import { cumulativePnl } from './cumulative-pnl';

/** The trades the Overview page shows: the bots and their states come from the bots list. */
export const LATEST_TRADES = 20;

@Injectable()
export class OverviewService {
  constructor(private readonly tradeLog: TradeRepository) {}

  async overview(user: AuthenticatedUser): Promise<OverviewDto> {
    const [days, latest] = await Promise.all([
      this.tradeLog.dailyPnlOfOwner(user.id),
      this.tradeLog.findLatestOfOwner(user.id, LATEST_TRADES),
    ]);
    return {
      dailyPnl: cumulativePnl(days),
      latestTrades: latest.map((trade) => ({
        ...toTradeDto(trade),
        botId: trade.botId,
        botName: trade.bot!.name,
      })),
    };
  }
}
