import type { Side } from '../risk/fills';
import { formatMoney, money, type Money } from '../risk/money';
import type { CandleSeries } from './candle-series';
import type { BacktestRun } from './run-backtest';

export interface ReportedTrade {
  time: number;
  side: Side;
  price: string;
  qty: string;
  fee: string;
  reason: string;
  /** Sells only. */
  pnl?: string;
}

export interface BacktestMetrics {
  roundTrips: number;
  wins: number;
  winRatePct: string;
  realizedPnl: string;
  finalEquity: string;
  returnPct: string;
  maxDrawdownPct: string;
  /** Buy signals not taken because of a daily limit or the sizing. */
  skippedEntries: number;
}

export interface EquityPoint {
  time: number;
  value: string;
}

export interface BacktestReport {
  trades: ReportedTrade[];
  metrics: BacktestMetrics;
  equity: EquityPoint[];
}

/** Percentages are ratios of exact decimals, rounded half-even to this many places. */
export const PCT_DECIMALS = 8;

/** Receives the exact equity at each candle's close, in candle order. */
export type EquityVisitor = (time: number, value: string) => void;

/**
 * The result as trading-rules.md defines it, every amount an exact decimal string: the
 * equity curve is replayed from the fills in decimals, not read off the doubles.
 */
export function reportBacktest(
  run: BacktestRun,
  candles: CandleSeries,
  initialBalanceQuote: string,
): BacktestReport {
  const equity = new Array<EquityPoint>(candles.length);
  let next = 0;
  const summary = summarizeBacktest(run, candles, initialBalanceQuote, (time, value) => {
    equity[next++] = { time, value };
  });
  return { ...summary, equity };
}

/**
 * The report's trades and metrics, with each equity point handed to `point` as the replay
 * meets it: for a caller that writes the curve out rather than holding a million points.
 */
export function summarizeBacktest(
  run: BacktestRun,
  candles: CandleSeries,
  initialBalanceQuote: string,
  point: EquityVisitor,
): Omit<BacktestReport, 'equity'> {
  const trades = run.fills.map(reportTrade);
  const sells = run.fills.filter((fill) => fill.side === 'SELL');
  const wins = sells.filter((fill) => (fill.pnl as Money).gt(0)).length;
  const realized = sells.reduce((sum, fill) => sum.plus(fill.pnl as Money), money(0));
  const initial = money(initialBalanceQuote);

  const maxDrawdownPct = replayEquity(run, candles, initial, point);
  const last = candles.length - 1;
  const finalEquity =
    last < 0 ? initial : run.balance.plus(run.positionQty.mul(closeOf(candles, last)));

  return {
    trades,
    metrics: {
      roundTrips: sells.length,
      wins,
      winRatePct: sells.length === 0 ? '0' : pct(money(wins).div(sells.length)),
      realizedPnl: formatMoney(realized),
      finalEquity: formatMoney(finalEquity),
      returnPct: initial.isZero() ? '0' : pct(finalEquity.minus(initial).div(initial)),
      maxDrawdownPct,
      skippedEntries: run.skippedEntries,
    },
  };
}

function reportTrade(fill: BacktestRun['fills'][number]): ReportedTrade {
  const trade: ReportedTrade = {
    time: fill.time,
    side: fill.side,
    price: formatMoney(fill.price),
    qty: formatMoney(fill.qty),
    fee: formatMoney(fill.fee),
    reason: fill.reason,
  };
  if (fill.pnl) trade.pnl = formatMoney(fill.pnl);
  return trade;
}

/**
 * Exact equity `balance + qty * close` at every close, applying each candle's fills in
 * order; returns the deepest drawdown's exact size at the peak and trough the doubles found.
 */
function replayEquity(
  run: BacktestRun,
  candles: CandleSeries,
  initial: Money,
  point: EquityVisitor,
): string {
  const fills = run.fills;
  const wanted = run.drawdown;
  let peak = initial;
  let trough = initial;
  let balance = initial;
  let balanceText = formatMoney(initial);
  let qty = money(0);
  let next = 0;

  for (let t = 0; t < candles.length; t++) {
    while (next < fills.length && fills[next].candle === t) {
      const fill = fills[next++];
      balance = fill.balanceAfter;
      balanceText = formatMoney(balance);
      qty = fill.side === 'BUY' ? fill.qty : money(0);
    }
    let value: Money | null = null;
    let text = balanceText;
    if (!qty.isZero()) {
      value = balance.plus(qty.mul(closeOf(candles, t)));
      text = formatMoney(value);
    }
    point(candles.closeTime[t], text);
    if (wanted && (t === wanted.peak || t === wanted.trough)) {
      if (t === wanted.peak) peak = value ?? balance;
      if (t === wanted.trough) trough = value ?? balance;
    }
  }
  return wanted && peak.gt(0) ? pct(peak.minus(trough).div(peak)) : '0';
}

function closeOf(candles: CandleSeries, t: number): Money {
  return money(candles.exact('close', t));
}

function pct(ratio: Money): string {
  return formatMoney(ratio.mul(100).toDecimalPlaces(PCT_DECIMALS));
}
