import { exitLevels, tickExit, trailingLevel } from './exits';
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
