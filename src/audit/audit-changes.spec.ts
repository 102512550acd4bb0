import { changedFields } from './audit-changes';

describe('changedFields', () => {
  it('names only what an edit changed, with the old and the new value', () => {
    const before = {
      name: 'trend follower',
      stopLossPct: '2',
      takeProfitPct: null as string | null,
      strategyParams: { emaFast: 9, emaSlow: 26 },
    };
    expect(
      changedFields(before, {
        name: 'trend follower',
        stopLossPct: '3',
        takeProfitPct: '5',
        strategyParams: { emaFast: 9, emaSlow: 26 },
      }),
    ).toEqual({ stopLossPct: { from: '2', to: '3' }, takeProfitPct: { from: null, to: '5' } });
  });

  it('counts a cleared field, and nothing for an edit that changes nothing', () => {
    expect(changedFields({ stopLossPct: '2' as string | null }, { stopLossPct: null })).toEqual({
      stopLossPct: { from: '2', to: null },
    });
    expect(changedFields({ name: 'a' }, { name: 'a' })).toEqual({});
  });
});
