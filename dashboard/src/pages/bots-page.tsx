import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { POLL_MS, useBotState, useMe, useUsers } from '../api/queries';
import type { Bot } from '../api/types';
import { Link } from '../router';
import { ErrorNote } from '../ui/fields';
import { ago, decimal, entries, pnlClass, signed } from '../ui/format';
import { Pager } from '../ui/pager';
import { StatusBadge, StatusReason } from '../ui/status';

const PAGE = 25;

export function BotsPage() {
  const me = useMe();
  const isAdmin = me.data?.role === 'admin';
  const [all, setAll] = useState(false);
  const [offset, setOffset] = useState(0);
  const showAll = isAdmin && all;
  const bots = useQuery({
    queryKey: ['bots', { all: showAll, offset }],
    queryFn: () =>
      ok(
        api.GET('/api/bots', {
          params: { query: { limit: PAGE, offset, ...(showAll ? { all: true } : {}) } },
        }),
      ),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
  });
  const users = useUsers(showAll);
  const owner = (userId: string) =>
    users.data?.find((user) => user.id === userId)?.email ?? userId.slice(0, 8);

  return (
    <section>
      <div className="page-head">
        <h1>Bots</h1>
        <Link to="/bots/new" className="button primary">
          New bot
        </Link>
      </div>
      {isAdmin && (
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={all}
            onChange={(event) => {
              setAll(event.target.checked);
              setOffset(0);
            }}
          />
          Every user's bots
        </label>
      )}
      <ErrorNote error={bots.error} />
      {bots.data && bots.data.total === 0 && (
        <p className="empty">
          No bots yet. <Link to="/bots/new">Create one</Link>: a paper bot trades with virtual money
          on live market data.
        </p>
      )}
      {bots.data && bots.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                {showAll && <th scope="col">Owner</th>}
                <th scope="col">Symbol</th>
                <th scope="col">Interval</th>
                <th scope="col">Mode</th>
                <th scope="col">Status</th>
                <th scope="col">Position</th>
                <th scope="col">Today</th>
                <th scope="col">Realized PnL</th>
                <th scope="col">Last tick</th>
              </tr>
            </thead>
            <tbody>
              {bots.data.items.map((bot) => (
                <BotRow key={bot.id} bot={bot} owner={showAll ? owner(bot.userId) : null} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bots.data && (
        <Pager
          label="Bot pages"
          offset={offset}
          limit={PAGE}
          total={bots.data.total}
          onChange={setOffset}
        />
      )}
    </section>
  );
}

/** One bot; its state (position, counters, last tick) is asked for row by row. */
function BotRow({ bot, owner }: { bot: Bot; owner: string | null }) {
  const state = useBotState(bot.id).data;
  const position = state?.position;
  return (
    <tr>
      <th scope="row">
        <Link to={`/bots/${bot.id}`}>{bot.name}</Link>
      </th>
      {owner !== null && <td>{owner}</td>}
      <td>{bot.symbol}</td>
      <td>{bot.interval}</td>
      <td>{bot.mode}</td>
      <td>
        <StatusBadge status={state?.status ?? bot.status} />
        <StatusReason reason={state?.statusReason} />
      </td>
      <td>{position ? `${decimal(position.qty)} @ ${decimal(position.entryPrice)}` : 'flat'}</td>
      <td>
        {state ? (
          <>
            {entries(state.daily.trades)},{' '}
            <span className={pnlClass(state.daily.realizedPnl)}>
              {signed(state.daily.realizedPnl)}
            </span>
          </>
        ) : (
          '–'
        )}
      </td>
      <td className={pnlClass(state?.realizedPnl)}>{signed(state?.realizedPnl)}</td>
      <td>{state ? ago(state.lastTickAt) : '–'}</td>
    </tr>
  );
}
