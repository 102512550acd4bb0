/**
 * Set by `npm run test:long`: the soak and the big backtests at full size. `npm test` runs
 * them smaller, still large enough to prove the same thing (docs/testing.md).
 */
export const LONG_TESTS = process.env.TRADEBOT_LONG_TESTS === '1';
