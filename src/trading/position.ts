/** An open long position, decimals as strings. */
export interface Position {
  /** Base quantity really held (a base-asset commission already taken off). */
  qty: string;
  entryPrice: string;
  /** Quote spent on the entry including its fee: the base of the round trip's PnL. */
  entryCostQuote: string;
  /** Highest price seen since entry (closes in ticks), for the trailing stop. */
  high: string;
}
