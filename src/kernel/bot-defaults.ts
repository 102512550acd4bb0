/**
 * What a new bot or backtest suggests when its caller names nothing: one source for the
 * dashboard's form and tradebotctl, so that the two never disagree. A hundredth of the
 * default paper balance (10000) per entry.
 */
export const DEFAULT_POSITION_SIZE_QUOTE = '100';
