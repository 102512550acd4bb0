import { useAllBots, useOverview } from '../api/queries';
import type { Schemas } from '../api/types';
import { CumulativePnlChart } from '../chart/cumulative-pnl-chart';
import { Link } from '../router';
import { ErrorNote } from '../ui/fields';
import { dateTime, decimal, pnlClass, signed } from '../ui/format';
import { StatusBadge } from '../ui/status';
import { attentionReasons, lastClose, todayPnl, unrealizedPnl, utcDay } from './overview-values';

type ListedBot = Schemas['BotListItemDto'];

/** Every bot at a glance: PnL, open positions, what needs attention, the latest trades. */
export default function OverviewPage() {
  const bots = useAllBots();
  const overview = useOverview();
  const today = utcDay(Date.now());
  const items = bots.data?.items ?? [];
  const days = overview.data?.dailyPnl ?? [];
  const allTime = days.at(-1)?.cumulativePnl ?? '0';
  const todayTotal = days.find((day) => day.day === today)?.pnl ?? '0';
  const open = items.filter((bot) => bot.state.position !== null);
  const unrealized = open.reduce((sum, bot) => sum + (unrealizedPnl(bot.state) ?? 0), 0);
  const attention = items
    .map((bot) => ({ bot, reasons: attentionReasons(bot.state) }))
    .filter(({ reasons }) => reasons.length > 0);

  return (
    <section className="overview">
      <div className="page-head">
        <h1>Overview</h1>
        <Link to="/bots/new" className="button primary">
          New bot
        </Link>
      </div>
      <ErrorNote error={bots.error ?? overview.error} />
      <dl className="metrics" aria-label="Totals">
        <div>
          <dt>Realized PnL, all time</dt>
          <dd className={pnlClass(allTime)}>{signed(allTime)}</dd>
        </div>
        <div>
          <dt>Realized PnL today (UTC)</dt>
          <dd className={pnlClass(todayTotal)}>{signed(todayTotal)}</dd>
        </div>
        <div>
          <dt>Open positions</dt>
          <dd>{open.length}</dd>
        </div>
        <div>
          <dt>Unrealized PnL</dt>
          <dd className={pnlClass(String(unrealized))}>{signed(String(unrealized))}</dd>
        </div>
      </dl>

      <section aria-labelledby="attention-title" className="card">
        <h2 id="attention-title">Needs attention</h2>
        {attention.length === 0 ? (
          <p className="empty">Nothing: no errors, pauses or unresolved orders.</p>
        ) : (
          <ul className="attention">
            {attention.map(({ bot, reasons }) => (
              <li key={bot.id}>
                <Link to={`/bots/${bot.id}`}>{bot.name}</Link>{' '}
                <StatusBadge status={bot.state.status} /> {reasons.join('; ')}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="cumulative-title">
        <h2 id="cumulative-title">Cumulative realized PnL</h2>
        {days.length === 0 ? (
          <p className="empty">No closed trades yet.</p>
        ) : (
          <div className="card">
            <CumulativePnlChart days={days} />
          </div>
        )}
      </section>

      <section aria-labelledby="per-bot-title">
        <h2 id="per-bot-title">Bots</h2>
        <div className="table-wrap scroll-x" tabIndex={0} role="region" aria-label="PnL by bot">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">All time</th>
                <th scope="col">Today</th>
                <th scope="col">Symbol</th>
              </tr>
            </thead>
            <tbody>
              {items.map((bot) => (
                <BotPnlRow key={bot.id} bot={bot} today={today} />
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="positions-title">
        <h2 id="positions-title">Open positions</h2>
        {open.length === 0 ? (
          <p className="empty">No open positions.</p>
        ) : (
          <div className="table-wrap scroll-x" tabIndex={0} role="region" aria-label="Positions">
            <table>
              <thead>
                <tr>
                  <th scope="col">Bot</th>
                  <th scope="col">Unrealized PnL</th>
                  <th scope="col">Quantity</th>
                  <th scope="col">Entry</th>
                  <th scope="col">Last close</th>
                  <th scope="col">Symbol</th>
                </tr>
              </thead>
              <tbody>
                {open.map((bot) => (
                  <PositionRow key={bot.id} bot={bot} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="latest-title">
        <h2 id="latest-title">Latest trades</h2>
        {overview.data?.latestTrades.length === 0 && <p className="empty">No trades yet.</p>}
        {overview.data && overview.data.latestTrades.length > 0 && (
          <div className="table-wrap scroll-x" tabIndex={0} role="region" aria-label="Trades">
            <table>
              <thead>
                <tr>
                  <th scope="col">Bot</th>
                  <th scope="col">Side</th>
                  <th scope="col">PnL</th>
                  <th scope="col">Price</th>
                  <th scope="col">Quantity</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {overview.data.latestTrades.map((trade) => (
                  <tr key={trade.id}>
                    <th scope="row">
                      <Link to={`/bots/${trade.botId}`}>{trade.botName}</Link>
                    </th>
                    <td className={trade.side === 'BUY' ? 'gain' : 'loss'}>{trade.side}</td>
                    <td className={pnlClass(trade.pnl)}>{signed(trade.pnl)}</td>
                    <td>{decimal(trade.price)}</td>
                    <td>{decimal(trade.qty)}</td>
                    <td>{dateTime(trade.time)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

function BotPnlRow({ bot, today }: { bot: ListedBot; today: string }) {
  const day = String(todayPnl(bot.state, today));
  return (
    <tr>
      <th scope="row">
        <Link to={`/bots/${bot.id}`}>{bot.name}</Link>
      </th>
      <td>
        <StatusBadge status={bot.state.status} />
      </td>
      <td className={pnlClass(bot.state.realizedPnl)}>{signed(bot.state.realizedPnl)}</td>
      <td className={pnlClass(day)}>{signed(day)}</td>
      <td>{bot.symbol}</td>
    </tr>
  );
}

function PositionRow({ bot }: { bot: ListedBot }) {
  const position = bot.state.position!;
  const pnl = unrealizedPnl(bot.state);
  const pnlText = pnl === null ? null : String(pnl);
  return (
    <tr>
      <th scope="row">
        <Link to={`/bots/${bot.id}`}>{bot.name}</Link>
      </th>
      <td className={pnlClass(pnlText)}>{signed(pnlText)}</td>
      <td>{decimal(position.qty)}</td>
      <td>{decimal(position.entryPrice)}</td>
      <td>{decimal(lastClose(bot.state))}</td>
      <td>{bot.symbol}</td>
    </tr>
  );
}
