import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ExchangeClient, LiveExchangeClient } from '../../exchange/exchange-client.interface';
import {
  LIVE_EXCHANGE_FACTORY,
  type LiveExchangeFactory,
  LiveTradingUnavailableError,
} from '../../exchange/live-exchange-factory';
import { MarketDataService } from '../../exchange/market-data/market-data.service';
import { PaperExchange } from '../../exchange/paper/paper-exchange';
import { BotMode } from '../../kernel/bot.enums';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import { fillParamsOf } from './bot-params';

/** Paper is explicit: a bot trades where its mode says, never anywhere else. */
@Injectable()
export class ExchangeRouter {
  constructor(
    private readonly marketData: MarketDataService,
    @Optional() @Inject(LIVE_EXCHANGE_FACTORY) private readonly live?: LiveExchangeFactory,
  ) {}

  async forBot(bot: BotConfig): Promise<ExchangeClient> {
    if (bot.mode === BotMode.Paper) {
      return new PaperExchange(fillParamsOf(bot), (symbol) =>
        this.marketData.symbolInfo(symbol, true),
      );
    }
    return this.liveAccount(bot);
  }

  /** The account a live bot trades in. */
  async liveAccount(bot: BotConfig): Promise<LiveExchangeClient> {
    if (!this.live || !bot.credentialId) {
      throw new LiveTradingUnavailableError('live trading is not configured');
    }
    return this.live.forCredential(bot.credentialId);
  }
}
