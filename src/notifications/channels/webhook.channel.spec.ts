import { webhookOutcome } from './webhook.channel';

describe('webhookOutcome', () => {
  it('takes any 2xx as delivered', () => {
    for (const status of [200, 201, 202, 204, 299]) {
      expect(webhookOutcome(status)).toEqual({
        ok: true,
        final: false,
        responseCode: status,
        error: null,
      });
    }
  });

  it('retries 408, 429, 3xx and 5xx, and gives up at once on other 4xx', () => {
    const final = (status: number) => webhookOutcome(status).final;
    expect([408, 429, 301, 500, 502, 503].map(final)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([400, 401, 403, 404, 410, 422].map(final)).toEqual([true, true, true, true, true, true]);
    expect(webhookOutcome(410)).toMatchObject({
      ok: false,
      responseCode: 410,
      error: 'receiver answered 410',
    });
  });
});
