import { amount, assetPlaces, grouped, price, quantity } from './numbers';

describe('grouped', () => {
  it('rounds half up and separates thousands, the sign kept', () => {
    expect(grouped('-1791.4371', 2)).toBe('-1,791.44');
    expect(grouped('1234567.005', 2)).toBe('1,234,567.01');
    expect(grouped('999.995', 2)).toBe('1,000.00');
    expect(grouped('12', 2)).toBe('12.00');
    expect(grouped('0.5', 0)).toBe('1');
  });

  it('drops trailing zeros when asked, and never writes minus zero', () => {
    expect(grouped('0.01000000', 8, true)).toBe('0.01');
    expect(grouped('1500', 8, true)).toBe('1,500');
    expect(grouped('-0.001', 2)).toBe('0.00');
  });

  it('shows what is not a decimal as it is', () => {
    expect(grouped('n/a', 2)).toBe('n/a');
  });
});

describe('amounts, prices and quantities', () => {
  it('writes money with two decimals and its asset, crypto with eight', () => {
    expect(assetPlaces('USDT')).toBe(2);
    expect(assetPlaces('BTC')).toBe(8);
    expect(amount('-1791.437', 'USDT')).toBe('-1,791.44 USDT');
    expect(amount('0.1', 'USDT')).toBe('0.10 USDT');
    expect(amount('0.000021', 'BNB')).toBe('0.00002100 BNB');
  });

  it("writes a price to the quote's precision, and a cheap coin's to eight decimals", () => {
    expect(price('94791.021825', 'USDT')).toBe('94,791.02');
    expect(price('0.00001234', 'USDT')).toBe('0.00001234');
    expect(price('0.05123', 'BTC')).toBe('0.05123');
    expect(price('15.5', 'BTC')).toBe('15.50000000');
  });

  it('writes a quantity to eight decimals at most', () => {
    expect(quantity('0.010550000')).toBe('0.01055');
    expect(quantity('2500.123456789')).toBe('2,500.12345679');
  });
});
