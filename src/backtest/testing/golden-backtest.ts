import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportBacktest } from '../backtest-report';
import { type CandleSeries, parseCandleRows } from '../candle-series';
import { runBacktest } from '../run-backtest';
import { riskParams } from '../../risk/testing/risk-params';
import { RiskRules } from '../../risk/risk-rules';
import type { Strategy, StrategyParams } from '../../strategies/strategy.interface';

/** A pinned trade: what a golden fixture holds, and the candle it filled on. */
export interface GoldenTrade {
  candle: number;
  time: number;
  side: 'BUY' | 'SELL';
  price: string;
  reason: string;
}

export interface GoldenSeries {
  series: CandleSeries;
  high: number[];
  low: number[];
  close: number[];
}

/**
 * 2000 hourly candles of the seeded simulated walk (seed 24 from 2026-01-01 at 90,000) at two
 * decimals, written once to a file so the series never moves with the simulator: long enough
 * for every built-in to trade a few times with its defaults.
 */
export function goldenSeries(): GoldenSeries {
  const text = readFileSync(join(process.cwd(), 'src/backtest/testing/golden-series.csv'), 'utf8');
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const parsed = parseCandleRows(rows);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const { series } = parsed;
  return { series, high: [...series.high], low: [...series.low], close: [...series.close] };
}

/** The trades of a backtest with no risk exit on: every one is the strategy's signal. */
export function goldenTrades(
  strategy: Strategy,
  params: StrategyParams,
  series: CandleSeries,
): GoldenTrade[] {
  const run = runBacktest(
    {
      strategy,
      strategyParams: params,
      risk: riskParams(),
      fill: { feeRate: '0.001', slippageBps: '5' },
      initialBalanceQuote: '10000',
      filters: { stepSize: '0.00001', minQty: '0.00001', minNotional: '5' },
      candles: series,
    },
    new RiskRules(),
  );
  const report = reportBacktest(run, series, '10000');
  return report.trades.map((trade, i) => ({
    candle: run.fills[i].candle,
    time: trade.time,
    side: trade.side,
    price: trade.price,
    reason: trade.reason,
  }));
}

/**
 * The fixture's trades; `UPDATE_GOLDEN=1` (re)writes it from `actual` first, after a rule
 * change that was checked by the spec's reference computation.
 */
export function pinnedTrades(path: string, actual: GoldenTrade[]): GoldenTrade[] {
  if (process.env.UPDATE_GOLDEN === '1')
    writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
  return JSON.parse(readFileSync(path, 'utf8')) as GoldenTrade[];
}

/** A strategy's rules as a naive reference computes them on candle t. */
export interface ReferenceRules {
  /** The first candle a signal may come on (warmup - 1). */
  first: number;
  buy(t: number): boolean;
  sell(t: number): boolean;
}

/**
 * Where the trades break the rules, as sentences (none when they follow them): each buy on
 * a candle whose buy rule held, each sell on one whose sell rule held, at the candle's close
 * with 5 bps slippage, and no rule held on the candles between, where the backtest acted on
 * nothing although it could have (flat: buy; holding: sell).
 */
export function ruleViolations(
  trades: readonly GoldenTrade[],
  rules: ReferenceRules,
  data: GoldenSeries,
): string[] {
  const out: string[] = [];
  let holding = false;
  let next = 0;
  for (let t = rules.first; t < data.close.length; t++) {
    const trade = trades[next]?.candle === t ? trades[next++] : undefined;
    const wanted = holding ? rules.sell(t) : rules.buy(t);
    const side = holding ? 'SELL' : 'BUY';
    if (!trade) {
      if (wanted) out.push(`candle ${t}: the ${side} rule held but nothing traded`);
      continue;
    }
    if (trade.side !== side || !wanted) out.push(`candle ${t}: ${trade.side} without its rule`);
    const slip = side === 'BUY' ? 1.0005 : 0.9995;
    if (Math.abs(Number(trade.price) / (data.close[t] * slip) - 1) > 1e-12) {
      out.push(`candle ${t}: price ${trade.price} is not the close ${data.close[t]} slipped`);
    }
    if (trade.time !== data.series.closeTime[t]) out.push(`candle ${t}: time ${trade.time}`);
    if (trade.reason !== 'signal') out.push(`candle ${t}: reason ${trade.reason}`);
    holding = !holding;
  }
  if (next < trades.length) out.push(`trade ${next} is before the warm-up or out of order`);
  return out;
}
