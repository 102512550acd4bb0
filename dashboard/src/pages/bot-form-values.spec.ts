import {
  botNameError,
  type BotFormValues,
  createBody,
  emptyRisk,
  updateBody,
} from './bot-form-values';

const values = (): BotFormValues => ({
  name: 'BTC swing',
  symbol: 'btcusdt ',
  interval: '1h',
  mode: 'paper',
  credentialId: '',
  strategy: 'ema-rsi',
  strategyParams: { emaFast: 12, emaSlow: Number.NaN },
  risk: { ...emptyRisk(), positionSizeQuote: '100', stopLossPct: '2', maxDailyTrades: '5' },
  paper: { initialBalanceQuote: '10000', feeRate: '0.001', slippageBps: '5' },
});

describe('createBody', () => {
  it('sends the set risk rules only, an upper-case symbol and no emptied params', () => {
    expect(createBody(values())).toEqual({
      name: 'BTC swing',
      symbol: 'BTCUSDT',
      interval: '1h',
      mode: 'paper',
      strategy: 'ema-rsi',
      strategyParams: { emaFast: 12 },
      risk: { positionSizeQuote: '100', stopLossPct: '2', maxDailyTrades: 5 },
      paper: { initialBalanceQuote: '10000', feeRate: '0.001', slippageBps: '5' },
    });
  });

  it('leaves a typo in an integer for the API to name', () => {
    const typo = values();
    typo.risk.maxDailyTrades = '5x';
    expect(createBody(typo).risk.maxDailyTrades).toBe('5x');
  });
});

describe('createBody: protections', () => {
  it('sends the cooldown and resume as integers, the drawdown as a decimal, the guard whole', () => {
    const set = values();
    set.risk = {
      ...set.risk,
      cooldownCandles: '3',
      maxDrawdownPct: '10.5',
      resumeAfterCandles: '60',
      stopLossGuard: { count: '2', windowCandles: '48', pauseCandles: '24' },
    };
    expect(createBody(set).risk).toEqual({
      positionSizeQuote: '100',
      stopLossPct: '2',
      maxDailyTrades: 5,
      cooldownCandles: 3,
      maxDrawdownPct: '10.5',
      resumeAfterCandles: 60,
      stopLossGuard: { count: 2, windowCandles: 48, pauseCandles: 24 },
    });
  });

  it('sends a guard with a field left empty, for the API to name it', () => {
    const partial = values();
    partial.risk.stopLossGuard = { count: '2', windowCandles: '', pauseCandles: '24' };
    expect(createBody(partial).risk.stopLossGuard).toEqual({
      count: 2,
      windowCandles: '',
      pauseCandles: 24,
    });
  });
});

describe('updateBody', () => {
  it('turns the guard off with null when its fields are emptied, and sends a changed one whole', () => {
    const before = { ...values(), symbol: 'BTCUSDT' };
    before.risk = {
      ...before.risk,
      stopLossGuard: { count: '2', windowCandles: '48', pauseCandles: '24' },
    };
    const off = { ...before, risk: { ...before.risk, stopLossGuard: emptyRisk().stopLossGuard } };
    expect(updateBody(before, off)).toEqual({ risk: { stopLossGuard: null } });
    const longer = {
      ...before,
      risk: { ...before.risk, stopLossGuard: { ...before.risk.stopLossGuard, pauseCandles: '30' } },
    };
    expect(updateBody(before, longer)).toEqual({
      risk: { stopLossGuard: { count: 2, windowCandles: 48, pauseCandles: 30 } },
    });
  });

  it('sends only what changed, and null for a risk rule emptied (turned off)', () => {
    const before = { ...values(), symbol: 'BTCUSDT' };
    const after: BotFormValues = {
      ...before,
      name: 'renamed',
      strategyParams: { ...before.strategyParams, emaFast: 9 },
      risk: { ...before.risk, stopLossPct: '', takeProfitPct: '4' },
    };
    expect(updateBody(before, after)).toEqual({
      name: 'renamed',
      strategyParams: { emaFast: 9 },
      risk: { stopLossPct: null, takeProfitPct: '4' },
    });
  });

  it('sends nothing for an unchanged form, so a running bot can be saved', () => {
    const before = { ...values(), symbol: 'BTCUSDT' };
    expect(updateBody(before, { ...before })).toEqual({});
  });
});

describe('botNameError', () => {
  it("refuses what the API's CreateBotDto refuses, with its reasons", () => {
    expect(botNameError('')).toBe('should not be empty');
    expect(botNameError('   ')).toBe('should not be empty');
    expect(botNameError('x'.repeat(101))).toBe('must be shorter than or equal to 100 characters');
    expect(botNameError('a\u0000b')).toBe('must not contain the NUL character (\\u0000)');
    expect(botNameError('a\uD800b')).toBe('must be well-formed Unicode (no unpaired surrogate)');
  });

  it('accepts a name the API keeps, trimmed and counted in characters', () => {
    expect(botNameError('BTC swing')).toBeUndefined();
    expect(botNameError(` ${'x'.repeat(100)} `)).toBeUndefined();
    expect(botNameError('🚀'.repeat(100))).toBeUndefined();
  });
});
