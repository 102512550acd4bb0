import { money } from '../risk/money';
import { applyFill } from './apply-fill';

const assets = { baseAsset: 'BTC', quoteAsset: 'USDT' };

describe('applyFill', () => {
  it('opens a position net of a base-asset commission and values that fee in quote', () => {
    const effect = applyFill(
      {
        side: 'BUY',
        executedQty: money('0.01'),
        avgPrice: money('50000'),
        quoteQty: money('500'),
        commission: money('0.00001'),
        commissionAsset: 'BTC',
      },
      assets,
      null,
    );
    expect(effect.position).toEqual({
      qty: '0.00999',
      entryPrice: '50000',
      entryCostQuote: '500.5',
      high: '50000',
    });
    expect(effect.feeQuote.toFixed()).toBe('0.5');
    expect(effect.quoteDelta.toFixed()).toBe('-500');
    expect(effect.baseDelta.toFixed()).toBe('0.00999');
  });

  it('closes with the round-trip PnL as the rules page defines it (paper, fees in quote)', () => {
    const buy = applyFill(
      {
        side: 'BUY',
        executedQty: money('2'),
        avgPrice: money('100.05'),
        quoteQty: money('200.1'),
        commission: money('0.2001'),
        commissionAsset: 'USDT',
      },
      assets,
      null,
    );
    expect(buy.quoteDelta.toFixed()).toBe('-200.3001');
    const sell = applyFill(
      {
        side: 'SELL',
        executedQty: money('2'),
        avgPrice: money('109.945'),
        quoteQty: money('219.89'),
        commission: money('0.21989'),
        commissionAsset: 'USDT',
      },
      assets,
      buy.position,
    );
    expect(sell.position).toBeNull();
    expect(sell.pnl?.toFixed()).toBe('19.37001');
    expect(sell.quoteDelta.toFixed()).toBe('219.67011');
    expect(sell.baseDelta.toFixed()).toBe('-2');
  });
});
