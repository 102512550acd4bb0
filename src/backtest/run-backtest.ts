import type { ExitRule } from '../risk/exits';
import type { Side } from '../risk/fills';
import { money } from '../risk/money';
import type { EntryPause } from '../risk/protections';
import type { FillParams, RiskParams } from '../risk/risk-params';
import { RiskRules } from '../risk/risk-rules';
import type { SymbolFilters } from '../risk/symbol-filters';
import { updateMany } from '../strategies/strategy-evaluation';
import { ACTION_CODE, type Strategy, type StrategyParams } from '../strategies/strategy.interface';
import type { BacktestArithmetic, Bought, Sold } from './arithmetic/backtest-arithmetic';
import { decimalArithmetic } from './arithmetic/decimal-arithmetic';
import { scaledArithmetic } from './arithmetic/scaled-arithmetic';
import { Unscalable } from './arithmetic/scaled-decimal';
import { type BacktestExecution, IMMEDIATE_EXECUTION } from './backtest-execution';
import type { CandleSeries, PriceColumn } from './candle-series';

export interface BacktestInput {
  strategy: Strategy;
  /** Already through `strategy.parseParams`. */
  strategyParams: StrategyParams;
  risk: RiskParams;
  fill: FillParams;
  initialBalanceQuote: string;
  filters: SymbolFilters;
  candles: CandleSeries;
  /** Left out: every order fills on its signal candle's close. */
  execution?: BacktestExecution;
}

/** Amounts are exact, of the run's arithmetic: read them through `run.arithmetic`. */
export interface BacktestFill<A = unknown> {
  /** The candle it filled on: its closeTime is the fill's time. */
  candle: number;
  side: Side;
  price: A;
  qty: A;
  fee: A;
  reason: ExitRule | 'signal';
  /** On sells: `(proceeds - sellFee) - (cost + buyFee)`. */
  pnl: A | null;
  /** The quote balance right after this fill. */
  balanceAfter: A;
}

export interface BacktestRun<A = unknown> {
  /** What the amounts below are, and how to add, multiply and print them. */
  arithmetic: BacktestArithmetic<A>;
  fills: BacktestFill<A>[];
  /** Buy signals not taken: a protection, a daily limit or the sizing said no. */
  skippedEntries: number;
  /** Of those, the ones a protection (cooldown, stopLossGuard, drawdown pause) blocked. */
  skippedByProtections: number;
  /** Quote balance and base held after the last candle. */
  balance: A;
  positionQty: A;
  /**
   * The deepest drawdown's peak (-1: the initial balance) and trough candles, if any, found
   * on the equity as doubles; the report measures it exactly.
   */
  drawdown: { peak: number; trough: number } | null;
}

const DAY_MS = 86_400_000;
/**
 * Signals come a block of closes at a time: they do not depend on the position, and an
 * evaluator's `updateMany` keeps its state in locals across a block.
 */
export const SIGNAL_BLOCK = 1024;
/** A tick evaluates a window of hundreds of candles; a block of SIGNAL_BLOCK, a few windows. */
export const BUDGET_TICKS_PER_BLOCK = 4;
/**
 * Doubles decide a comparison only when it is not close: prices parse to within 1e-16 of
 * their decimals, so anything inside this band goes to exact decimal arithmetic.
 */
const CLOSE_CALL = 1e-9;

/**
 * The backtest of trading-rules.md, pure: the strategy sees candles 0..t as closed; exits
 * on the candle's range first, then the signal on its close; fills, sizing and daily
 * limits are the same rules ticks use. The loop runs on doubles and keeps every money
 * amount exact, so the result is exact while the per-candle cost stays a few comparisons.
 * The stock rules run on scaled integers when the params and prices fit them, any other
 * (injected) rules on decimals through `riskRules`; both give the same result.
 */
export function runBacktest(input: BacktestInput, riskRules: RiskRules): BacktestRun {
  const scaled = isStock(riskRules) ? scaledArithmetic(input) : null;
  if (scaled) {
    try {
      return new BacktestWalk(input, scaled, riskRules).run();
    } catch (error) {
      if (!(error instanceof Unscalable)) throw error;
    }
  }
  return new BacktestWalk(input, decimalArithmetic(input, riskRules), riskRules).run();
}

/** The scaled arithmetic implements RiskRules' own methods: a subclass may decide otherwise. */
function isStock(riskRules: RiskRules): boolean {
  return (
    Object.getPrototypeOf(riskRules) === RiskRules.prototype && Object.keys(riskRules).length === 0
  );
}

class BacktestWalk<A> {
  private readonly c: CandleSeries;
  private readonly fills: BacktestFill<A>[] = [];
  private skippedEntries = 0;

  private balance: A;
  private balanceD: number;
  /** The buy of the open position, null when flat. */
  private bought: Bought<A> | null = null;
  private qtyD = 0;

  private readonly stopLossOn: boolean;
  private stopLossD = 0;
  private readonly takeProfitOn: boolean;
  private takeProfitD = 0;
  /** Highest candle high since entry (the entry price at first): candle index, -1 = entry. */
  private highIndex = -1;
  private highD = 0;
  private readonly trailKeepD: number;
  private readonly stopLossFactorD: number;
  private readonly takeProfitFactorD: number;
  /**
   * Below this balance no entry can pass minNotional (cost + fee <= balance), so a broke bot's
   * buy signals are skipped without sizing them exactly.
   */
  private readonly brokeBelowD: number;

  /** Protections: the walk asks `rules` only at buys, stop losses and equity checks. */
  private readonly guarded: boolean;
  private readonly stopLossGuarded: boolean;
  private readonly drawdownOn: boolean;
  /** Injected rules decide every drawdown check; the stock ones only close calls. */
  private readonly drawdownExact: boolean;
  private readonly drawdownKeepD: number;
  /** The first candle boundary at which the longest pause so far lets entries in. */
  private pauseUntil = -Infinity;
  private skippedByProtections = 0;
  /** Candle boundaries of the stop losses the stopLossGuard still counts. */
  private stopLosses: number[] = [];
  /** The drawdown's running peak: its equity as a double, and what it was exactly. */
  private peakD: number;
  private peakBalance: A;
  private peakQty: A | null = null;
  private peakIndex = -1;

  private day = -1;
  /** A day whose limit was hit: no fill can change its counters, so it stays blocked. */
  private blockedDay = -1;
  private dailyTrades = 0;
  private dailyPnl: A;

  /** Candles from a signal to its fill, and the price it fills at: 0 fills on the signal. */
  private readonly delay: number;
  private readonly fillColumn: PriceColumn;
  /** The one order waiting for its fill candle (`pendingAt`), with a delay only. */
  private pendingSide: Side | null = null;
  private pendingAt = -1;

  constructor(
    private readonly input: BacktestInput,
    private readonly m: BacktestArithmetic<A>,
    private readonly rules: RiskRules,
  ) {
    this.c = input.candles;
    this.balance = m.parse(input.initialBalanceQuote);
    this.balanceD = m.toNumber(this.balance);
    this.peakBalance = this.balance;
    this.peakD = this.balanceD;
    const { cooldownCandles, stopLossGuard, maxDrawdownPct } = input.risk;
    this.stopLossGuarded = cooldownCandles != null || stopLossGuard != null;
    this.drawdownOn = maxDrawdownPct != null;
    this.guarded = this.stopLossGuarded || this.drawdownOn;
    this.drawdownExact = !isStock(rules);
    this.drawdownKeepD = 1 - Number(maxDrawdownPct ?? 0) / 100;
    this.dailyPnl = m.zero;
    const minNotional = Number(input.filters.minNotional ?? 0);
    this.brokeBelowD = minNotional * (1 + Number(input.fill.feeRate)) * (1 - CLOSE_CALL);
    const { stopLossPct, takeProfitPct, trailingStopPct } = input.risk;
    this.stopLossOn = stopLossPct !== null;
    this.takeProfitOn = takeProfitPct !== null;
    this.trailKeepD = trailingStopPct === null ? 0 : 1 - Number(trailingStopPct) / 100;
    this.stopLossFactorD = 1 - Number(stopLossPct ?? 0) / 100;
    this.takeProfitFactorD = 1 + Number(takeProfitPct ?? 0) / 100;
    const { latencyCandles, fillAt } = input.execution ?? IMMEDIATE_EXECUTION;
    this.fillColumn = fillAt === 'next-open' ? 'open' : 'close';
    this.delay = latencyCandles + (fillAt === 'next-open' ? 1 : 0);
  }

  run(): BacktestRun<A> {
    const { c } = this;
    const n = c.length;
    const close = c.close;
    const { strategy, strategyParams } = this.input;
    const evaluator = strategy.createEvaluator(strategyParams);
    // A strategy's budget is per tick; a block of candles is at most this many ticks' work.
    const budget =
      strategy.timeBudgetMs === undefined
        ? undefined
        : { key: strategy.key, ms: strategy.timeBudgetMs * BUDGET_TICKS_PER_BLOCK };
    let peak = this.balanceD;
    let peakIndex = -1;
    let deepest = 0;
    let drawdown: BacktestRun['drawdown'] = null;

    const actions = new Int8Array(SIGNAL_BLOCK);
    let flatValue = Number.NaN;
    const { drawdownOn } = this;
    const delayed = this.delay > 0;
    for (let from = 0; from < n; from += SIGNAL_BLOCK) {
      const to = Math.min(n, from + SIGNAL_BLOCK);
      updateMany(evaluator, c, from, to, actions, budget);
      for (let t = from; t < to; t++) {
        const action = actions[t - from];
        if (delayed) {
          this.delayedStep(t, action);
        } else {
          if (this.bought) this.exitOnRange(t);
          if (action === ACTION_CODE.sell) {
            if (this.bought) this.sellAt(t, 'close', 'signal');
          } else if (action === ACTION_CODE.buy && !this.bought) {
            this.buy(t, 'close');
          }
        }
        // Flat, the equity is the balance: a value measured already moves neither the peak
        // nor the deepest drawdown, and most candles of a run are flat ones.
        if (this.bought || this.balanceD !== flatValue) {
          let value = this.balanceD;
          if (this.bought) {
            this.m.checkHeldClose(close[t]);
            value += this.qtyD * close[t];
          } else {
            flatValue = value;
          }
          if (drawdownOn) this.watchEquity(t, value);
          if (value > peak) {
            peak = value;
            peakIndex = t;
          } else if ((peak - value) / peak > deepest) {
            deepest = (peak - value) / peak;
            drawdown = { peak: peakIndex, trough: t };
          }
        }
      }
    }
    return {
      arithmetic: this.m,
      fills: this.fills,
      skippedEntries: this.skippedEntries,
      skippedByProtections: this.skippedByProtections,
      balance: this.balance,
      positionQty: this.bought ? this.bought.qty : this.m.zero,
      drawdown,
    };
  }

  /**
   * Candle t with a delayed execution: the order due at its open fills, the exits run, the
   * order due at its close fills, and only then may its signal place the next order.
   */
  private delayedStep(t: number, action: number): void {
    const due = this.pendingAt === t;
    if (due && this.fillColumn === 'open') this.fillPending(t);
    if (this.bought) this.exitOnRange(t);
    if (due && this.pendingSide !== null) this.fillPending(t);
    if (this.pendingSide !== null) return;
    if (action === ACTION_CODE.sell ? this.bought : action === ACTION_CODE.buy && !this.bought) {
      this.pendingSide = action === ACTION_CODE.sell ? 'SELL' : 'BUY';
      this.pendingAt = t + this.delay;
    }
  }

  /** The pending order fills on candle t, as a signal on it would; a buy is checked then. */
  private fillPending(t: number): void {
    const side = this.pendingSide;
    this.pendingSide = null;
    if (side === 'BUY') this.buy(t, this.fillColumn);
    else if (this.bought) this.sellAt(t, this.fillColumn, 'signal');
  }

  /** Stop loss, else take profit, else trailing stop; then the high moves on. */
  private exitOnRange(t: number): void {
    const { c } = this;
    const low = c.low[t];
    const high = c.high[t];
    if (this.stopLossOn && this.sideOf(low, 'low', t, this.stopLossD, 'stop_loss') <= 0) {
      this.exit(t, 'stop_loss', this.stopLossD, -1);
      if (this.stopLossGuarded) this.afterStopLoss(t);
      return;
    }
    if (this.takeProfitOn && this.sideOf(high, 'high', t, this.takeProfitD, 'take_profit') >= 0) {
      this.exit(t, 'take_profit', this.takeProfitD, 1);
      return;
    }
    if (this.trailKeepD > 0) {
      const levelD = this.highD * this.trailKeepD;
      if (this.sideOf(low, 'low', t, levelD, 'trailing_stop') <= 0) {
        this.exit(t, 'trailing_stop', levelD, -1);
        return;
      }
    }
    this.raiseHigh(high, t);
  }

  private raiseHigh(high: number, t: number): void {
    const top = this.highD;
    if (high <= top * (1 - CLOSE_CALL)) return;
    if (
      high > top * (1 + CLOSE_CALL) ||
      this.m.compare(this.exact('high', t), this.highExact()) > 0
    ) {
      this.highD = high;
      this.highIndex = t;
    }
  }

  private highExact(): A {
    return this.highIndex < 0
      ? (this.bought as Bought<A>).price
      : this.exact('high', this.highIndex);
  }

  /**
   * Where candle t's `column` price (`price`) stands against a rule's level, exactly: -1
   * below, 0 at, 1 above. `levelD` is the level as a double, which settles it unless the
   * price is within CLOSE_CALL of it; only then is the exact level worked out.
   */
  private sideOf(
    price: number,
    column: PriceColumn,
    t: number,
    levelD: number,
    rule: ExitRule,
  ): number {
    if (price > levelD * (1 + CLOSE_CALL)) return 1;
    if (price < levelD * (1 - CLOSE_CALL)) return -1;
    const { bought, c, highIndex } = this;
    return this.m.compare(
      this.exact(column, t),
      this.m.level(rule, bought as Bought<A>, c, highIndex),
    );
  }

  /**
   * An exit fills at its level, or at the open when the candle gapped through it: below the
   * level for a stop (`direction` -1), above it for a target (+1).
   */
  private exit(t: number, rule: ExitRule, levelD: number, direction: -1 | 1): void {
    if (this.sideOf(this.c.open[t], 'open', t, levelD, rule) === direction) {
      this.sellAt(t, 'open', rule);
      return;
    }
    const { c, bought, highIndex, balance } = this;
    this.settle(t, this.m.sellAtLevel(rule, bought as Bought<A>, c, highIndex, balance), rule);
  }

  private exact(column: PriceColumn, t: number): A {
    return this.m.price(this.c, column, t);
  }

  private buy(t: number, column: PriceColumn): void {
    const { m } = this;
    if (this.guarded && this.entryPaused(t)) {
      this.skippedEntries++;
      this.skippedByProtections++;
      return;
    }
    this.rollDay(t);
    if (this.balanceD < this.brokeBelowD) {
      this.skippedEntries++;
      return;
    }
    if (this.day === this.blockedDay || m.dailyLimitHit(this.dailyTrades, this.dailyPnl)) {
      this.blockedDay = this.day;
      this.skippedEntries++;
      return;
    }
    const bought = m.buy(this.c, column, t, this.balance);
    if (!bought) {
      this.skippedEntries++;
      return;
    }
    this.setBalance(bought.balance);
    this.bought = bought;
    // The doubles only steer (equity for the drawdown search, levels up to CLOSE_CALL), so
    // float arithmetic is enough for them.
    const entryD = m.toNumber(bought.price);
    this.qtyD = m.toNumber(bought.quote) / entryD || 0;
    this.stopLossD = entryD * this.stopLossFactorD;
    this.takeProfitD = entryD * this.takeProfitFactorD;
    this.highIndex = -1;
    this.highD = entryD;
    this.dailyTrades++;
    this.record(t, 'BUY', bought.price, bought.qty, bought.fee, 'signal', null);
  }

  /** Whether a protection blocks an entry on candle t; a flat bot's equity is checked first. */
  private entryPaused(t: number): boolean {
    if (this.drawdownOn) this.watchEquity(t, this.balanceD);
    return this.c.closeTime[t] + 1 < this.pauseUntil;
  }

  /** A stop loss on candle t: the cooldown and the stopLossGuard may pause entries. */
  private afterStopLoss(t: number): void {
    const [at, intervalMs] = this.candleClock(t);
    const { rules } = this;
    this.stopLosses = rules.recentStopLosses(this.stopLosses, at, intervalMs, this.input.risk);
    this.setPause(rules.stopLossPause(this.stopLosses, at, intervalMs, this.input.risk));
  }

  /**
   * The drawdown protection on the equity `value` at candle t. Doubles settle a clear new
   * peak or a clear non-event; near the peak or the limit the rules decide exactly.
   */
  private watchEquity(t: number, value: number): void {
    const peak = this.peakD;
    if (!this.drawdownExact) {
      if (value > peak * (1 + CLOSE_CALL)) {
        this.newPeak(t, value);
        return;
      }
      if (value < peak * (1 - CLOSE_CALL) && value > peak * this.drawdownKeepD * (1 + CLOSE_CALL))
        return;
    }
    const { m, c } = this;
    const peakExact = money(
      m.format(
        this.peakQty === null
          ? this.peakBalance
          : m.markToMarket(this.peakBalance, this.peakQty)(c, this.peakIndex),
      ),
    );
    const equity = money(
      m.format(this.bought ? m.markToMarket(this.balance, this.bought.qty)(c, t) : this.balance),
    );
    const [at, intervalMs] = this.candleClock(t);
    const step = this.rules.drawdownStep(peakExact, equity, at, intervalMs, this.input.risk);
    // The peak moved up to this equity, or restarted from it with a pause.
    if (step.peak !== peakExact) this.newPeak(t, value);
    this.setPause(step.pause);
  }

  private newPeak(t: number, value: number): void {
    this.peakD = value;
    this.peakBalance = this.balance;
    this.peakQty = this.bought ? this.bought.qty : null;
    this.peakIndex = t;
  }

  private setPause(pause: EntryPause | null): void {
    if (pause && pause.until > this.pauseUntil) this.pauseUntil = pause.until;
  }

  /** Candle t's boundary (closeTime + 1 ms) and length: protections count candles in time. */
  private candleClock(t: number): [number, number] {
    const at = this.c.closeTime[t] + 1;
    return [at, at - this.c.openTime[t]];
  }

  private sellAt(t: number, column: PriceColumn, reason: ExitRule | 'signal'): void {
    const sold = this.m.sellAt(this.c, column, t, this.bought as Bought<A>, this.balance);
    this.settle(t, sold, reason);
  }

  private settle(t: number, sold: Sold<A>, reason: ExitRule | 'signal'): void {
    const bought = this.bought as Bought<A>;
    this.setBalance(sold.balance);
    this.bought = null;
    this.qtyD = 0;
    // An exit sells the position a pending sell was for.
    this.pendingSide = null;
    this.rollDay(t);
    this.dailyPnl = this.m.plus(this.dailyPnl, sold.pnl);
    this.record(t, 'SELL', sold.price, bought.qty, sold.fee, reason, sold.pnl);
  }

  private record(
    t: number,
    side: Side,
    price: A,
    qty: A,
    fee: A,
    reason: ExitRule | 'signal',
    pnl: A | null,
  ): void {
    this.fills.push({
      candle: t,
      side,
      price,
      qty,
      fee,
      reason,
      pnl,
      balanceAfter: this.balance,
    });
  }

  private setBalance(balance: A): void {
    this.balance = balance;
    this.balanceD = this.m.toNumber(balance);
  }

  /** Daily counters belong to the UTC day of the candle's closeTime. */
  private rollDay(t: number): void {
    const day = Math.floor(this.c.closeTime[t] / DAY_MS);
    if (day === this.day) return;
    this.day = day;
    this.dailyTrades = 0;
    this.dailyPnl = this.m.zero;
  }
}
