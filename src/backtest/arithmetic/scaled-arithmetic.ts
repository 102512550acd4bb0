import { money } from '../../risk/money';
import type { FillParams, RiskParams } from '../../risk/risk-params';
import type { SymbolFilters } from '../../risk/symbol-filters';
import type { CandleSeries, PriceColumn } from '../candle-series';
import type { BacktestArithmetic, Bought } from './backtest-arithmetic';
import { decimalsOf, fromScaled, toScaled, Unscalable } from './scaled-decimal';

/** Binance's price ticks have at most 8 decimals; a candle with more makes the run Unscalable. */
const PRICE_DECIMALS = 8;
const PRICE_SCALE = 10 ** PRICE_DECIMALS;
const PRICE_UNIT = 10n ** BigInt(PRICE_DECIMALS);
/** Below 2^26 a double's spacing is under 1e-8: no two decimals of 8 places share a double. */
const UNIQUE_BELOW = 2 ** 26;

/**
 * The stock risk rules (trading-rules.md, as RiskRules computes them) on integers: every
 * amount is `units / 10^scale` with one scale for the whole run, chosen from the params so
 * that every product the rules take is exact at it (a fill price is a candle price times the
 * slippage factor, twice through an exit level; a fee is a step times that price times the
 * fee rate). A bigint sum or product costs tens of nanoseconds where a decimal costs a
 * microsecond. A fill is priced from the units of the candle price it starts from (the close
 * or open bought or sold at, the entry's price or the high under an exit level)
 * times integers fixed per run, so it divides nothing but the budget by a step's cost.
 * Sizing floors the exact quotient, where the decimals floor a quotient rounded at their 40th
 * significant digit: the two differ only for a quotient within 1e-40 of a step, which the
 * equivalence tests have not met.
 *
 * Null when the run needs decimals: no step to floor to, or prices given as text their
 * doubles do not print. A price finer than 8 decimals throws Unscalable when the run first
 * needs it: an open, high, low or close it fills at or compares exactly, or a close it holds
 * a position at (the report values the position there).
 */
export function scaledArithmetic(input: {
  risk: RiskParams;
  fill: FillParams;
  filters: SymbolFilters;
  initialBalanceQuote: string;
  candles: CandleSeries;
}): BacktestArithmetic<bigint> | null {
  const { risk, fill, filters, initialBalanceQuote, candles } = input;
  // Without a step, a size is the budget over the price rounded at 40 digits: decimals only.
  if (!filters.stepSize || money(filters.stepSize).lte(0)) return null;
  if (!candles.doublesExact) return null;
  const percents = [risk.stopLossPct, risk.takeProfitPct, risk.trailingStopPct];
  const levelDecimals =
    Math.max(...percents.map((pct) => (pct === null ? 0 : decimalsOf(pct)))) + 2;
  const factorDecimals = decimalsOf(fill.slippageBps) + 4;
  const fillPriceDecimals = PRICE_DECIMALS + 2 * factorDecimals + levelDecimals;
  const amounts = [
    initialBalanceQuote,
    risk.positionSizeQuote,
    risk.dailyLossLimitQuote,
    risk.dailyProfitTargetQuote,
    filters.minQty,
    filters.minNotional,
  ];
  const scale = Math.max(
    decimalsOf(filters.stepSize) + fillPriceDecimals + decimalsOf(fill.feeRate),
    ...amounts.map((amount) => (amount ? decimalsOf(amount) : 0)),
  );
  const fromPriceUnits = 10n ** BigInt(scale - PRICE_DECIMALS);
  const scaled = (text: string) => toScaled(text, scale);
  const optional = (text: string | null | undefined) => (text ? scaled(text) : null);
  const percentFactor = (sign: 1 | -1, pct: string | null) =>
    pct === null ? null : factorOf(money(1).plus(money(pct).div(100).mul(sign)).toFixed());

  const step = scaled(filters.stepSize);
  const perStep = factorOf(filters.stepSize);
  const fee = factorOf(fill.feeRate);
  // Sizing's budget over (1 + feeRate), as an integer ratio: withFee / 10^feeDecimals.
  const withFee = fee.divisor + fee.units;
  const positionSize = scaled(risk.positionSizeQuote);
  const positionSizeWithFee = by(positionSize, factorOf(money(1).plus(fill.feeRate).toFixed()));
  const minQty = optional(filters.minQty);
  const minNotional = optional(filters.minNotional);
  const slippage = money(fill.slippageBps).div(10_000);
  const paying = factorOf(money(1).plus(slippage).toFixed());
  const receiving = factorOf(money(1).minus(slippage).toFixed());
  const atScale = (units: bigint, decimals: number) => {
    if (decimals > scale) throw new Unscalable('a product');
    return units * 10n ** BigInt(scale - decimals);
  };
  const stopLossFactor = percentFactor(-1, risk.stopLossPct);
  const takeProfitFactor = percentFactor(1, risk.takeProfitPct);
  const trailingFactor = percentFactor(-1, risk.trailingStopPct);
  /**
   * A fill at a price of `units` / 10^8 times `factor` (the slippage, after an exit level's
   * factors): its price and, per unit of the quantity's last decimal, its quote and fee are
   * `units` times these integers, exactly, as the scale holds each product's decimals.
   */
  const fillAt = (factor: Factor): FillAt => {
    const decimals = PRICE_DECIMALS + factor.decimals;
    const unitDecimals = decimals + perStep.decimals;
    return {
      price: atScale(factor.units, decimals),
      unitQuote: atScale(factor.units, unitDecimals),
      unitFee: atScale(factor.units * fee.units, unitDecimals + fee.decimals),
    };
  };
  const buying = fillAt(paying);
  const buyStepCost = buying.unitQuote * perStep.units;
  const buyStepFee = buying.unitFee * perStep.units;
  /** A sale at an exit level: the level's factors, then the slippage. */
  const saleAt = (level: Factor | null) => level && fillAt(productOf(level, receiving));
  const fromEntry = (level: Factor | null) => level && productOf(paying, level);
  const atCandle = fillAt(receiving);
  const atStopLoss = saleAt(fromEntry(stopLossFactor));
  const atTakeProfit = saleAt(fromEntry(takeProfitFactor));
  const atTrailingFromEntry = saleAt(fromEntry(trailingFactor));
  const atTrailingFromHigh = saleAt(trailingFactor);
  const sale = (units: bigint, at: FillAt | null, bought: Bought<bigint>, balance: bigint) => {
    const { qtyUnits } = bought as ScaledBought;
    const { price, unitQuote, unitFee } = at as FillAt;
    const quote = qtyUnits * (units * unitQuote);
    const saleFee = qtyUnits * (units * unitFee);
    return {
      price: units * price,
      fee: saleFee,
      pnl: quote - saleFee - (bought.quote + bought.fee),
      balance: balance + quote - saleFee,
    };
  };
  const price = (series: CandleSeries, column: PriceColumn, index: number) =>
    priceUnits(checkedPrice(series[column][index])) * fromPriceUnits;
  const lossLimit = optional(risk.dailyLossLimitQuote);
  const lossFloor = lossLimit === null ? null : -lossLimit;
  const profitTarget = optional(risk.dailyProfitTargetQuote);

  return {
    zero: 0n,
    parse: scaled,
    price,
    format: (amount) => fromScaled(amount, scale),
    // Through the decimal text, so a double is the one decimal arithmetic gives: metrics on
    // doubles of the equity then agree whichever arithmetic ran.
    toNumber: (amount) => Number(fromScaled(amount, scale)),
    plus: (a, b) => a + b,
    compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    checkHeldClose: checkedPrice,
    markToMarket(balance, qty) {
      // A held close is units / 10^8 (checkHeldClose), a quantity a whole number of steps
      // of at most scale - 18 decimals: qty * close is (qty / 10^8) * units, exactly.
      const perPriceUnit = qty / PRICE_UNIT;
      if (perPriceUnit * PRICE_UNIT !== qty) throw new Error(`quantity ${qty} is off its scale`);
      return (series, index) => balance + perPriceUnit * priceUnits(series.close[index]);
    },

    buy(series, column, index, balance: bigint): ScaledBought | null {
      const units = priceUnits(checkedPrice(series[column][index]));
      const price = units * buying.price;
      const stepCost = units * buyStepCost;
      // floor(budget / price / step) with budget = min(size, balance / (1 + feeRate)).
      const steps =
        positionSizeWithFee <= balance
          ? positionSize / stepCost
          : (balance * fee.divisor) / (withFee * stepCost);
      const qty = steps * step;
      if (qty <= 0n || (minQty !== null && qty < minQty)) return null;
      const quote = steps * stepCost;
      if (minNotional !== null && quote < minNotional) return null;
      const buyFee = steps * (units * buyStepFee);
      const qtyUnits = steps * perStep.units;
      const rest = balance - quote - buyFee;
      return { price, qty, qtyUnits, entryUnits: units, quote, fee: buyFee, balance: rest };
    },

    sellAt: (series, column, index, bought, balance) =>
      sale(priceUnits(checkedPrice(series[column][index])), atCandle, bought, balance),

    sellAtLevel(rule, bought, series, high, balance) {
      const { entryUnits } = bought as ScaledBought;
      if (rule === 'stop_loss') return sale(entryUnits, atStopLoss, bought, balance);
      if (rule === 'take_profit') return sale(entryUnits, atTakeProfit, bought, balance);
      if (high < 0) return sale(entryUnits, atTrailingFromEntry, bought, balance);
      const highUnits = priceUnits(checkedPrice(series.high[high]));
      return sale(highUnits, atTrailingFromHigh, bought, balance);
    },

    level(rule, bought, series, high) {
      if (rule === 'trailing_stop') {
        const top = high < 0 ? bought.price : price(series, 'high', high);
        return by(top, trailingFactor as Factor);
      }
      return by(bought.price, (rule === 'stop_loss' ? stopLossFactor : takeProfitFactor) as Factor);
    },
    dailyLimitHit: (trades, realizedPnl) =>
      (risk.maxDailyTrades !== null && trades >= risk.maxDailyTrades) ||
      (lossFloor !== null && realizedPnl <= lossFloor) ||
      (profitTarget !== null && realizedPnl >= profitTarget),
  };
}

/**
 * A buy as the scaled arithmetic fills it (the `bought` its sales are given), with its
 * quantity at the step's own decimals and the units of the price it bought at.
 */
interface ScaledBought extends Bought<bigint> {
  qtyUnits: bigint;
  entryUnits: bigint;
}

/** What a fill at some price's units comes to: see `fillAt`. */
interface FillAt {
  price: bigint;
  unitQuote: bigint;
  unitFee: bigint;
}

/** A decimal as `units / divisor`, `divisor = 10^decimals`: a fee rate, a slippage factor. */
interface Factor {
  units: bigint;
  divisor: bigint;
  decimals: number;
}

function productOf(a: Factor, b: Factor): Factor {
  return {
    units: a.units * b.units,
    divisor: a.divisor * b.divisor,
    decimals: a.decimals + b.decimals,
  };
}

function factorOf(text: string): Factor {
  const decimals = decimalsOf(text);
  return { units: toScaled(text, decimals), divisor: 10n ** BigInt(decimals), decimals };
}

/** The price, if its decimal has at most 8 places; Unscalable otherwise. */
function checkedPrice(value: number): number {
  if (!isPriceDouble(value)) throw new Unscalable(String(value));
  return value;
}

/**
 * `amount * factor` at the amount's scale, for the exit levels a close call compares. The
 * scale leaves room for every product the rules take, so the division is exact; checking it
 * costs one more product by a one-word integer.
 */
function by(amount: bigint, factor: Factor): bigint {
  const product = amount * factor.units;
  const quotient = product / factor.divisor;
  if (quotient * factor.divisor !== product) throw new Unscalable('a product');
  return quotient;
}

/** A price's decimal in units of 10^-8, for a price isPriceDouble says is one. */
function priceUnits(value: number): bigint {
  return BigInt(Math.round(value * PRICE_SCALE));
}

/** Whether a price's decimal (its double's, in a series whose doubles are exact) is units / 10^8. */
function isPriceDouble(value: number): boolean {
  return value < UNIQUE_BELOW && Math.round(value * PRICE_SCALE) / PRICE_SCALE === value;
}
