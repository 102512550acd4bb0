import Decimal from 'decimal.js';
import type { AccountBook, Side } from './account-book';
import { accountJson } from './account-json';
import {
  illegalChars,
  invalidInterval,
  invalidOrderType,
  invalidParamData,
  invalidSide,
  invalidSymbol,
  missingEither,
  noSuchOrder,
  paramNotRequired,
} from './binance-error';
import { type Dec, toStep, wire } from './decimals';
import { exchangeInfo } from './exchange-info';
import type { FaultRegistry } from './faults';
import { isKlineInterval } from './kline-intervals';
import type { MarketData } from './market-data';
import { myTradeJson, selectTrades } from './my-trades';
import { newOrderJson, queriedOrderJson, type OrderResponseType } from './order-json';
import {
  decimalParam,
  integerParam,
  requiredParam,
  symbolParam,
  type Params,
} from './request-params';
import type { SymbolSpec } from './symbol-spec';

export interface RouteContext {
  params: Params;
  /** Server time (clock plus skew). */
  now: number;
  /** The authenticated account; empty on public endpoints. */
  apiKey: string;
  /** How long the matching engine holds a new order before filling it (the 'queue' fault). */
  fillDelayMs: number;
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  signed: boolean;
  /** Request weight, from docs/stack.md and Binance's docs. */
  weight: (params: Params) => number;
  handle: (context: RouteContext) => unknown;
}

export interface RouteDeps {
  specs: ReadonlyMap<string, SymbolSpec>;
  market: MarketData;
  book: AccountBook;
  faults: FaultRegistry;
  weightLimit: number;
  commissionRate: Dec;
  slippage: number;
}

const DEFAULT_KLINES = 500;
const MAX_KLINES = 1000;
const CLIENT_ORDER_ID = /^[a-zA-Z0-9-_]{1,36}$/;
const RESPONSE_TYPES: readonly string[] = ['ACK', 'RESULT', 'FULL'];
const isResponseType = (value: string): value is OrderResponseType =>
  RESPONSE_TYPES.includes(value);

/** The Spot REST endpoints the fake serves. */
export function createRoutes(deps: RouteDeps): Route[] {
  const { specs, market, book } = deps;

  const symbolsParam = (params: Params): SymbolSpec[] | undefined => {
    if (params.symbol !== undefined) return [symbolParam(params, specs)];
    if (params.symbols === undefined) return undefined;
    let names: unknown;
    try {
      names = JSON.parse(params.symbols);
    } catch {
      throw invalidParamData('symbols');
    }
    if (!Array.isArray(names)) throw invalidParamData('symbols');
    return names.map((name) => {
      const spec = specs.get(String(name));
      if (!spec) throw invalidSymbol();
      return spec;
    });
  };

  // A MARKET order walks the book: it fills `slippage` worse than the last price.
  const fillPrice = (spec: SymbolSpec, side: Side, now: number): Dec => {
    const last = market.currentPrice(spec, now);
    const worse = side === 'BUY' ? 1 + deps.slippage : 1 - deps.slippage;
    const rounding = side === 'BUY' ? Decimal.ROUND_UP : Decimal.ROUND_DOWN;
    return toStep(last.mul(worse), spec.tickSize, rounding);
  };

  return [
    {
      method: 'GET',
      path: '/api/v3/time',
      signed: false,
      weight: () => 1,
      handle: ({ now }) => ({ serverTime: now }),
    },
    {
      method: 'GET',
      path: '/api/v3/exchangeInfo',
      signed: false,
      weight: () => 20,
      handle: ({ params, now }) =>
        exchangeInfo(symbolsParam(params) ?? [...specs.values()], now, deps.weightLimit),
    },
    {
      method: 'GET',
      path: '/api/v3/klines',
      signed: false,
      weight: () => 2,
      handle: ({ params, now }) => {
        const spec = symbolParam(params, specs);
        const interval = requiredParam(params, 'interval');
        if (!isKlineInterval(interval)) throw invalidInterval();
        const limit = integerParam(params, 'limit') ?? DEFAULT_KLINES;
        return market.klines(
          spec,
          interval,
          {
            limit: Math.min(Math.max(limit, 1), MAX_KLINES),
            startTime: integerParam(params, 'startTime'),
            endTime: integerParam(params, 'endTime'),
          },
          now,
        );
      },
    },
    {
      method: 'GET',
      path: '/api/v3/ticker/price',
      signed: false,
      weight: (params) => (params.symbol !== undefined ? 2 : 4),
      handle: ({ params, now }) => {
        const ticker = (spec: SymbolSpec) => ({
          symbol: spec.symbol,
          price: wire(market.currentPrice(spec, now)),
        });
        if (params.symbol !== undefined) return ticker(symbolParam(params, specs));
        return (symbolsParam(params) ?? [...specs.values()]).map(ticker);
      },
    },
    {
      method: 'POST',
      path: '/api/v3/order',
      signed: true,
      weight: () => 1,
      handle: ({ params, now, apiKey, fillDelayMs }) => {
        const spec = symbolParam(params, specs);
        const side = requiredParam(params, 'side');
        if (side !== 'BUY' && side !== 'SELL') throw invalidSide();
        // Only MARKET orders exist here; other types are refused as if unknown.
        if (requiredParam(params, 'type') !== 'MARKET') throw invalidOrderType();
        const quantity = decimalParam(params, 'quantity');
        const quoteOrderQty = decimalParam(params, 'quoteOrderQty');
        if (!quantity && !quoteOrderQty) throw missingEither('quantity', 'quoteOrderQty');
        if (quantity && quoteOrderQty) throw paramNotRequired('quoteOrderQty');
        const clientOrderId = params.newClientOrderId;
        if (clientOrderId !== undefined && !CLIENT_ORDER_ID.test(clientOrderId)) {
          throw illegalChars('newClientOrderId', CLIENT_ORDER_ID.source);
        }
        const responseType = params.newOrderRespType ?? 'FULL';
        if (!isResponseType(responseType)) {
          throw illegalChars('newOrderRespType', RESPONSE_TYPES.join(', '));
        }
        const order = book.placeMarketOrder(
          apiKey,
          spec,
          { side, quantity, quoteOrderQty, clientOrderId },
          fillPrice(spec, side, now),
          now,
          fillDelayMs,
        );
        return newOrderJson(order, responseType);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/order',
      signed: true,
      weight: () => 4,
      handle: ({ params, now, apiKey }) => {
        const spec = symbolParam(params, specs);
        const orderId = integerParam(params, 'orderId');
        const clientOrderId = params.origClientOrderId;
        if (orderId === undefined && clientOrderId === undefined) {
          throw missingEither('origClientOrderId', 'orderId');
        }
        const order = book.find(apiKey, spec.symbol, { orderId, clientOrderId });
        if (!order || deps.faults.hides(order, now)) throw noSuchOrder();
        return queriedOrderJson(order);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/myTrades',
      signed: true,
      weight: (params) => (params.orderId !== undefined ? 5 : 20),
      handle: ({ params, apiKey }) => {
        const spec = symbolParam(params, specs);
        return selectTrades(book.trades(apiKey, spec.symbol), params).map(myTradeJson);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/account',
      signed: true,
      weight: () => 20,
      handle: ({ params, now, apiKey }) =>
        accountJson(
          apiKey,
          book.balances(apiKey),
          deps.commissionRate,
          params.omitZeroBalances === 'true',
          now,
        ),
    },
  ];
}
