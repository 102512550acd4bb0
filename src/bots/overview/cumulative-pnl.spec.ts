import { cumulativePnl } from './cumulative-pnl';

describe('cumulativePnl', () => {
  it('adds each day to the days before it, exactly', () => {
    expect(
      cumulativePnl([
        { day: '2026-12-01', pnl: '0.10000000' },
        { day: '2026-12-02', pnl: '0.2' },
        { day: '2026-12-04', pnl: '-1.05' },
      ]),
    ).toEqual([
      { day: '2026-12-01', pnl: '0.1', cumulativePnl: '0.1' },
      { day: '2026-12-02', pnl: '0.2', cumulativePnl: '0.3' },
      { day: '2026-12-04', pnl: '-1.05', cumulativePnl: '-0.75' },
    ]);
  });

  it('is empty without days', () => {
    expect(cumulativePnl([])).toEqual([]);
  });
});
