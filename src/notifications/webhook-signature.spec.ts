import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'whsec_test-secret';
  const body = '{"id":"e1","type":"bot.started"}';

  it('is the hex HMAC-SHA256 of timestamp + "." + body', () => {
    const expected = createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex');
    expect(signWebhook(secret, '1767225600', body)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies only the same secret, timestamp and body', () => {
    const signature = signWebhook(secret, '1767225600', body);
    expect(verifyWebhook(secret, '1767225600', body, signature)).toBe(true);
    expect(verifyWebhook('other', '1767225600', body, signature)).toBe(false);
    expect(verifyWebhook(secret, '1767225601', body, signature)).toBe(false);
    expect(verifyWebhook(secret, '1767225600', `${body} `, signature)).toBe(false);
    expect(verifyWebhook(secret, '1767225600', body, 'zz')).toBe(false);
  });
});
