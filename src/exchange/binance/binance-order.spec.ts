import {
  commissionOfFills,
  executedAndDone,
  outcomeFromOrderTotals,
  outcomeOfOrder,
  type RawOrder,
} from './binance-order';

const assets = { baseAsset: 'BTC', quoteAsset: 'USDT' };
const filled: RawOrder = {
  orderId: 42,
  clientOrderId: 'tb-1',
  status: 'FILLED',
  side: 'BUY',
  executedQty: '0.03000000',
  cummulativeQuoteQty: '1500.30000000',
  transactTime: 1_700_000_000_000,
  fills: [
    { price: '50000.00', qty: '0.01000000', commission: '0.00001000', commissionAsset: 'BTC' },
    { price: '50015.00', qty: '0.02000000', commission: '0.00002000', commissionAsset: 'BTC' },
  ],
};
const fills = filled.fills!;

describe('order answers', () => {
  it('sums the commission over the fills, in their asset', () => {
    const commission = commissionOfFills(fills, 'BTC');
    expect([commission.amount.toFixed(), commission.asset]).toEqual(['0.00003', 'BTC']);
    const inBnb = fills.map((fill) => ({ ...fill, commission: '0.0001', commissionAsset: 'BNB' }));
    const bnb = commissionOfFills(inBnb, 'BTC');
    expect([bnb.amount.toFixed(), bnb.asset]).toEqual(['0.0002', 'BNB']);
  });

  it('keeps the part in the asset received when BNB ran out part way through the order', () => {
    const mixed = [{ ...fills[0], commission: '0.0001', commissionAsset: 'BNB' }, fills[1]];
    const commission = commissionOfFills(mixed, 'BTC');
    expect([commission.amount.toFixed(), commission.asset]).toEqual(['0.00002', 'BTC']);
  });

  it('fills at cummulativeQuoteQty / executedQty', () => {
    const outcome = outcomeOfOrder(filled, fills, assets);
    expect(outcome.status).toBe('filled');
    if (outcome.status !== 'filled') return;
    expect(outcome.fill.exchangeOrderId).toBe('42');
    expect(outcome.fill.executedQty.toFixed()).toBe('0.03');
    expect(outcome.fill.avgPrice.toFixed()).toBe('50010');
    expect(outcome.fill.quoteQty.toFixed()).toBe('1500.3');
    expect(outcome.fill.commission.toFixed()).toBe('0.00003');
    expect(outcome.fill.commissionAsset).toBe('BTC');
    expect(outcome.fill.time).toEqual(new Date(1_700_000_000_000));
  });

  it('leaves an order unknown until the fills listed add up to what executed', () => {
    expect(outcomeOfOrder(filled, fills.slice(0, 1), assets)).toEqual({
      status: 'unknown',
      reason: 'order tb-1: fills for 0.01 of 0.03 listed',
    });
    expect(outcomeOfOrder(filled, [], assets).status).toBe('unknown');
  });

  it('leaves an order still in progress unknown', () => {
    const working = { ...filled, status: 'NEW', executedQty: '0', cummulativeQuoteQty: '0' };
    expect(outcomeOfOrder(working, [], assets)).toEqual({
      status: 'unknown',
      reason: 'order tb-1 is NEW',
    });
    expect(executedAndDone(working)).toBe(false);
  });

  it('takes what executed before an expiry, and rejects an order that executed nothing', () => {
    const expired = { ...filled, status: 'EXPIRED' };
    expect(outcomeOfOrder(expired, fills, assets).status).toBe('filled');
    expect(executedAndDone(expired)).toBe(true);
    const empty = { ...expired, executedQty: '0' };
    expect(outcomeOfOrder(empty, [], assets)).toEqual({
      status: 'rejected',
      reason: 'order tb-1 ended EXPIRED with nothing executed',
      final: true,
    });
    expect(executedAndDone(empty)).toBe(false);
  });

  describe('settled from its own totals, its trade list unread', () => {
    const rates = { maker: '0.001', taker: '0.001', buyer: '0.0001', seller: '0.0002' };

    it("estimates a BUY's fee in the base asset at the taker and buyer rates, rounded up", () => {
      const outcome = outcomeFromOrderTotals({ ...filled, fills: undefined }, rates, assets);
      expect(outcome.status).toBe('filled');
      if (outcome.status !== 'filled') return;
      const { fill } = outcome;
      expect([fill.executedQty, fill.avgPrice, fill.quoteQty].map((d) => d.toFixed())).toEqual([
        '0.03',
        '50010',
        '1500.3',
      ]);
      expect([fill.commission.toFixed(), fill.commissionAsset]).toEqual(['0.000033', 'BTC']);
      expect(fill.feeEstimated).toBe(true);
      expect(fill.exchangeOrderId).toBe('42');

      const odd = outcomeFromOrderTotals({ ...filled, executedQty: '0.00012345' }, rates, assets);
      expect(odd.status === 'filled' && odd.fill.commission.toFixed()).toBe('0.00000014');
    });

    it("estimates a SELL's fee in the quote asset at the taker and seller rates", () => {
      const sold = { ...filled, side: 'SELL' as const };
      const outcome = outcomeFromOrderTotals(sold, rates, assets);
      expect(outcome.status === 'filled' && outcome.fill.commission.toFixed()).toBe('1.80036');
      expect(outcome.status === 'filled' && outcome.fill.commissionAsset).toBe('USDT');
    });

    it('settles nothing that is still in progress or executed nothing', () => {
      const working = { ...filled, status: 'PARTIALLY_FILLED' };
      expect(outcomeFromOrderTotals(working, rates, assets).status).toBe('unknown');
      const empty = { ...filled, status: 'EXPIRED', executedQty: '0' };
      expect(outcomeFromOrderTotals(empty, rates, assets).status).toBe('rejected');
    });
  });
});
