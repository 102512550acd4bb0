import { dateTime } from './format';
import { pauseText } from './pause-text';

describe('pauseText', () => {
  const pause = {
    kind: 'cooldown',
    reason: 'cooldownCandles: 3 candle(s) after a stop loss',
    until: '2026-12-07T14:03:00.000Z',
  };

  it('says why entries paused and when they resume', () => {
    expect(pauseText(pause, null)).toBe(
      `cooldownCandles: 3 candle(s) after a stop loss; entries resume ${dateTime(pause.until)}`,
    );
  });

  it("does not repeat a reason the status' own reason gives", () => {
    expect(pauseText(pause, `paused: ${pause.reason}`)).toBe(
      `entries resume ${dateTime(pause.until)}`,
    );
  });
});
