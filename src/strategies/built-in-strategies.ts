import { BollingerReversionStrategy } from './bollinger-reversion/bollinger-reversion.strategy';
import { DonchianBreakoutStrategy } from './donchian-breakout/donchian-breakout.strategy';
import { EmaRsiStrategy } from './ema-rsi/ema-rsi.strategy';
import { ExternalSignalStrategy } from './external-signal/external-signal.strategy';
import { MacdTrendStrategy } from './macd-trend/macd-trend.strategy';
import { RsiStochasticStrategy } from './rsi-stochastic/rsi-stochastic.strategy';
import type { Strategy } from './strategy.interface';
import { SupertrendStrategy } from './supertrend/supertrend.strategy';

/**
 * Every strategy built into the engine: adding one is its class plus one entry here. Pure
 * code only, so that the dashboard runs the same evaluators to draw their indicators.
 */
export const STRATEGY_CLASSES: (new () => Strategy)[] = [
  EmaRsiStrategy,
  MacdTrendStrategy,
  BollingerReversionStrategy,
  DonchianBreakoutStrategy,
  RsiStochasticStrategy,
  SupertrendStrategy,
  ExternalSignalStrategy,
];
