import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { POLL_MS } from '../api/queries';
import { ErrorNote } from '../ui/fields';
import {
  amount,
  dateTime,
  pnlClass,
  price,
  quantity,
  signedAmount,
  type SymbolFormat,
} from '../ui/format';
import { Pager } from '../ui/pager';

/** Trades a page holds: the chart's first window reaches back to the first page's oldest. */
export const TRADES_PAGE = 20;
/** A symbol's steps and assets change rarely (the API caches them ten minutes too). */
const SYMBOL_STALE_MS = 10 * 60_000;

/** A fill as the table shows it: a bot's trade or a backtest's. */
export interface TradeRow {
  key: string;
  /** ms or an ISO time */
  time: number | string;
  side: 'BUY' | 'SELL';
  price: string;
  qty: string;
  /** In the quote asset. */
  value: string;
  fee: string;
  feeAsset: string | undefined;
  feeEstimated?: boolean;
  pnl?: string | null;
  reason?: string | null;
}

/** The symbol's steps and assets, to write its numbers; undefined while unknown (or none). */
export function useSymbolFormat(symbol: string | undefined): SymbolFormat | undefined {
  const info = useQuery({
    queryKey: ['symbol', symbol],
    queryFn: () => ok(api.GET('/api/market/symbol', { params: { query: { symbol: symbol! } } })),
    enabled: symbol !== undefined,
    staleTime: SYMBOL_STALE_MS,
  });
  return info.data;
}

/** The bot's fills, newest first, a page at a time; a row's time moves the chart to it. */
export function TradesTable({
  botId,
  symbol,
  onSelect,
}: {
  botId: string;
  symbol: SymbolFormat | undefined;
  onSelect?: (time: number) => void;
}) {
  const [offset, setOffset] = useState(0);
  const trades = useQuery({
    queryKey: ['bot', botId, 'trades', offset],
    queryFn: () =>
      ok(
        api.GET('/api/bots/{id}/trades', {
          params: { path: { id: botId }, query: { limit: TRADES_PAGE, offset } },
        }),
      ),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="trades-title">
      <h2 id="trades-title">Trades</h2>
      <ErrorNote error={trades.error} />
      {trades.data?.total === 0 && <p className="empty">No trades yet.</p>}
      {trades.data && trades.data.items.length > 0 && (
        <TradeRows
          symbol={symbol}
          onSelect={onSelect}
          trades={trades.data.items.map((trade) => ({
            ...trade,
            key: trade.id,
            value: trade.quoteQty,
          }))}
        />
      )}
      {trades.data && (
        <Pager
          label="Trade pages"
          offset={offset}
          limit={TRADES_PAGE}
          total={trades.data.total}
          onChange={setOffset}
        />
      )}
    </section>
  );
}

/** Fills as a table: prices on the symbol's tick, quantities on its step, amounts with assets. */
export function TradeRows({
  trades,
  symbol,
  onSelect,
}: {
  trades: readonly TradeRow[];
  symbol: SymbolFormat | undefined;
  onSelect?: (time: number) => void;
}) {
  const [selected, setSelected] = useState<string | null>(null);
  const select = (trade: TradeRow) => {
    setSelected(trade.key);
    onSelect?.(new Date(trade.time).getTime());
  };
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Side</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Value</th>
            <th scope="col">Fee</th>
            <th scope="col">PnL</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {trades.map((trade) => (
            <tr
              key={trade.key}
              className={onSelect ? 'selectable' : undefined}
              aria-current={selected === trade.key ? 'true' : undefined}
              onClick={onSelect ? () => select(trade) : undefined}
            >
              <td>
                {onSelect ? (
                  <button type="button" className="link" title="Show on the chart">
                    {dateTime(trade.time)}
                  </button>
                ) : (
                  dateTime(trade.time)
                )}
              </td>
              <td className={trade.side === 'BUY' ? 'gain' : 'loss'}>{trade.side}</td>
              <td>{price(trade.price, symbol?.tickSize)}</td>
              <td>{quantity(trade.qty, symbol?.stepSize)}</td>
              <td>{amount(trade.value, symbol?.quoteAsset)}</td>
              <td>
                {amount(trade.fee, trade.feeAsset)}
                {trade.feeEstimated && (
                  <span title="The order's trade list could not be read: the fee is estimated from the account's commission rates">
                    {' '}
                    (estimated)
                  </span>
                )}
              </td>
              <td className={pnlClass(trade.pnl)}>
                {trade.pnl ? signedAmount(trade.pnl, symbol?.quoteAsset) : ''}
              </td>
              <td>{trade.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
