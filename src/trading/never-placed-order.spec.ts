import { afterNeverPlaced } from './never-placed-order';

const MINUTE = 60_000;
const slot = Date.UTC(2026, 0, 5, 12, 0);

describe('an order the exchange never received', () => {
  it('sends an exit again, however late', () => {
    const exit = { side: 'SELL' as const, slot, intervalMs: MINUTE };
    expect(afterNeverPlaced(exit, slot + 1000)).toEqual({ action: 'resend' });
    expect(afterNeverPlaced(exit, slot + 10 * MINUTE)).toEqual({ action: 'resend' });
  });

  it('sends an entry again while the candle after its decision lasts', () => {
    const entry = { side: 'BUY' as const, slot, intervalMs: MINUTE };
    expect(afterNeverPlaced(entry, slot + 30_000)).toEqual({ action: 'resend' });
    expect(afterNeverPlaced(entry, slot + MINUTE - 1)).toEqual({ action: 'resend' });
  });

  it('drops an entry once that candle has closed, saying why', () => {
    const entry = { side: 'BUY' as const, slot, intervalMs: MINUTE };
    const dropped = {
      action: 'drop',
      reason:
        'entry dropped: its order never reached the exchange, and the candle it was decided for has passed',
    };
    expect(afterNeverPlaced(entry, slot + MINUTE)).toEqual(dropped);
    // The candle is the bot's: an hour-long one lasts an hour.
    expect(afterNeverPlaced({ ...entry, intervalMs: 60 * MINUTE }, slot + MINUTE)).toEqual({
      action: 'resend',
    });
  });
});
