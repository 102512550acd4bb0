/** The exchange filters that shape an order, as decimal strings ("0" or absent = no rule). */
export interface SymbolFilters {
  tickSize?: string;
  stepSize?: string;
  minQty?: string;
  minNotional?: string;
}
