import { clientOrderIdFor } from './client-order-id';

describe('clientOrderIdFor', () => {
  const bot = '0b7a1c2e-8f7d-4f3a-9c1e-2d3b4a5c6d7e';

  it('is the same for the same intent and differs between intents', () => {
    expect(clientOrderIdFor(bot, 1000, 'BUY')).toBe(clientOrderIdFor(bot, 1000, 'BUY'));
    expect(clientOrderIdFor(bot, 1000, 'BUY')).not.toBe(clientOrderIdFor(bot, 1000, 'SELL'));
    expect(clientOrderIdFor(bot, 1000, 'BUY')).not.toBe(clientOrderIdFor(bot, 2000, 'BUY'));
  });

  it("satisfies Binance's newClientOrderId format", () => {
    expect(clientOrderIdFor(bot, 1000, 'SELL')).toMatch(/^[.A-Z:/a-z0-9_-]{1,36}$/);
  });
});
