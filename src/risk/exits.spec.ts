import { exitLevels, tickExit, trailingLevel } from './exits';
import { fillPrice } from './fills';
import { parseRules } from './risk-params';
import { riskParams as risk } from './testing/risk-params';

describe('exit levels', () => {
  it('puts stop loss and take profit at the percentages around the entry', () => {
    const levels = exitLevels('100', risk({ stopLossPct: '2', takeProfitPct: '5' }));
    expect(levels.stopLoss?.toFixed()).toBe('98');
    expect(levels.takeProfit?.toFixed()).toBe('105');
    expect(exitLevels('100', risk())).toEqual({ stopLoss: null, takeProfit: null });
    expect(trailingLevel('120', '10')?.toFixed()).toBe('108');
    expect(trailingLevel('120', null)).toBeNull();
  });

  it('gives the same levels and prices from parsed params, whose factors are cached', () => {
    const strings = risk({ stopLossPct: '2.5', takeProfitPct: '7.25', trailingStopPct: '1.5' });
    const parsed = parseRules(strings, { feeRate: '0.001', slippageBps: '7' }, {});
    for (let i = 0; i < 2; i++) {
      expect(exitLevels('123.45', parsed.risk)).toEqual(exitLevels('123.45', strings));
      expect(trailingLevel('130', parsed.risk.trailingStopPct)).toEqual(
        trailingLevel('130', '1.5'),
      );
      expect(fillPrice('99.9', 'BUY', parsed.fill.slippageBps).toFixed()).toBe('99.96993');
      expect(fillPrice('99.9', 'SELL', parsed.fill.slippageBps).toFixed()).toBe('99.83007');
    }
  });
});

describe('tickExit', () => {
  const all = risk({ stopLossPct: '2', takeProfitPct: '5', trailingStopPct: '3' });

  it('exits at the stop loss inclusive of the level', () => {
    expect(tickExit({ price: '98', entry: '100', high: '100', risk: all })).toBe('stop_loss');
    expect(tickExit({ price: '98.01', entry: '100', high: '100', risk: all })).toBeNull();
  });

  it('exits at the take profit inclusive of the level', () => {
    expect(tickExit({ price: '105', entry: '100', high: '105', risk: all })).toBe('take_profit');
  });

  it('exits on the trailing stop below the highest close', () => {
    // high 104 -> trail level 100.88
    expect(tickExit({ price: '100.88', entry: '100', high: '104', risk: all })).toBe(
      'trailing_stop',
    );
    expect(tickExit({ price: '100.89', entry: '100', high: '104', risk: all })).toBeNull();
  });

  it('prefers the stop loss when it and the trailing stop both hold', () => {
    expect(tickExit({ price: '97', entry: '100', high: '104', risk: all })).toBe('stop_loss');
  });

  it('never exits with every rule off', () => {
    expect(tickExit({ price: '1', entry: '100', high: '1000', risk: risk() })).toBeNull();
  });
});
