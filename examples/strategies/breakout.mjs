// A strategy file: copy it into STRATEGIES_DIR (default DATA_DIR/strategies) and restart.
export default {
  key: 'breakout',
  description:
    'Buys a close above the last n highs on strong volume; sells a close below the exit level',
  params: {
    n: {
      type: 'integer',
      default: 20,
      minimum: 2,
      maximum: 200,
      description: 'Candles in the channel',
    },
    volumeFactor: {
      type: 'number',
      default: 1.5,
      minimum: 0,
      description: 'A buy needs volume above this times the channel average',
    },
    exitOnMiddle: {
      type: 'boolean',
      default: false,
      description: 'Sell below the middle of the channel, not its low',
    },
  },
  warmup: (p) => p.n + 1,
  create(p) {
    const previous = [];
    return {
      update(candle) {
        const ready = previous.length === p.n;
        const high = ready ? Math.max(...previous.map((c) => c.high)) : NaN;
        const low = ready ? Math.min(...previous.map((c) => c.low)) : NaN;
        const volume = ready ? previous.reduce((sum, c) => sum + c.volume, 0) / p.n : NaN;
        previous.push(candle);
        if (previous.length > p.n) previous.shift();
        const exitLevel = p.exitOnMiddle ? (high + low) / 2 : low;
        const indicators = { high, low, exitLevel };
        if (!ready) return { action: 'none', indicators, reason: 'warming up' };
        if (candle.close > high && candle.volume > p.volumeFactor * volume) {
          return { action: 'buy', indicators, reason: `close ${candle.close} above ${high}` };
        }
        if (candle.close < exitLevel) {
          return { action: 'sell', indicators, reason: `close ${candle.close} below ${exitLevel}` };
        }
        return { action: 'none', indicators, reason: 'inside the channel' };
      },
    };
  },
};
