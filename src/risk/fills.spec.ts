import {
  buyFill,
  fillPrice,
  floorToStep,
  quoteDelta,
  roundTripPnl,
  sellFill,
  sizeEntry,
} from './fills';
import { money } from './money';

const fill = { feeRate: '0.001', slippageBps: '5' };

describe('fillPrice', () => {
  it('adds slippage to buys and takes it from sells', () => {
    expect(fillPrice('100', 'BUY', '5').toFixed()).toBe('100.05');
    expect(fillPrice('100', 'SELL', '5').toFixed()).toBe('99.95');
    expect(fillPrice('100', 'BUY', '0').toFixed()).toBe('100');
  });
});

describe('floorToStep', () => {
  it('rounds down to the step and leaves the quantity alone without one', () => {
    expect(floorToStep(money('1.23456'), '0.001').toFixed()).toBe('1.234');
    expect(floorToStep(money('1.23456'), '0').toFixed()).toBe('1.23456');
    expect(floorToStep(money('1.23456'), undefined).toFixed()).toBe('1.23456');
    expect(floorToStep(money('7'), '5').toFixed()).toBe('5');
  });
});

describe('sizeEntry', () => {
  it('spends positionSizeQuote when the balance covers it and its fee', () => {
    const size = sizeEntry({
      balanceQuote: '10000',
      positionSizeQuote: '1000',
      price: money('100.05'),
      fill,
      filters: { stepSize: '0.001' },
    });
    // 1000 / 100.05 = 9.99500249..., floored to 9.995
    expect(size).toMatchObject({ ok: true });
    if (!size.ok) throw new Error('expected a size');
    expect(size.qty.toFixed()).toBe('9.995');
    expect(size.cost.toFixed()).toBe('999.99975');
    expect(size.fee.toFixed()).toBe('0.99999975');
  });

  it('caps the budget at balance / (1 + feeRate)', () => {
    const size = sizeEntry({
      balanceQuote: '500',
      positionSizeQuote: '1000',
      price: money('10'),
      fill,
      filters: {},
    });
    if (!size.ok) throw new Error('expected a size');
    // 500 / 1.001 / 10 = 49.95004995...
    expect(size.qty.toFixed(8)).toBe('49.95004995');
    expect(size.cost.plus(size.fee).lte(500)).toBe(true);
  });

  it('skips with a reason below minQty, below minNotional, or with nothing to spend', () => {
    const base = { balanceQuote: '10000', price: money('100'), fill };
    expect(
      sizeEntry({ ...base, positionSizeQuote: '5', filters: { stepSize: '0.01', minQty: '0.1' } }),
    ).toEqual({ ok: false, reason: 'quantity 0.05 is below minQty 0.1' });
    expect(
      sizeEntry({
        ...base,
        positionSizeQuote: '5',
        filters: { stepSize: '0.01', minNotional: '10' },
      }),
    ).toEqual({ ok: false, reason: 'order value 5 is below minNotional 10' });
    expect(sizeEntry({ ...base, balanceQuote: '0', positionSizeQuote: '5', filters: {} })).toEqual({
      ok: false,
      reason: 'balance 0 buys nothing',
    });
  });
});

describe('fills and PnL', () => {
  it('computes a round trip to the cent as the rules page defines it', () => {
    const buy = buyFill(money('2'), money('100.05'), '0.001');
    expect(buy.quote.toFixed()).toBe('200.1');
    expect(buy.fee.toFixed()).toBe('0.2001');
    expect(quoteDelta(buy).toFixed()).toBe('-200.3001');
    const sell = sellFill(money('2'), money('109.945'), '0.001');
    expect(sell.quote.toFixed()).toBe('219.89');
    expect(sell.fee.toFixed()).toBe('0.21989');
    expect(quoteDelta(sell).toFixed()).toBe('219.67011');
    // (219.89 - 0.21989) - (200.1 + 0.2001) = 219.67011 - 200.3001 = 19.37001
    expect(roundTripPnl(buy, sell).toFixed()).toBe('19.37001');
  });
});
