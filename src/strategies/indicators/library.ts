/**
 * The streaming indicators strategies use, from the kept library `trading-signals` (number
 * based since 7.x): `add(value)` feeds one value and returns the result, null while warming
 * up. Seeding differs from TA-Lib for a few of them: docs/builtin-strategies.md, "Indicators".
 * ema-rsi keeps its own verified EMA and RSI (./ema.ts, ./rsi.ts).
 */
export {
  ADX,
  ATR,
  BollingerBands,
  DonchianChannels,
  DX,
  EMA,
  MACD,
  OBV,
  RSI,
  SMA,
  StochasticOscillator,
  TR,
  WMA,
  WSMA,
} from 'trading-signals';
export type {
  BandsResult,
  DonchianChannelsResult,
  HighLow,
  HighLowClose,
  MACDResult,
  OpenHighLowCloseVolume,
  StochasticOscillatorConfig,
  StochasticResult,
} from 'trading-signals';
