import type { Bot, BotState } from '../api/types';
import { ago, dateTime, decimal, entries, pnlClass, signed } from '../ui/format';

/** Everything GET /api/bots/{id}/state says, for a person: why it did or did not trade. */
export function BotStatePanel({ bot, state }: { bot: Bot; state: BotState }) {
  const signal = state.lastSignal as {
    action?: string;
    reason?: string;
    indicators?: Record<string, number | null>;
  } | null;
  const position = state.position;
  return (
    <section className="card state" aria-labelledby="state-title">
      <h2 id="state-title">State</h2>
      <dl>
        <dt>Status</dt>
        <dd>{state.statusText}</dd>
        <dt>Position</dt>
        <dd>
          {position
            ? `${decimal(position.qty)} ${bot.symbol} bought at ${decimal(position.entryPrice)}`
            : 'flat'}
          {state.orderInFlight && ' (an order is in flight)'}
        </dd>
        {state.stopRequestedAt && (
          <>
            <dt>Stop requested</dt>
            <dd>
              {dateTime(state.stopRequestedAt)}: the bot stops and sells its position once the order
              in flight settles
            </dd>
          </>
        )}
        {position && (
          <>
            <dt>Entry cost</dt>
            <dd>
              {decimal(position.entryCostQuote)} (fee included), {dateTime(position.entryTime)}
            </dd>
            <dt>Stops</dt>
            <dd>
              stop loss {decimal(position.stopLossPrice)}, take profit{' '}
              {decimal(position.takeProfitPrice)}, high since entry {decimal(position.trailingHigh)}
            </dd>
          </>
        )}
        <dt>Today{state.daily.date ? ` (${state.daily.date} UTC)` : ''}</dt>
        <dd>
          {entries(state.daily.trades)},{' '}
          <span className={pnlClass(state.daily.realizedPnl)}>
            {signed(state.daily.realizedPnl)}
          </span>{' '}
          realized
        </dd>
        <dt>Realized PnL</dt>
        <dd className={pnlClass(state.realizedPnl)}>{signed(state.realizedPnl)}</dd>
        {state.balances && (
          <>
            <dt>Balances</dt>
            <dd>
              {decimal(state.balances.quote)} quote, {decimal(state.balances.base)} base
            </dd>
          </>
        )}
        <dt>Last signal</dt>
        <dd>
          {signal ? (
            <>
              <strong>{signal.action ?? '–'}</strong>
              {signal.reason && ` – ${signal.reason}`}
              {signal.indicators && (
                <span className="indicators">
                  {Object.entries(signal.indicators).map(([name, value]) => (
                    <span key={name}>
                      {name} {value === null ? '–' : decimal(value, 4)}
                    </span>
                  ))}
                </span>
              )}
            </>
          ) : (
            'none yet'
          )}
        </dd>
        <dt>Last decision</dt>
        <dd>{state.lastDecision ?? '–'}</dd>
        <dt>Last error</dt>
        <dd className={state.lastError ? 'loss' : undefined}>{state.lastError ?? 'none'}</dd>
        <dt>Last tick</dt>
        <dd>
          {ago(state.lastTickAt)}
          {state.ticksSkipped > 0 && ` (${state.ticksSkipped} skipped: another worker held it)`}
        </dd>
      </dl>
    </section>
  );
}
