import { readFileSync } from 'node:fs';
import { alertMessage, signalsUrl } from './signal-alert';

describe('the TradingView alert of an external-signal bot', () => {
  const botId = '6f1c2a9e-3b7d-4c11-9a55-0d2e8f4b7c31';
  const passphrase = 'kq3X-7_passphrase';

  it("is the docs' example with the bot's id and passphrase filled in", () => {
    const docs = readFileSync('docs/external-signals.md', 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(docs)![1]) as Record<string, string>;
    expect(JSON.parse(alertMessage(botId, passphrase))).toEqual({ ...example, botId, passphrase });
  });

  it('is JSON with exactly the four fields POST /api/signals takes, buying under a fresh id', () => {
    expect(JSON.parse(alertMessage(botId, passphrase))).toEqual({
      botId,
      passphrase,
      action: 'buy',
      id: expect.stringContaining('{{timenow}}'),
    });
  });

  it("is posted to this server's signals route", () => {
    expect(signalsUrl('https://bots.example.com')).toBe('https://bots.example.com/api/signals');
  });
});
