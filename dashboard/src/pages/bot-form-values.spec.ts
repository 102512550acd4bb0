import { botNameError, type BotFormValues, createBody, updateBody } from './bot-form-values';

const values = (): BotFormValues => ({
  name: 'BTC swing',
  symbol: 'btcusdt ',
  interval: '1h',
  mode: 'paper',
  credentialId: '',
  strategy: 'ema-rsi',
  strategyParams: { emaFast: 12, emaSlow: Number.NaN },
  risk: {
    positionSizeQuote: '100',
    stopLossPct: '2',
    takeProfitPct: '',
    trailingStopPct: '',
    maxDailyTrades: '5',
    dailyLossLimitQuote: '',
    dailyProfitTargetQuote: '',
  },
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

describe('updateBody', () => {
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
