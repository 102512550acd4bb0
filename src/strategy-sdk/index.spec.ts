import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCandles } from '../strategies/strategy-evaluation';
import { candlesOfCloses } from '../strategies/testing/candles-of-closes';
import { UserStrategy } from '../strategies/user/user-strategy';
import { defineStrategy, SMA } from './index';

describe('tradebot/strategy', () => {
  it('is this module, built, in the package exports', () => {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
    expect(pkg.exports['./strategy']).toEqual({
      types: './dist/src/strategy-sdk/index.d.ts',
      default: './dist/src/strategy-sdk/index.js',
    });
  });

  it('defines a strategy that loads and runs like a file, with the indicators it exports', () => {
    const definition = defineStrategy<{ n: number }>({
      key: 'above-sma',
      description: 'Buys above the SMA',
      params: { n: { type: 'integer', default: 3, minimum: 2 } },
      warmup: (p) => p.n,
      create: (p, tools) => {
        const sma = new tools.indicators.SMA(p.n);
        return {
          update: (candle) => {
            const mean = sma.add(candle.close);
            return {
              action: mean !== null && candle.close > mean ? 'buy' : 'none',
              indicators: { sma: mean },
            };
          },
        };
      },
    });
    const strategy = UserStrategy.fromModule({ default: definition }, 'inline', 1000);
    const signal = evaluateCandles(strategy, strategy.defaults, candlesOfCloses([1, 2, 3, 9]));
    expect(signal).toMatchObject({ action: 'buy', indicators: { sma: 14 / 3 } });
    expect(new SMA(2).add(1)).toBeNull();
  });
});
