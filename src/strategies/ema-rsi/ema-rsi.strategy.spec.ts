import { ema } from '../indicators/ema';
import { rsi } from '../indicators/rsi';
import { copySignal, evaluateCandles, updateMany } from '../strategy-evaluation';
import { candleOfClose, candlesOfCloses } from '../testing/candles-of-closes';
import { ACTION_CODE, type SignalAction, type StrategySignal } from '../strategy.interface';
import { sampleCloses } from '../testing/sample-closes';
import { type EmaRsiParams, EmaRsiStrategy } from './ema-rsi.strategy';

const strategy = new EmaRsiStrategy();
const defaults = strategy.defaults;

/** 100, then `count` steps of `step` for each segment. */
function path(...segments: [count: number, step: number][]): number[] {
  const closes = [100];
  for (const [count, step] of segments) {
    for (let i = 0; i < count; i++) closes.push(closes[closes.length - 1] + step);
  }
  return closes;
}

function signals(closes: number[], params: EmaRsiParams = defaults): StrategySignal[] {
  const evaluator = strategy.createEvaluator(params);
  return closes.map((close) => copySignal(evaluator.update(candleOfClose(close))));
}

/** Indexes where the signal is anything but a quiet 'no crossover' after warm-up. */
function events(all: StrategySignal[]): [number, StrategySignal['action'], string?][] {
  const out: [number, StrategySignal['action'], string?][] = [];
  all.forEach((s, i) => {
    if (s.reason !== 'no crossover' && !s.reason?.startsWith('warming up')) {
      out.push([i, s.action, s.reason]);
    }
  });
  return out;
}

describe('EmaRsiStrategy signals', () => {
  it('buys when the fast EMA crosses above the slow one with RSI below overbought', () => {
    const closes = path([30, -1], [25, 1]);
    const all = signals(closes);
    expect(events(all)).toEqual([[45, 'buy', 'crossover up, RSI 67.1 < rsiOverbought 70']]);
    // The rule, checked on the batch indicators.
    const fast = ema(closes, 12);
    const slow = ema(closes, 26);
    expect(fast[44]).toBeLessThanOrEqual(slow[44]);
    expect(fast[45]).toBeGreaterThan(slow[45]);
    expect(rsi(closes, 14)[45]).toBeLessThan(70);
    expect(all[45].indicators).toEqual({
      emaFast: fast[45],
      emaSlow: slow[45],
      rsi: expect.any(Number),
    });
  });

  it('sells when the fast EMA crosses below the slow one with RSI above oversold', () => {
    const closes = path([30, 1], [25, -1]);
    expect(events(signals(closes))).toEqual([
      [45, 'sell', 'crossover down, RSI 32.9 > rsiOversold 30'],
    ]);
  });

  it('does not buy on a cross up while RSI is at or above overbought', () => {
    const closes = path([30, -0.1], [10, 2]);
    expect(events(signals(closes))).toEqual([
      [33, 'none', 'crossover up but RSI 83.28 >= rsiOverbought 70'],
    ]);
  });

  it('does not sell on a cross down while RSI is at or below oversold', () => {
    const closes = path([30, 0.1], [10, -2]);
    expect(events(signals(closes))).toEqual([
      [33, 'none', 'crossover down but RSI 16.72 <= rsiOversold 30'],
    ]);
  });

  it('says it is warming up until the slow EMA exists at t and t-1 and RSI at t', () => {
    expect(strategy.warmup(defaults)).toBe(27);
    expect(strategy.warmup({ ...defaults, rsiPeriod: 40 })).toBe(41);
    const all = signals(path([40, 1]));
    expect(all[0]).toMatchObject({ action: 'none', reason: 'warming up: 1 of 27 candles' });
    expect(all[11]).toMatchObject({ action: 'none', reason: 'warming up: 12 of 27 candles' });
    expect(all[11].indicators.emaFast).toBeCloseTo(105.5, 12); // mean of 100..111;
    expect(all[11].indicators.emaSlow).toBeNaN();
    expect(all[25]).toMatchObject({ action: 'none', reason: 'warming up: 26 of 27 candles' });
    expect(all[26]).toMatchObject({ action: 'none', reason: 'no crossover' });
    expect(strategy.createEvaluator(defaults).signal).toMatchObject({
      action: 'none',
      reason: 'warming up: 0 of 27 candles',
    });
  });

  it('emits exactly what the rule gives on the batch indicators, candle by candle', () => {
    const params = {
      ...defaults,
      emaFast: 3,
      emaSlow: 7,
      rsiPeriod: 5,
      rsiOverbought: 65,
      rsiOversold: 35,
    };
    const closes = sampleCloses(2000, 3);
    const fast = ema(closes, 3);
    const slow = ema(closes, 7);
    const r = rsi(closes, 5);
    const all = signals(closes, params);
    const seen = new Set<string>();
    for (let t = 0; t < closes.length; t++) {
      let expected: SignalAction = 'none';
      if (t >= strategy.warmup(params) - 1) {
        if (fast[t - 1] <= slow[t - 1] && fast[t] > slow[t] && r[t] < 65) expected = 'buy';
        if (fast[t - 1] >= slow[t - 1] && fast[t] < slow[t] && r[t] > 35) expected = 'sell';
      }
      expect([t, all[t].action]).toEqual([t, expected]);
      seen.add(all[t].reason?.replace(/[\d.]+/g, '#') ?? '');
    }
    // The series exercises every branch.
    expect(seen).toEqual(
      new Set([
        'warming up: # of # candles',
        'no crossover',
        'crossover up, RSI # < rsiOverbought #',
        'crossover down, RSI # > rsiOversold #',
        'crossover up but RSI # >= rsiOverbought #',
        'crossover down but RSI # <= rsiOversold #',
      ]),
    );
  });

  it('reuses one signal object across updates, and evaluateCandles returns a detached copy', () => {
    const evaluator = strategy.createEvaluator(defaults);
    const first = evaluator.update(candleOfClose(100));
    expect(evaluator.update(candleOfClose(101))).toBe(first);
    expect(evaluator.signal).toBe(first);

    const closes = path([30, -1], [15, 1]);
    const last = evaluateCandles(strategy, defaults, candlesOfCloses(closes));
    expect(last).toEqual(signals(closes)[45]);
    expect(last.action).toBe('buy');
    expect(evaluateCandles(strategy, defaults, candlesOfCloses([]))).toEqual({
      action: 'none',
      indicators: { emaFast: NaN, emaSlow: NaN, rsi: NaN },
      reason: 'warming up: 0 of 27 candles',
    });
  });
});

describe('EmaRsiStrategy updateMany', () => {
  const params = { ...defaults, emaFast: 3, emaSlow: 7, rsiPeriod: 5 };
  const closes = Float64Array.from(sampleCloses(3000, 11));
  const candles = candlesOfCloses(closes);

  it.each([1, 4, 8, 256, 3000])(
    'gives the actions, indicators and reason of update, in blocks of %i closes',
    (block) => {
      const one = strategy.createEvaluator(params);
      const many = strategy.createEvaluator(params);
      const actions = new Int8Array(block);
      const codes = { none: 0, buy: 0, sell: 0 };
      for (let from = 0; from < closes.length; from += block) {
        const to = Math.min(closes.length, from + block);
        updateMany(many, candles, from, to, actions);
        for (let i = from; i < to; i++) {
          const action = one.update(candleOfClose(closes[i], i)).action;
          codes[action]++;
          expect([i, actions[i - from]]).toEqual([i, ACTION_CODE[action]]);
        }
        const expected = copySignal(one.signal);
        expect(copySignal(many.signal)).toEqual(expected);
        for (const [name, value] of Object.entries(expected.indicators)) {
          expect([name, Object.is(many.signal.indicators[name], value)]).toEqual([name, true]);
        }
      }
      // The closes cross both ways, so every code was compared.
      expect(codes.buy).toBeGreaterThan(10);
      expect(codes.sell).toBeGreaterThan(10);
    },
  );

  it('goes on one close at a time after many, from the same state', () => {
    const one = strategy.createEvaluator(params);
    const mixed = strategy.createEvaluator(params);
    const actions = new Int8Array(closes.length);
    updateMany(mixed, candles, 0, 2000, actions);
    for (let i = 0; i < 2000; i++) one.update(candleOfClose(closes[i], i));
    for (let i = 2000; i < closes.length; i++) {
      expect(copySignal(mixed.update(candleOfClose(closes[i], i)))).toEqual(
        copySignal(one.update(candleOfClose(closes[i], i))),
      );
    }
  });
});

describe('EmaRsiStrategy params', () => {
  const errorsOf = (raw: unknown) => {
    const result = strategy.parseParams(raw);
    return result.ok ? [] : result.errors;
  };

  it('fills defaults for missing fields', () => {
    expect(strategy.parseParams({ emaFast: 5 })).toEqual({
      ok: true,
      params: { emaFast: 5, emaSlow: 26, rsiPeriod: 14, rsiOverbought: 70, rsiOversold: 30 },
    });
    expect(strategy.parseParams({})).toEqual({ ok: true, params: defaults });
    expect(strategy.parseParams(undefined)).toEqual({ ok: true, params: defaults });
    expect(defaults).toEqual({
      emaFast: 12,
      emaSlow: 26,
      rsiPeriod: 14,
      rsiOverbought: 70,
      rsiOversold: 30,
    });
  });

  it('accepts fractional RSI levels', () => {
    expect(strategy.parseParams({ rsiOverbought: 72.5, rsiOversold: 27.5 }).ok).toBe(true);
  });

  it('rejects unknown fields and values that are not params at all', () => {
    expect(errorsOf({ emaFast: 5, stopLoss: 2 })).toEqual([
      {
        field: 'stopLoss',
        reason:
          'is not a parameter (expected emaFast, emaSlow, rsiPeriod, rsiOverbought, rsiOversold)',
      },
    ]);
    for (const raw of [null, 12, 'x', [12, 26]]) {
      expect(errorsOf(raw)).toEqual([{ field: 'params', reason: 'must be an object' }]);
    }
  });

  it('requires integer periods from 2 to 1000', () => {
    expect(errorsOf({ emaFast: 1, emaSlow: 1001, rsiPeriod: 14.5 })).toEqual([
      { field: 'emaFast', reason: 'must be at least 2' },
      { field: 'emaSlow', reason: 'must be at most 1000' },
      { field: 'rsiPeriod', reason: 'must be an integer' },
    ]);
    expect(errorsOf({ emaFast: '12', rsiPeriod: NaN })).toEqual([
      { field: 'emaFast', reason: 'must be an integer' },
      { field: 'rsiPeriod', reason: 'must be an integer' },
    ]);
  });

  it('requires RSI levels strictly between 0 and 100', () => {
    expect(errorsOf({ rsiOverbought: 100, rsiOversold: 0 })).toEqual([
      { field: 'rsiOverbought', reason: 'must be less than 100' },
      { field: 'rsiOversold', reason: 'must be greater than 0' },
    ]);
    expect(errorsOf({ rsiOverbought: '70', rsiOversold: Infinity })).toEqual([
      { field: 'rsiOverbought', reason: 'must be a number' },
      { field: 'rsiOversold', reason: 'must be a number' },
    ]);
  });

  it('requires emaFast < emaSlow and rsiOversold < rsiOverbought', () => {
    expect(errorsOf({ emaFast: 26 })).toEqual([
      { field: 'emaFast', reason: 'must be less than emaSlow (26)' },
    ]);
    expect(errorsOf({ emaFast: 30, emaSlow: 20, rsiOversold: 70 })).toEqual([
      { field: 'emaFast', reason: 'must be less than emaSlow (20)' },
      { field: 'rsiOversold', reason: 'must be less than rsiOverbought (70)' },
    ]);
  });

  it('describes its params as a JSON Schema whose defaults are the defaults', () => {
    const schema = strategy.paramsSchema;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(schema.properties)).toEqual(Object.keys(defaults));
    expect(schema.properties.emaFast).toMatchObject({
      type: 'integer',
      minimum: 2,
      maximum: 1000,
      default: 12,
    });
    expect(schema.properties.rsiOverbought).toMatchObject({
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 100,
      default: 70,
    });
    for (const field of Object.values(schema.properties)) expect(field.description).toBeTruthy();
  });
});
