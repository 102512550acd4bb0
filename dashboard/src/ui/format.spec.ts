import { amount, balances, price, quantity, signedAmount, stepDecimals, today } from './format';

describe('stepDecimals', () => {
  it('counts the decimals of a step as exchangeInfo writes it, none for no step', () => {
    expect(stepDecimals('0.01000000')).toBe(2);
    expect(stepDecimals('0.00001')).toBe(5);
    expect(stepDecimals('1.00000000')).toBe(0);
    expect(stepDecimals('0')).toBeUndefined();
    expect(stepDecimals(undefined)).toBeUndefined();
  });
});

describe('price', () => {
  it("rounds to the symbol's tick, with thousands separators", () => {
    expect(price('94791.021825', '0.01000000')).toBe('94,791.02');
    expect(price('27557.1', '0.01')).toBe('27,557.10');
    expect(price(0.12345678, '0.0001')).toBe('0.1235');
  });

  it('without a tick size, writes two decimals, more below 1', () => {
    expect(price('94791.021825')).toBe('94,791.02');
    expect(price('103')).toBe('103.00');
    expect(price('0.000123456')).toBe('0.00012346');
    expect(price(null)).toBe('–');
  });
});

describe('quantity', () => {
  it("rounds to the symbol's step, trailing zeros dropped", () => {
    expect(quantity('0.0023741', '0.00001000')).toBe('0.00237');
    expect(quantity('0', '0.00001')).toBe('0');
    expect(quantity('1234.5', '0.1')).toBe('1,234.5');
  });
});

describe('amount', () => {
  it('writes money in cents with its asset, other assets to 8 decimals, an unknown quote in cents', () => {
    expect(amount('0.0996134', 'USDT')).toBe('0.10 USDT');
    expect(amount('10002.4213', 'USDT')).toBe('10,002.42 USDT');
    expect(amount('0.00000237', 'BTC')).toBe('0.00000237 BTC');
    expect(amount('12.5')).toBe('12.50');
  });

  it('signs PnL, zero without a sign', () => {
    expect(signedAmount('-1791.444', 'USDT')).toBe('-1,791.44 USDT');
    expect(signedAmount('3.5', 'USDT')).toBe('+3.50 USDT');
    expect(signedAmount('0', 'USDT')).toBe('0.00 USDT');
  });
});

describe('balances', () => {
  it('names the assets', () => {
    const symbol = { baseAsset: 'BTC', quoteAsset: 'USDT', stepSize: '0.00001000' };
    expect(balances({ quote: '10002.42025', base: '0' }, symbol)).toBe('10,002.42 USDT, 0 BTC');
  });

  it('says quote and base while the symbol is unknown', () => {
    expect(balances({ quote: '5', base: '0.5' }, undefined)).toBe('5 quote, 0.5 base');
  });
});

describe('today', () => {
  it("reads as the day's entries and PnL", () => {
    expect(today(0, '0', 'USDT')).toBe('0 entries today, PnL 0.00 USDT');
    expect(today(1, '-2.5', 'USDT')).toBe('1 entry today, PnL -2.50 USDT');
  });
});
