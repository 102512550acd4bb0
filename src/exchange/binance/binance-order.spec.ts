import { money } from '../../risk/money';
import {
  commissionOfFills,
  estimatedCommission,
  outcomeOfOrder,
  type RawOrder,
} from './binance-order';

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

describe('order answers', () => {
  it('sums the commission over the fills, in their asset', () => {
    const commission = commissionOfFills(filled.fills!);
    expect(commission?.amount.toFixed()).toBe('0.00003');
    expect(commission?.asset).toBe('BTC');
    expect(commissionOfFills([])).toBeUndefined();
  });

  it('fills at cummulativeQuoteQty / executedQty', () => {
    const outcome = outcomeOfOrder(filled, commissionOfFills(filled.fills!)!);
    expect(outcome.status).toBe('filled');
    if (outcome.status !== 'filled') return;
    expect(outcome.fill.exchangeOrderId).toBe('42');
    expect(outcome.fill.executedQty.toFixed()).toBe('0.03');
    expect(outcome.fill.avgPrice.toFixed()).toBe('50010');
    expect(outcome.fill.quoteQty.toFixed()).toBe('1500.3');
    expect(outcome.fill.commission.toFixed()).toBe('0.00003');
    expect(outcome.fill.time).toEqual(new Date(1_700_000_000_000));
  });

  it('leaves an order still in progress unknown', () => {
    const outcome = outcomeOfOrder(
      { ...filled, status: 'NEW', executedQty: '0', cummulativeQuoteQty: '0', fills: [] },
      { amount: money(0), asset: 'BTC' },
    );
    expect(outcome).toEqual({ status: 'unknown', reason: 'order tb-1 is NEW' });
  });

  it('takes what executed before an expiry, and rejects an order that executed nothing', () => {
    const none = { amount: money(0), asset: 'BTC' };
    expect(outcomeOfOrder({ ...filled, status: 'EXPIRED' }, none).status).toBe('filled');
    expect(outcomeOfOrder({ ...filled, status: 'EXPIRED', executedQty: '0' }, none)).toEqual({
      status: 'rejected',
      reason: 'order tb-1 ended EXPIRED with nothing executed',
      final: true,
    });
  });

  it('estimates a looked-up order commission in the asset received', () => {
    const assets = { baseAsset: 'BTC', quoteAsset: 'USDT' };
    const buy = estimatedCommission(filled, '0.001', assets);
    expect([buy.amount.toFixed(), buy.asset]).toEqual(['0.00003', 'BTC']);
    const sell = estimatedCommission({ ...filled, side: 'SELL' }, '0.001', assets);
    expect([sell.amount.toFixed(), sell.asset]).toEqual(['1.5003', 'USDT']);
  });
});
