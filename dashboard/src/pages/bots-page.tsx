import { useState } from 'react';
import { useBotsPage, useMe, useUsers } from '../api/queries';
import type { Schemas } from '../api/types';
import { Link } from '../router';
import { ErrorNote } from '../ui/fields';
import { ago, decimal, entries, pnlClass, signed } from '../ui/format';
import { Pager } from '../ui/pager';
import { PauseNote, StatusBadge, StatusReason } from '../ui/status';

const PAGE = 25;

export function BotsPage() {
  const me = useMe();
  const isAdmin = me.data?.role === 'admin';
  const [all, setAll] = useState(false);
  const [offset, setOffset] = useState(0);
  const showAll = isAdmin && all;
  // One request: each item carries its state, so no row asks for its own.
  const bots = useBotsPage({ limit: PAGE, offset, ...(showAll ? { all: true } : {}) });
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
        // Focusable and named: a keyboard can scroll the table sideways on a phone.
        <div className="table-wrap scroll-x" tabIndex={0} role="region" aria-label="Bots">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Realized PnL</th>
                <th scope="col">Today</th>
                <th scope="col">Position</th>
                <th scope="col">Symbol</th>
                <th scope="col">Interval</th>
                <th scope="col">Mode</th>
                {showAll && <th scope="col">Owner</th>}
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

/** One bot: name, status and PnL first, so a phone shows them without scrolling. */
function BotRow({ bot, owner }: { bot: Schemas['BotListItemDto']; owner: string | null }) {
  const { state } = bot;
  const position = state.position;
  return (
    <tr>
      <th scope="row">
        <Link to={`/bots/${bot.id}`}>{bot.name}</Link>
      </th>
      <td>
        <StatusBadge status={state.status} />
        <StatusReason reason={state.statusReason} />
        <PauseNote protection={state.protection} statusReason={state.statusReason} />
      </td>
      <td className={pnlClass(state.realizedPnl)}>{signed(state.realizedPnl)}</td>
      <td>
        {entries(state.daily.trades)},{' '}
        <span className={pnlClass(state.daily.realizedPnl)}>{signed(state.daily.realizedPnl)}</span>
      </td>
      <td>{position ? `${decimal(position.qty)} @ ${decimal(position.entryPrice)}` : 'flat'}</td>
      <td>{bot.symbol}</td>
      <td>{bot.interval}</td>
      <td>{bot.mode}</td>
      {owner !== null && <td>{owner}</td>}
      <td>{ago(state.lastTickAt)}</td>
    </tr>
  );
}
