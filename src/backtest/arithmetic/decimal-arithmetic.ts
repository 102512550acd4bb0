import type { ExitRule } from '../../risk/exits';
import { type Fill, quoteDelta, roundTripPnl } from '../../risk/fills';
import { formatMoney, money, type Money } from '../../risk/money';
import { type FillParams, parseRules, type RiskParams } from '../../risk/risk-params';
import type { RiskRules } from '../../risk/risk-rules';
import type { SymbolFilters } from '../../risk/symbol-filters';
import type { CandleSeries } from '../candle-series';
import type { BacktestArithmetic, Bought, Sold } from './backtest-arithmetic';

/**
 * The reference arithmetic: decimals, every rule through the given RiskRules, so a
 * backtest decides exactly as ticks do, whatever rules were injected.
 */
export function decimalArithmetic(
  params: { risk: RiskParams; fill: FillParams; filters: SymbolFilters },
  rules: RiskRules,
): BacktestArithmetic<Money> {
  // Parsed once: a backtest prices thousands of fills with the same params.
  const { risk, fill, filters } = parseRules(params.risk, params.fill, params.filters);
  const level = (rule: ExitRule, bought: Bought<Money>, candles: CandleSeries, high: number) => {
    if (rule === 'trailing_stop') {
      const top = high < 0 ? bought.price : money(candles.exact('high', high));
      return rules.trailingLevel(top, risk.trailingStopPct) as Money;
    }
    const levels = rules.exitLevels(bought.price, risk);
    return (rule === 'stop_loss' ? levels.stopLoss : levels.takeProfit) as Money;
  };
  const sell = (ref: Money, bought: Bought<Money>, balance: Money): Sold<Money> => {
    const price = rules.fillPrice(ref, 'SELL', fill.slippageBps);
    const made = rules.sellFill(bought.qty, price, fill.feeRate);
    return {
      price,
      fee: made.fee,
      pnl: roundTripPnl(bought, made),
      balance: balance.plus(quoteDelta(made)),
    };
  };
  return {
    zero: money(0),
    parse: (text) => money(text),
    price: (candles, column, index) => money(candles.exact(column, index)),
    format: formatMoney,
    toNumber: (amount) => amount.toNumber(),
    plus: (a, b) => a.plus(b),
    compare: (a, b) => a.cmp(b),
    checkHeldClose: () => undefined,
    markToMarket: (balance, qty) => (candles, index) =>
      balance.plus(qty.mul(candles.exact('close', index))),

    buy(candles, column, index, balance: Money): Bought<Money> | null {
      const ref = money(candles.exact(column, index));
      const price = rules.fillPrice(ref, 'BUY', fill.slippageBps);
      const size = rules.sizeEntry({
        balanceQuote: balance,
        positionSizeQuote: risk.positionSizeQuote,
        price,
        fill,
        filters,
      });
      if (!size.ok) return null;
      // sizeEntry priced the buy already: cost and fee are buyFill's quote and fee.
      const made: Fill = { side: 'BUY', qty: size.qty, price, quote: size.cost, fee: size.fee };
      return {
        price,
        qty: made.qty,
        quote: made.quote,
        fee: made.fee,
        balance: balance.plus(quoteDelta(made)),
      };
    },

    sellAt: (candles, column, index, bought, balance) =>
      sell(money(candles.exact(column, index)), bought, balance),

    sellAtLevel: (rule, bought, candles, high, balance) =>
      sell(level(rule, bought, candles, high), bought, balance),
    level,
    dailyLimitHit: (trades, realizedPnl) =>
      rules.dailyLimitHit({ trades, realizedPnl }, risk) !== null,
  };
}
