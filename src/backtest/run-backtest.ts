import type { DailyCounters } from '../risk/daily-limits';
import type { ExitRule } from '../risk/exits';
import { type Fill, quoteDelta, roundTripPnl, type Side } from '../risk/fills';
import { money, type Money } from '../risk/money';
import { type FillParams, type Parsed, parseRules, type RiskParams } from '../risk/risk-params';
import type { RiskRules } from '../risk/risk-rules';
import type { SymbolFilters } from '../risk/symbol-filters';
import type { Strategy, StrategyParams } from '../strategies/strategy.interface';
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
}

export interface BacktestFill {
  /** The candle it filled on. */
  candle: number;
  /** That candle's closeTime (ms). */
  time: number;
  side: Side;
  price: Money;
  qty: Money;
  fee: Money;
  reason: ExitRule | 'signal';
  /** On sells: `(proceeds - sellFee) - (cost + buyFee)`. */
  pnl: Money | null;
  /** The quote balance right after this fill. */
  balanceAfter: Money;
}

export interface BacktestRun {
  fills: BacktestFill[];
  /** Buy signals not taken: a daily limit or the sizing said no. */
  skippedEntries: number;
  /** Quote balance and base held after the last candle. */
  balance: Money;
  positionQty: Money;
  /** Equity at each candle's close as a double: where the drawdown search runs. */
  equity: Float64Array;
  /** The deepest drawdown's peak (-1: the initial balance) and trough candles, if any. */
  drawdown: { peak: number; trough: number } | null;
}

const DAY_MS = 86_400_000;
/**
 * Doubles decide a comparison only when it is not close: prices parse to within 1e-16 of
 * their decimals, so anything inside this band goes to exact decimal arithmetic.
 */
const CLOSE_CALL = 1e-9;

/**
 * The backtest of trading-rules.md, pure: the strategy sees candles 0..t as closed; exits
 * on the candle's range first, then the signal on its close; fills, sizing and daily
 * limits are the same RiskRules ticks use. The loop runs on doubles and keeps every money
 * amount a decimal, so the result is exact while the per-candle cost stays a few
 * comparisons.
 */
export function runBacktest(input: BacktestInput, riskRules: RiskRules): BacktestRun {
  return new BacktestWalk(input, riskRules).run();
}

class BacktestWalk {
  private readonly c: CandleSeries;
  private readonly fills: BacktestFill[] = [];
  private skippedEntries = 0;

  private balance: Money;
  private balanceD: number;
  private qty: Money = money(0);
  private qtyD = 0;
  private inPosition = false;
  private entry: Money = money(0);
  private entryBuy = { quote: money(0), fee: money(0) };

  private stopLoss: Money | null = null;
  private stopLossD = 0;
  private takeProfit: Money | null = null;
  private takeProfitD = 0;
  /** Highest candle high since entry (the entry price at first): candle index, -1 = entry. */
  private highIndex = -1;
  private highD = 0;
  private readonly trailKeepD: number;
  private readonly stopLossFactorD: number;
  private readonly takeProfitFactorD: number;
  /** The input's rules with every decimal parsed once. */
  private readonly rules: {
    risk: Parsed<RiskParams>;
    fill: Parsed<FillParams>;
    filters: Parsed<SymbolFilters>;
  };
  /**
   * Below this balance no entry can pass minNotional (cost + fee <= balance), so a broke bot's
   * buy signals are skipped without sizing them in decimals.
   */
  private readonly brokeBelowD: number;

  private day = -1;
  /** A day whose limit was hit: no fill can change its counters, so it stays blocked. */
  private blockedDay = -1;
  private readonly daily: DailyCounters = { trades: 0, realizedPnl: money(0) };

  constructor(
    private readonly input: BacktestInput,
    private readonly riskRules: RiskRules,
  ) {
    this.c = input.candles;
    this.balance = money(input.initialBalanceQuote);
    this.balanceD = this.balance.toNumber();
    this.rules = parseRules(input.risk, input.fill, input.filters);
    const minNotional = Number(input.filters.minNotional ?? 0);
    this.brokeBelowD = minNotional * (1 + Number(input.fill.feeRate)) * (1 - CLOSE_CALL);
    const { stopLossPct, takeProfitPct, trailingStopPct } = input.risk;
    this.trailKeepD = trailingStopPct === null ? 0 : 1 - Number(trailingStopPct) / 100;
    this.stopLossFactorD = 1 - Number(stopLossPct ?? 0) / 100;
    this.takeProfitFactorD = 1 + Number(takeProfitPct ?? 0) / 100;
  }

  run(): BacktestRun {
    const { c } = this;
    const n = c.length;
    const close = c.close;
    const evaluator = this.input.strategy.createEvaluator(this.input.strategyParams);
    const equity = new Float64Array(n);
    let peak = this.balanceD;
    let peakIndex = -1;
    let deepest = 0;
    let drawdown: BacktestRun['drawdown'] = null;

    for (let t = 0; t < n; t++) {
      if (this.inPosition) this.exitOnRange(t);
      const action = evaluator.update(close[t]).action;
      if (action === 'sell') {
        if (this.inPosition) this.sell(t, money(c.exact('close', t)), 'signal');
      } else if (action === 'buy' && !this.inPosition) {
        this.buy(t);
      }
      const value = this.inPosition ? this.balanceD + this.qtyD * close[t] : this.balanceD;
      equity[t] = value;
      if (value > peak) {
        peak = value;
        peakIndex = t;
      } else if ((peak - value) / peak > deepest) {
        deepest = (peak - value) / peak;
        drawdown = { peak: peakIndex, trough: t };
      }
    }
    return {
      fills: this.fills,
      skippedEntries: this.skippedEntries,
      balance: this.balance,
      positionQty: this.qty,
      equity,
      drawdown,
    };
  }

  /** Stop loss, else take profit, else trailing stop; then the high moves on. */
  private exitOnRange(t: number): void {
    const { c } = this;
    const low = c.low[t];
    const high = c.high[t];
    const stop = this.stopLoss;
    if (stop && this.atOrBelow(low, 'low', t, this.stopLossD, stop)) {
      this.sell(t, minOpen(stop, c, t), 'stop_loss');
      return;
    }
    const target = this.takeProfit;
    if (target && this.atOrAbove(high, 'high', t, this.takeProfitD, target)) {
      this.sell(t, maxOpen(target, c, t), 'take_profit');
      return;
    }
    if (this.trailKeepD > 0) {
      const levelD = this.highD * this.trailKeepD;
      if (low <= levelD * (1 + CLOSE_CALL)) {
        const level = this.trailLevel();
        if (this.atOrBelow(low, 'low', t, levelD, level)) {
          this.sell(t, minOpen(level, c, t), 'trailing_stop');
          return;
        }
      }
    }
    this.raiseHigh(high, t);
  }

  private raiseHigh(high: number, t: number): void {
    const top = this.highD;
    if (high <= top * (1 - CLOSE_CALL)) return;
    if (high > top * (1 + CLOSE_CALL) || money(this.c.exact('high', t)).gt(this.highExact())) {
      this.highD = high;
      this.highIndex = t;
    }
  }

  private highExact(): Money {
    return this.highIndex < 0 ? this.entry : money(this.c.exact('high', this.highIndex));
  }

  private trailLevel(): Money {
    return this.riskRules.trailingLevel(this.highExact(), this.rules.risk.trailingStopPct) as Money;
  }

  /** `price <= level` for the candle's price, exact; `levelD` is the level as a double. */
  private atOrBelow(
    price: number,
    column: PriceColumn,
    t: number,
    levelD: number,
    level: Money,
  ): boolean {
    if (price > levelD * (1 + CLOSE_CALL)) return false;
    if (price < levelD * (1 - CLOSE_CALL)) return true;
    return money(this.c.exact(column, t)).lte(level);
  }

  private atOrAbove(
    price: number,
    column: PriceColumn,
    t: number,
    levelD: number,
    level: Money,
  ): boolean {
    if (price < levelD * (1 - CLOSE_CALL)) return false;
    if (price > levelD * (1 + CLOSE_CALL)) return true;
    return money(this.c.exact(column, t)).gte(level);
  }

  private buy(t: number): void {
    const { risk, fill, filters } = this.rules;
    this.rollDay(t);
    if (this.balanceD < this.brokeBelowD) {
      this.skippedEntries++;
      return;
    }
    if (this.day === this.blockedDay || this.riskRules.dailyLimitHit(this.daily, risk)) {
      this.blockedDay = this.day;
      this.skippedEntries++;
      return;
    }
    const price = this.riskRules.fillPrice(this.c.exact('close', t), 'BUY', fill.slippageBps);
    const size = this.riskRules.sizeEntry({
      balanceQuote: this.balance,
      positionSizeQuote: risk.positionSizeQuote,
      price,
      fill,
      filters,
    });
    if (!size.ok) {
      this.skippedEntries++;
      return;
    }
    // sizeEntry priced the buy already: cost and fee are buyFill's quote and fee.
    const made: Fill = { side: 'BUY', qty: size.qty, price, quote: size.cost, fee: size.fee };
    this.setBalance(this.balance.plus(quoteDelta(made)));
    this.inPosition = true;
    this.qty = made.qty;
    this.entry = price;
    this.entryBuy = { quote: made.quote, fee: made.fee };
    const levels = this.riskRules.exitLevels(price, risk);
    this.stopLoss = levels.stopLoss;
    this.takeProfit = levels.takeProfit;
    // The doubles only steer (equity for the drawdown search, levels up to CLOSE_CALL), so
    // float arithmetic is enough for them; Decimal#toNumber would cost more than the fill.
    const entryD = price.toNumber();
    this.qtyD = made.quote.toNumber() / entryD || 0;
    this.stopLossD = entryD * this.stopLossFactorD;
    this.takeProfitD = entryD * this.takeProfitFactorD;
    this.highIndex = -1;
    this.highD = entryD;
    this.daily.trades++;
    this.record(t, 'BUY', made.price, made.qty, made.fee, 'signal', null);
  }

  private sell(t: number, ref: Money, reason: ExitRule | 'signal'): void {
    const { fill } = this.rules;
    const price = this.riskRules.fillPrice(ref, 'SELL', fill.slippageBps);
    const made = this.riskRules.sellFill(this.qty, price, fill.feeRate);
    const pnl = roundTripPnl(this.entryBuy, made);
    this.setBalance(this.balance.plus(quoteDelta(made)));
    this.inPosition = false;
    this.qty = money(0);
    this.qtyD = 0;
    this.rollDay(t);
    this.daily.realizedPnl = (this.daily.realizedPnl as Money).plus(pnl);
    this.record(t, 'SELL', made.price, made.qty, made.fee, reason, pnl);
  }

  private record(
    t: number,
    side: Side,
    price: Money,
    qty: Money,
    fee: Money,
    reason: ExitRule | 'signal',
    pnl: Money | null,
  ): void {
    this.fills.push({
      candle: t,
      time: this.c.closeTime[t],
      side,
      price,
      qty,
      fee,
      reason,
      pnl,
      balanceAfter: this.balance,
    });
  }

  private setBalance(balance: Money): void {
    this.balance = balance;
    this.balanceD = balance.toNumber();
  }

  /** Daily counters belong to the UTC day of the candle's closeTime. */
  private rollDay(t: number): void {
    const day = Math.floor(this.c.closeTime[t] / DAY_MS);
    if (day === this.day) return;
    this.day = day;
    this.daily.trades = 0;
    this.daily.realizedPnl = money(0);
  }
}

/** A stop fills at its level, or at the open when the candle gapped through it. */
function minOpen(level: Money, c: CandleSeries, t: number): Money {
  const open = money(c.exact('open', t));
  return open.lt(level) ? open : level;
}

function maxOpen(level: Money, c: CandleSeries, t: number): Money {
  const open = money(c.exact('open', t));
  return open.gt(level) ? open : level;
}
