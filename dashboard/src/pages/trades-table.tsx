import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { POLL_MS } from '../api/queries';
import { ErrorNote } from '../ui/fields';
import { dateTime, decimal, pnlClass, signed } from '../ui/format';
import { Pager } from '../ui/pager';

const PAGE = 20;

/** The bot's fills, newest first, a page at a time. */
export function TradesTable({ botId }: { botId: string }) {
  const [offset, setOffset] = useState(0);
  const trades = useQuery({
    queryKey: ['bot', botId, 'trades', offset],
    queryFn: () =>
      ok(
        api.GET('/api/bots/{id}/trades', {
          params: { path: { id: botId }, query: { limit: PAGE, offset } },
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
              {trades.data.items.map((trade) => (
                <tr key={trade.id}>
                  <td>{dateTime(trade.time)}</td>
                  <td className={trade.side === 'BUY' ? 'gain' : 'loss'}>{trade.side}</td>
                  <td>{decimal(trade.price)}</td>
                  <td>{decimal(trade.qty)}</td>
                  <td>{decimal(trade.quoteQty, 2)}</td>
                  <td>
                    {decimal(trade.fee)} {trade.feeAsset}
                    {trade.feeEstimated && (
                      <span title="The order's trade list could not be read: the fee is estimated from the account's commission rates">
                        {' '}
                        (estimated)
                      </span>
                    )}
                  </td>
                  <td className={pnlClass(trade.pnl)}>{trade.pnl ? signed(trade.pnl) : ''}</td>
                  <td>{trade.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {trades.data && (
        <Pager
          label="Trade pages"
          offset={offset}
          limit={PAGE}
          total={trades.data.total}
          onChange={setOffset}
        />
      )}
    </section>
  );
}
