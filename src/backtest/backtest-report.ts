import type { Side } from '../risk/fills';
import { formatMoney, money } from '../risk/money';
import type { CandleSeries } from './candle-series';
import {
  cagr,
  EquityStream,
  pct,
  rounded,
  type TradeTotals,
  statistic,
  tradeStatistics,
  YEAR_MS,
} from './report-metrics';
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
  // The rest as docs/backtesting.md defines them; null where a metric is undefined.
  cagrPct: string | null;
  sharpe: string | null;
  sortino: string | null;
  calmar: string | null;
  maxDrawdownDurationMs: number;
  profitFactor: string | null;
  expectancy: string | null;
  avgWin: string | null;
  avgLoss: string | null;
  avgTradeDurationMs: number | null;
  exposurePct: string;
  feesPaid: string;
  buyAndHoldReturnPct: string | null;
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

export { PCT_DECIMALS } from './report-metrics';

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
 * Without `point` (a search point) no equity text is made at all; the metrics are the same.
 */
export function summarizeBacktest<A>(
  run: BacktestRun<A>,
  candles: CandleSeries,
  initialBalanceQuote: string,
  point?: EquityVisitor,
): Omit<BacktestReport, 'equity'> {
  const trades = run.fills.map((fill) => reportTrade(fill, candles, run.arithmetic.format));
  return { trades, metrics: backtestMetrics(run, candles, initialBalanceQuote, point) };
}

/** summarizeBacktest's metrics alone: a search point need not print its trades. */
export function backtestMetrics<A>(
  run: BacktestRun<A>,
  candles: CandleSeries,
  initialBalanceQuote: string,
  point?: EquityVisitor,
): BacktestMetrics {
  const m = run.arithmetic;
  const initial = money(initialBalanceQuote);
  const replay = replayEquity(run, candles, m.parse(initialBalanceQuote), point);
  const last = candles.length - 1;
  const finalEquity =
    last < 0
      ? initial
      : money(m.format(m.markToMarket(run.balance, run.positionQty)(candles, last)));
  const { maxDrawdownPct } = replay;
  const fills = fillTotals(run, candles);
  const { roundTrips, wins } = fills.trades;

  const periodMs = last < 0 ? 0 : candles.closeTime[0] + 1 - candles.openTime[0];
  const spanMs = last < 0 ? 0 : candles.closeTime[last] + 1 - candles.openTime[0];
  const growth = cagr(initial.toNumber(), finalEquity.toNumber(), spanMs);
  const stats = replay.stream.result(periodMs > 0 ? YEAR_MS / periodMs : 0);
  const drawdown = Number(maxDrawdownPct);

  return {
    roundTrips,
    wins,
    winRatePct: roundTrips === 0 ? '0' : pct(money(wins).div(roundTrips)),
    realizedPnl: fills.realizedPnl,
    finalEquity: formatMoney(finalEquity),
    returnPct: initial.isZero() ? '0' : pct(finalEquity.minus(initial).div(initial)),
    maxDrawdownPct,
    skippedEntries: run.skippedEntries,
    skippedByProtections: run.skippedByProtections,
    cagrPct: statistic(growth === null ? null : growth * 100),
    sharpe: statistic(stats.sharpe),
    sortino: statistic(stats.sortino),
    calmar: statistic(growth === null || drawdown === 0 ? null : (growth * 100) / drawdown),
    maxDrawdownDurationMs: stats.maxDrawdownDurationMs,
    ...tradeStatistics(fills.trades),
    exposurePct: last < 0 ? '0' : rounded(money(fills.heldCandles).div(candles.length).mul(100)),
    feesPaid: fills.feesPaid,
    buyAndHoldReturnPct: buyAndHold(run, candles),
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
 * One pass over the fills in the run's own arithmetic (decimals only for the few sums):
 * each sell closes the round trip of the buy before it. `heldCandles` counts the candles at
 * whose close a position is held, `s - b` for a buy on b sold on s, `n - b` if still open.
 */
function fillTotals<A>(
  run: BacktestRun<A>,
  candles: CandleSeries,
): { trades: TradeTotals; realizedPnl: string; heldCandles: number; feesPaid: string } {
  const m = run.arithmetic;
  const { closeTime } = candles;
  let gains = m.zero;
  let lost = m.zero;
  let realized = m.zero;
  let fees = m.zero;
  let roundTrips = 0;
  let wins = 0;
  let losses = 0;
  let durationMs = 0;
  let held = 0;
  let entry = -1;
  for (const fill of run.fills) {
    fees = m.plus(fees, fill.fee);
    if (fill.pnl === null) {
      entry = fill.candle;
      continue;
    }
    roundTrips++;
    realized = m.plus(realized, fill.pnl);
    durationMs += closeTime[fill.candle] - closeTime[entry];
    held += fill.candle - entry;
    entry = -1;
    const sign = m.compare(fill.pnl, m.zero);
    if (sign > 0) {
      gains = m.plus(gains, fill.pnl);
      wins++;
    } else if (sign < 0) {
      lost = m.plus(lost, fill.pnl);
      losses++;
    }
  }
  if (entry >= 0) held += candles.length - entry;
  const exact = (amount: A) => money(m.format(amount));
  return {
    trades: {
      roundTrips,
      wins,
      losses,
      gains: exact(gains),
      lost: exact(lost),
      realized: exact(realized),
      durationMs,
    },
    realizedPnl: m.format(realized),
    heldCandles: held,
    feesPaid: m.format(fees),
  };
}

/** The first close bought and held to the last close, no fees: null without candles. */
function buyAndHold<A>(run: BacktestRun<A>, candles: CandleSeries): string | null {
  const m = run.arithmetic;
  if (candles.length === 0) return null;
  const first = money(m.format(m.price(candles, 'close', 0)));
  const last = money(m.format(m.price(candles, 'close', candles.length - 1)));
  return first.isZero() ? null : rounded(last.minus(first).div(first).mul(100));
}

/**
 * Exact equity `balance + qty * close` at every close, applying each candle's fills in
 * order: its text goes to `point`, if any, its double to the statistics. The deepest
 * drawdown is measured exactly at the peak and trough the doubles found.
 */
function replayEquity<A>(
  run: BacktestRun<A>,
  candles: CandleSeries,
  initial: A,
  point: EquityVisitor | undefined,
): { maxDrawdownPct: string; stream: EquityStream } {
  const m = run.arithmetic;
  const { fills } = run;
  const { close, closeTime } = candles;
  const wanted = run.drawdown;
  const stream = new EquityStream(m.toNumber(initial), candles.length ? candles.openTime[0] : 0);
  let balance = initial;
  let balanceD = m.toNumber(balance);
  let balanceText = point ? m.format(balance) : '';
  let qtyD = 0;
  let peak = balance;
  let trough = balance;
  let mark: ((candles: CandleSeries, index: number) => A) | null = null;
  let next = 0;

  for (let t = 0; t < candles.length; t++) {
    while (next < fills.length && fills[next].candle === t) {
      const fill = fills[next++];
      balance = fill.balanceAfter;
      balanceD = m.toNumber(balance);
      if (point) balanceText = m.format(balance);
      const bought = fill.side === 'BUY';
      mark = bought ? m.markToMarket(balance, fill.qty) : null;
      qtyD = bought ? m.toNumber(fill.qty) : 0;
    }
    // The statistics see the same doubles with or without the text.
    stream.add(closeTime[t], mark === null ? balanceD : balanceD + qtyD * close[t]);
    if (point) point(closeTime[t], mark === null ? balanceText : m.format(mark(candles, t)));
    if (t === wanted?.peak) peak = mark === null ? balance : mark(candles, t);
    if (t === wanted?.trough) trough = mark === null ? balance : mark(candles, t);
  }
  if (!wanted || m.compare(peak, m.zero) <= 0) return { maxDrawdownPct: '0', stream };
  const top = money(m.format(peak));
  return { maxDrawdownPct: pct(top.minus(m.format(trough)).div(top)), stream };
}
