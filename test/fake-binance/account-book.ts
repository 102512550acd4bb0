import { randomBytes } from 'node:crypto';
import Decimal from 'decimal.js';
import { insufficientBalance, orderRejected } from './binance-error';
import { D, type Dec, toStep } from './decimals';
import type { FakeAccountConfig } from './fake-binance.types';
import { checkMarketNotional, checkMarketQuantity, marketStep } from './order-filters';
import type { SymbolSpec } from './symbol-spec';

export type Side = 'BUY' | 'SELL';

export interface Fill {
  price: Dec;
  qty: Dec;
  quoteQty: Dec;
  commission: Dec;
  commissionAsset: string;
  tradeId: number;
  /** When it executed. */
  time: number;
}

/** A fill priced when the order is accepted; trade ids and times are given when it executes. */
type PricedFill = Omit<Fill, 'tradeId' | 'time'>;

/** One execution of an account's order, as GET /api/v3/myTrades lists it. */
export interface AccountTrade {
  order: Order;
  fill: Fill;
}

export interface Order {
  apiKey: string;
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: Side;
  origQty: Dec;
  origQuoteOrderQty: Dec;
  executedQty: Dec;
  cummulativeQuoteQty: Dec;
  status: 'NEW' | 'FILLED';
  time: number;
  updateTime: number;
  /** Empty until the order fills. */
  fills: Fill[];
}

export interface MarketOrderRequest {
  side: Side;
  /** Exactly one of quantity (base) and quoteOrderQty (quote). */
  quantity?: Dec;
  quoteOrderQty?: Dec;
  clientOrderId?: string;
}

interface Balance {
  free: Dec;
  locked: Dec;
}

interface Account {
  secret: string;
  balances: Map<string, Balance>;
  bnbFees?: { bnbPrice: Dec; discount: Dec };
}

/** Binance's discount on commissions paid in BNB. */
const BNB_DISCOUNT = '0.25';

/** A queued order's fills are priced when accepted and applied when the engine gets to them. */
interface PendingFill {
  order: Order;
  spec: SymbolSpec;
  fills: PricedFill[];
  fillAt: number;
  locked: { balance: Balance; amount: Dec };
}

/** Accounts, balances and orders: what the matching engine would hold. */
export class AccountBook {
  private readonly accounts = new Map<string, Account>();
  private readonly orderList: Order[] = [];
  private readonly pending: PendingFill[] = [];
  private nextOrderId = 1;
  private nextTradeId = 1;

  constructor(
    accounts: Record<string, FakeAccountConfig>,
    private readonly commissionRate: Dec,
    private readonly fillsPerOrder: number,
  ) {
    for (const [apiKey, config] of Object.entries(accounts)) {
      const balances = new Map<string, Balance>();
      for (const [asset, free] of Object.entries(config.balances)) {
        balances.set(asset, { free: new D(free), locked: new D(0) });
      }
      const bnbFees = config.bnbFees && {
        bnbPrice: new D(config.bnbFees.bnbPrice),
        discount: new D(config.bnbFees.discount ?? BNB_DISCOUNT),
      };
      this.accounts.set(apiKey, { secret: config.secret, balances, bnbFees });
    }
  }

  secretOf(apiKey: string): string | undefined {
    return this.accounts.get(apiKey)?.secret;
  }

  balances(apiKey: string): ReadonlyMap<string, Readonly<Balance>> {
    return this.account(apiKey).balances;
  }

  setBalance(apiKey: string, asset: string, free: Dec): void {
    this.balance(this.account(apiKey), asset).free = free;
  }

  orders(): readonly Order[] {
    return this.orderList;
  }

  /** Every execution of the account's orders on the symbol, oldest first. */
  trades(apiKey: string, symbol: string): AccountTrade[] {
    return this.orderList
      .filter((order) => order.apiKey === apiKey && order.symbol === symbol)
      .flatMap((order) => order.fills.map((fill) => ({ order, fill })))
      .sort((a, b) => a.fill.tradeId - b.fill.tradeId);
  }

  /** The newest order of the account on the symbol matching both given ids. */
  find(
    apiKey: string,
    symbol: string,
    ids: { orderId?: number; clientOrderId?: string },
  ): Order | undefined {
    for (let i = this.orderList.length - 1; i >= 0; i--) {
      const order = this.orderList[i];
      if (order.apiKey !== apiKey || order.symbol !== symbol) continue;
      if (ids.orderId !== undefined && order.orderId !== ids.orderId) continue;
      if (ids.clientOrderId !== undefined && order.clientOrderId !== ids.clientOrderId) continue;
      return order;
    }
    return undefined;
  }

  /**
   * Executes a MARKET order at `price`, or queues it for `fillDelayMs` with its funds locked.
   * Rejections follow Binance's order: symbol status, filters (-1013), then the matching
   * engine's duplicate and balance checks (-2010).
   */
  placeMarketOrder(
    apiKey: string,
    spec: SymbolSpec,
    request: MarketOrderRequest,
    price: Dec,
    now: number,
    fillDelayMs = 0,
  ): Order {
    if (spec.status !== 'TRADING') throw orderRejected('Market is closed.');
    const quantity =
      request.quantity ??
      toStep(new D(request.quoteOrderQty ?? 0).div(price), marketStep(spec), Decimal.ROUND_DOWN);
    checkMarketQuantity(spec, quantity);
    const account = this.account(apiKey);
    const fills = this.priceFills(account, spec, request.side, quantity, price);
    const quote = sumQuote(fills);
    checkMarketNotional(spec, quote);

    const clientOrderId = request.clientOrderId ?? generatedClientOrderId();
    // Binance refuses a reused id only while its earlier order is still open: a filled MARKET
    // order's id is free again, so a blind retry buys twice.
    const open = this.orderList.some(
      (o) => o.apiKey === apiKey && o.status === 'NEW' && o.clientOrderId === clientOrderId,
    );
    if (open) throw orderRejected('Duplicate order sent.');
    const [spendAsset, spendAmount] =
      request.side === 'BUY' ? [spec.quoteAsset, quote] : [spec.baseAsset, quantity];
    const spend = this.balance(account, spendAsset);
    if (spend.free.lt(spendAmount)) throw insufficientBalance();

    const order: Order = {
      apiKey,
      symbol: spec.symbol,
      orderId: this.nextOrderId++,
      clientOrderId,
      side: request.side,
      origQty: quantity,
      origQuoteOrderQty: request.quoteOrderQty ?? new D(0),
      executedQty: new D(0),
      cummulativeQuoteQty: new D(0),
      status: 'NEW',
      time: now,
      updateTime: now,
      fills: [],
    };
    this.orderList.push(order);
    spend.free = spend.free.minus(spendAmount);
    if (fillDelayMs > 0) {
      spend.locked = spend.locked.plus(spendAmount);
      const locked = { balance: spend, amount: spendAmount };
      this.pending.push({ order, spec, fills, fillAt: now + fillDelayMs, locked });
    } else {
      this.fill(account, spec, order, fills, now);
    }
    return order;
  }

  /** Fills the queued orders whose time has come; called before every request is served. */
  settle(now: number): void {
    for (const pending of this.pending.filter(({ fillAt }) => fillAt <= now)) {
      const { order, spec, fills, fillAt, locked } = pending;
      this.pending.splice(this.pending.indexOf(pending), 1);
      locked.balance.locked = locked.balance.locked.minus(locked.amount);
      this.fill(this.account(order.apiKey), spec, order, fills, fillAt);
    }
  }

  /** Credits what was bought or sold and takes each fill's commission in its asset. */
  private fill(
    account: Account,
    spec: SymbolSpec,
    order: Order,
    fills: PricedFill[],
    at: number,
  ): void {
    const quote = sumQuote(fills);
    const [receiveAsset, received] =
      order.side === 'BUY' ? [spec.baseAsset, order.origQty] : [spec.quoteAsset, quote];
    const receive = this.balance(account, receiveAsset);
    receive.free = receive.free.plus(received);
    for (const { commission, commissionAsset } of fills) {
      const payer = this.balance(account, commissionAsset);
      payer.free = payer.free.minus(commission);
    }
    order.fills = fills.map((fill) => ({ ...fill, tradeId: this.nextTradeId++, time: at }));
    order.executedQty = order.origQty;
    order.cummulativeQuoteQty = quote;
    order.status = 'FILLED';
    order.updateTime = at;
  }

  /**
   * Commissions are the taker rate on what is received (base on a BUY, quote on a SELL), or,
   * for an account that pays fees in BNB and holds enough of it for the whole order, the
   * discounted rate on the quote value, in BNB.
   */
  private priceFills(
    account: Account,
    spec: SymbolSpec,
    side: Side,
    quantity: Dec,
    price: Dec,
  ): PricedFill[] {
    const step = marketStep(spec);
    const part = toStep(quantity.div(this.fillsPerOrder), step, Decimal.ROUND_DOWN);
    const parts: Dec[] = [];
    let left = quantity;
    while (parts.length < this.fillsPerOrder - 1 && part.gt(0) && left.gt(part)) {
      parts.push(part);
      left = left.minus(part);
    }
    parts.push(left);
    const fills = parts.map((qty) => {
      const quoteQty = qty.mul(price).toDecimalPlaces(8);
      const [commissionBase, commissionAsset] =
        side === 'BUY' ? [qty, spec.baseAsset] : [quoteQty, spec.quoteAsset];
      return {
        price,
        qty,
        quoteQty,
        commission: commissionBase.mul(this.commissionRate).toDecimalPlaces(8),
        commissionAsset,
      };
    });
    const bnb = account.bnbFees;
    if (!bnb) return fills;
    const rate = this.commissionRate.mul(new D(1).minus(bnb.discount));
    const inBnb = fills.map((fill) => ({
      ...fill,
      commission: fill.quoteQty.mul(rate).div(bnb.bnbPrice).toDecimalPlaces(8),
      commissionAsset: 'BNB',
    }));
    const due = inBnb.reduce((sum, fill) => sum.plus(fill.commission), new D(0));
    return this.balance(account, 'BNB').free.gte(due) ? inBnb : fills;
  }

  private account(apiKey: string): Account {
    const account = this.accounts.get(apiKey);
    if (!account) throw new Error(`Unknown account ${apiKey}`);
    return account;
  }

  private balance(account: Account, asset: string): Balance {
    let balance = account.balances.get(asset);
    if (!balance) {
      balance = { free: new D(0), locked: new D(0) };
      account.balances.set(asset, balance);
    }
    return balance;
  }
}

function sumQuote(fills: PricedFill[]): Dec {
  return fills.reduce((sum, fill) => sum.plus(fill.quoteQty), new D(0));
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Binance generates 22 alphanumerics when newClientOrderId is not sent. */
function generatedClientOrderId(): string {
  return Array.from(randomBytes(22), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}
