import type { Bot, BotState } from '../api/types';
import {
  ago,
  amount,
  balances,
  dateTime,
  decimal,
  pnlClass,
  price,
  quantity,
  signedAmount,
  type SymbolFormat,
  today,
} from '../ui/format';

/** Everything GET /api/bots/{id}/state says, for a person: why it did or did not trade. */
export function BotStatePanel({
  bot,
  state,
  symbol,
}: {
  bot: Bot;
  state: BotState;
  symbol: SymbolFormat | undefined;
}) {
  const quote = symbol?.quoteAsset;
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
        {state.protection && (
          <>
            <dt>Entries paused</dt>
            <dd>
              {state.protection.reason}, until {dateTime(state.protection.until)} (exits go on)
            </dd>
          </>
        )}
        <dt>Position</dt>
        <dd>
          {position
            ? `${quantity(position.qty, symbol?.stepSize)} ${symbol?.baseAsset ?? bot.symbol} bought at ${price(position.entryPrice, symbol?.tickSize)}`
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
              {amount(position.entryCostQuote, quote)} (fee included),{' '}
              {dateTime(position.entryTime)}
            </dd>
            <dt>Stops</dt>
            <dd>
              stop loss {price(position.stopLossPrice, symbol?.tickSize)}, take profit{' '}
              {price(position.takeProfitPrice, symbol?.tickSize)}, high since entry{' '}
              {price(position.trailingHigh, symbol?.tickSize)}
            </dd>
          </>
        )}
        <dt>Day{state.daily.date ? ` (${state.daily.date} UTC)` : ''}</dt>
        <dd className={pnlClass(state.daily.realizedPnl)}>
          {today(state.daily.trades, state.daily.realizedPnl, quote)}
        </dd>
        <dt>Realized PnL</dt>
        <dd className={pnlClass(state.realizedPnl)}>{signedAmount(state.realizedPnl, quote)}</dd>
        {state.balances && (
          <>
            <dt>Balances</dt>
            <dd>{balances(state.balances, symbol)}</dd>
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
