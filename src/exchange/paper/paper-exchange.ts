import { buyFill, fillPrice, sellFill } from '../../risk/fills';
import { money } from '../../risk/money';
import type { FillParams } from '../../risk/risk-params';
import type {
  ExchangeClient,
  MarketOrderRequest,
  OrderOutcome,
  SymbolInfo,
} from '../exchange-client.interface';

/**
 * Fills a paper bot's orders by the rules page: the reference price with slippage, the fee
 * in the quote asset. A fill is a pure function of the intent, so "looking an order up"
 * after a crash is just filling it again from the same intent: one intent, one fill.
 */
export class PaperExchange implements ExchangeClient {
  constructor(
    private readonly fill: FillParams,
    private readonly symbols: (symbol: string) => Promise<SymbolInfo>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  symbolInfo(symbol: string): Promise<SymbolInfo> {
    return this.symbols(symbol);
  }

  async placeMarketOrder(order: MarketOrderRequest): Promise<OrderOutcome> {
    const info = await this.symbols(order.symbol);
    const price = fillPrice(order.refPrice, order.side, this.fill.slippageBps);
    const qty = money(order.qty);
    const fill =
      order.side === 'BUY'
        ? buyFill(qty, price, this.fill.feeRate)
        : sellFill(qty, price, this.fill.feeRate);
    return {
      status: 'filled',
      fill: {
        exchangeOrderId: `paper-${order.clientOrderId}`,
        executedQty: fill.qty,
        avgPrice: fill.price,
        quoteQty: fill.quote,
        commission: fill.fee,
        commissionAsset: info.quoteAsset,
        time: this.now(),
      },
    };
  }

  async findOrder(): Promise<{ status: 'absent' }> {
    return { status: 'absent' };
  }
}
