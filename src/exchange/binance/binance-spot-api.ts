import type { ConnectorResponse } from '@binance/connector';
import { assertOutsideTransaction } from '../../common/network-boundary';
import { BinanceRequestError, classifyFailure, failureOf, INVALID_SYMBOL } from './binance-errors';
import type { RawSymbol } from './binance-symbol-info';
import { ClockedSpot } from './clocked-spot';
import type { CommissionRates, RawFill, RawOrder } from './binance-order';
import type { Admission, RequestGate } from './rate-limit/request-gate';
import { backoffMs } from './rate-limit/weight-budget';

/** Request weights, from Binance's docs (docs/stack.md). */
const WEIGHT = {
  time: 1,
  exchangeInfo: 20,
  klines: 2,
  newOrder: 1,
  getOrder: 4,
  account: 20,
  myTradesOfOrder: 5,
} as const;
/** Attempts after the first for reads; an order whose outcome is unknown is never resent here. */
const READ_RETRIES = 3;
/** Resends after a 429/418 (the gate holds them until Retry-After; a longer wait fails fast). */
const MAX_RATE_LIMIT_REFUSALS = 3;

export interface BinanceSpotApiOptions {
  baseURL: string;
  apiKey: string;
  apiSecret: string;
  timeoutMs: number;
  /** Shared by every client of the host: the weight budget and any ban. */
  gate: RequestGate;
  /** Told each response's HTTP status, or `error` when none came: for the metrics. */
  countResponse?: (status: string) => void;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface RawAccount {
  balances: { asset: string; free: string }[];
  commissionRates: CommissionRates;
}

interface CallPolicy {
  weight: number;
  signed: boolean;
  retries: number;
}

export interface NewMarketOrder {
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: string;
  clientOrderId: string;
}

/**
 * Binance Spot REST for one API key through the real connector: every request admitted by
 * the shared gate, the weight Binance reports fed back to it, a 429/418 turned into a wait for
 * every client of the host, signed requests stamped with the exchange's clock (re-measured on
 * -1021, then the request retried once), reads retried with backoff. Failures are thrown as
 * BinanceRequestError, whose message never holds the key, the secret or a signature.
 */
export class BinanceSpotApi {
  private readonly spot: ClockedSpot;
  private readonly gate: RequestGate;
  private readonly countResponse: (status: string) => void;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private clockSynced = false;

  constructor(options: BinanceSpotApiOptions) {
    this.spot = new ClockedSpot(options.apiKey, options.apiSecret, {
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
    });
    this.gate = options.gate;
    this.countResponse = options.countResponse ?? (() => {});
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The symbol's exchangeInfo; undefined when Binance does not list it. */
  async symbol(symbol: string): Promise<RawSymbol | undefined> {
    try {
      const info = await this.call(() => this.spot.exchangeInfo({ symbol }), {
        weight: WEIGHT.exchangeInfo,
        signed: false,
        retries: READ_RETRIES,
      });
      return (info as { symbols: RawSymbol[] }).symbols[0];
    } catch (error) {
      const failure = error instanceof BinanceRequestError ? error.failure : undefined;
      if (failure?.kind === 'http' && failure.code === INVALID_SYMBOL) return undefined;
      throw error;
    }
  }

  /**
   * Raw kline rows. Retried once only: a tick waits on it, and a paper bot falls back to
   * simulated data sooner than a longer backoff would end.
   */
  async klines(
    symbol: string,
    interval: string,
    options: { limit: number; startTime?: number; endTime?: number },
    admission?: Admission,
  ): Promise<unknown[][]> {
    return this.call(
      () => this.spot.klines(symbol, interval, options),
      { weight: WEIGHT.klines, signed: false, retries: 1 },
      admission,
    );
  }

  /** Sent once: a failure whose outcome is unknown is for the caller to look up, not resend. */
  async newMarketOrder(order: NewMarketOrder): Promise<RawOrder> {
    const response = await this.call(
      () =>
        this.spot.newOrder(order.symbol, order.side, 'MARKET', {
          quantity: order.quantity,
          newClientOrderId: order.clientOrderId,
          newOrderRespType: 'FULL',
        }),
      { weight: WEIGHT.newOrder, signed: true, retries: 0 },
    );
    return response as RawOrder;
  }

  async order(symbol: string, clientOrderId: string): Promise<RawOrder> {
    const response = await this.call(
      () => this.spot.getOrder(symbol, { origClientOrderId: clientOrderId }),
      { weight: WEIGHT.getOrder, signed: true, retries: READ_RETRIES },
    );
    return response as RawOrder;
  }

  /** The executions of one order, with the commission each paid and its asset. */
  async tradesOfOrder(symbol: string, orderId: number): Promise<RawFill[]> {
    const response = await this.call(() => this.spot.myTrades(symbol, { orderId }), {
      weight: WEIGHT.myTradesOfOrder,
      signed: true,
      retries: READ_RETRIES,
    });
    return response as RawFill[];
  }

  /** The free balance of one asset ("0" when the account holds none). */
  async freeBalance(asset: string): Promise<string> {
    const account = await this.call(() => this.spot.account(), {
      weight: WEIGHT.account,
      signed: true,
      retries: READ_RETRIES,
    });
    const { balances } = account as RawAccount;
    return balances.find((balance) => balance.asset === asset)?.free ?? '0';
  }

  /** The account's commission rates, to estimate the fee of an order whose trades are unread. */
  async commissionRates(): Promise<CommissionRates> {
    const account = await this.call(() => this.spot.account(), {
      weight: WEIGHT.account,
      signed: true,
      retries: READ_RETRIES,
    });
    return (account as RawAccount).commissionRates;
  }

  /** Every request is a trading one unless `admission` says otherwise. */
  private async call<T>(
    send: () => Promise<ConnectorResponse<T>>,
    policy: CallPolicy,
    admission?: Admission,
  ): Promise<T> {
    assertOutsideTransaction('a Binance request');
    if (policy.signed && !this.clockSynced) await this.syncClock();
    let resynced = false;
    let refusals = 0;
    for (let attempt = 0; ; attempt++) {
      await this.gate.admit(policy.weight, admission);
      try {
        const response = await send();
        this.countResponse(String(response.status));
        await this.noteWeight(response.headers);
        return response.data;
      } catch (error) {
        const failure = failureOf(error);
        this.countResponse(failure.kind === 'http' ? String(failure.status) : 'error');
        await this.noteWeight(headersOf(error));
        const classification = classifyFailure(failure);
        if (classification.type === 'rate_limited') {
          await this.gate.holdFor(classification.retryAfterMs);
        }
        // -1021 is refused before execution: safe to resend, orders included.
        if (classification.type === 'clock_skew' && policy.signed && !resynced) {
          resynced = true;
          await this.syncClock();
          attempt--;
          continue;
        }
        // A 429/418 is refused before execution too: once the gate has held every request
        // to the host through Retry-After, it is resent, orders included.
        if (classification.type === 'rate_limited' && refusals < MAX_RATE_LIMIT_REFUSALS) {
          refusals++;
          attempt--;
          continue;
        }
        if (classification.type !== 'unknown' || attempt >= policy.retries) {
          throw new BinanceRequestError(failure, classification);
        }
        await this.sleep(backoffMs(attempt, this.random()));
      }
    }
  }

  /** Offset of the exchange's clock, taking the request's midpoint as the time it answered. */
  private async syncClock(): Promise<void> {
    let sentAt = 0;
    const { serverTime } = await this.call(() => ((sentAt = Date.now()), this.spot.time()), {
      weight: WEIGHT.time,
      signed: false,
      retries: READ_RETRIES,
    });
    this.spot.offsetMs = serverTime - Math.round((sentAt + Date.now()) / 2);
    this.clockSynced = true;
  }

  private async noteWeight(headers: Record<string, unknown> | undefined): Promise<void> {
    const used = Number(headers?.['x-mbx-used-weight-1m']);
    if (Number.isFinite(used) && used > 0) await this.gate.usedWeight(used);
  }
}

function headersOf(error: unknown): Record<string, unknown> | undefined {
  return (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
}
