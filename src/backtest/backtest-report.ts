import type { Side } from '../risk/fills';
import { formatMoney, money, type Money } from '../risk/money';
import type { CandleSeries } from './candle-series';
import type { BacktestFill, BacktestRun } from './run-backtest';

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
  /** Buy signals not taken because of a protection, a daily limit or the sizing. */
  skippedEntries: number;
  /** Of those, the ones a protection (cooldown, stopLossGuard, drawdown pause) blocked. */
  skippedByProtections: number;
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
export function summarizeBacktest<A>(
  run: BacktestRun<A>,
  candles: CandleSeries,
  initialBalanceQuote: string,
  point: EquityVisitor,
): Omit<BacktestReport, 'equity'> {
  const m = run.arithmetic;
  const trades = run.fills.map((fill) => reportTrade(fill, candles, m.format));
  const pnls = run.fills.flatMap((fill) => (fill.pnl === null ? [] : [fill.pnl]));
  const wins = pnls.filter((pnl) => m.compare(pnl, m.zero) > 0).length;
  const realized = pnls.reduce((sum, pnl) => m.plus(sum, pnl), m.zero);
  const initial = money(initialBalanceQuote);

  const maxDrawdownPct = replayEquity(run, candles, m.parse(initialBalanceQuote), point);
  const last = candles.length - 1;
  const finalEquity =
    last < 0
      ? initial
      : money(m.format(m.markToMarket(run.balance, run.positionQty)(candles, last)));

  return {
    trades,
    metrics: {
      roundTrips: pnls.length,
      wins,
      winRatePct: pnls.length === 0 ? '0' : pct(money(wins).div(pnls.length)),
      realizedPnl: m.format(realized),
      finalEquity: formatMoney(finalEquity),
      returnPct: initial.isZero() ? '0' : pct(finalEquity.minus(initial).div(initial)),
      maxDrawdownPct,
      skippedEntries: run.skippedEntries,
      skippedByProtections: run.skippedByProtections,
    },
  };
}

function reportTrade<A>(
  fill: BacktestFill<A>,
  candles: CandleSeries,
  format: (amount: A) => string,
): ReportedTrade {
  const trade: ReportedTrade = {
    time: candles.closeTime[fill.candle],
    side: fill.side,
    price: format(fill.price),
    qty: format(fill.qty),
    fee: format(fill.fee),
    reason: fill.reason,
  };
  if (fill.pnl !== null) trade.pnl = format(fill.pnl);
  return trade;
}

/**
 * Exact equity `balance + qty * close` at every close, applying each candle's fills in
 * order; returns the deepest drawdown's exact size at the peak and trough the doubles found.
 */
function replayEquity<A>(
  run: BacktestRun<A>,
  candles: CandleSeries,
  initial: A,
  point: EquityVisitor,
): string {
  const m = run.arithmetic;
  const { fills } = run;
  const wanted = run.drawdown;
  let balance = initial;
  let balanceText = m.format(balance);
  let peak = balance;
  let trough = balance;
  let mark: ((candles: CandleSeries, index: number) => A) | null = null;
  let next = 0;

  for (let t = 0; t < candles.length; t++) {
    while (next < fills.length && fills[next].candle === t) {
      const fill = fills[next++];
      balance = fill.balanceAfter;
      balanceText = m.format(balance);
      mark = fill.side === 'BUY' ? m.markToMarket(balance, fill.qty) : null;
    }
    let value = balance;
    let text = balanceText;
    if (mark !== null) {
      value = mark(candles, t);
      text = m.format(value);
    }
    point(candles.closeTime[t], text);
    if (t === wanted?.peak) peak = value;
    if (t === wanted?.trough) trough = value;
  }
  if (!wanted || m.compare(peak, m.zero) <= 0) return '0';
  const top = money(m.format(peak));
  return pct(top.minus(m.format(trough)).div(top));
}

function pct(ratio: Money): string {
  return formatMoney(ratio.mul(100).toDecimalPlaces(PCT_DECIMALS));
}
