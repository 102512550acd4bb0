import { type Dec, wire } from './decimals';
import { unitHash } from './deterministic-random';

interface BalanceView {
  free: Dec;
  locked: Dec;
}

/** GET /api/v3/account's answer; commission rates are the taker rate on both sides. */
export function accountJson(
  apiKey: string,
  balances: ReadonlyMap<string, BalanceView>,
  commissionRate: Dec,
  omitZeroBalances: boolean,
  now: number,
) {
  const rate = wire(commissionRate);
  const basisPoints = commissionRate.mul(10_000).toNumber();
  return {
    makerCommission: basisPoints,
    takerCommission: basisPoints,
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: rate, taker: rate, buyer: '0.00000000', seller: '0.00000000' },
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: now,
    accountType: 'SPOT',
    balances: [...balances]
      .filter(([, b]) => !omitZeroBalances || !b.free.plus(b.locked).isZero())
      .map(([asset, b]) => ({ asset, free: wire(b.free), locked: wire(b.locked) })),
    permissions: ['SPOT'],
    uid: Math.floor(unitHash(apiKey) * 1e9),
  };
}
