import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, ok } from '../api/client';
import { POLL_MS, useBot, useBotState } from '../api/queries';
import type { Bot, BotState } from '../api/types';
import { type PriceLevel, PriceChart } from '../chart/price-chart';
import { Link, navigate } from '../router';
import { Dialog } from '../ui/dialog';
import { ErrorNote } from '../ui/fields';
import type { SymbolFormat } from '../ui/format';
import { EXTERNAL_SIGNAL } from '../ui/signal-alert';
import { SignalPassphrase } from '../ui/signal-passphrase';
import { PauseNote, StatusBadge, StatusReason } from '../ui/status';
import { MarketDataNotice } from '../ui/market-data-notice';
import { BotStatePanel } from './bot-state-panel';
import { TRADES_PAGE, TradesTable, useSymbolFormat } from './trades-table';

/** Most candles the API gives: the window the bots tick on, so the EMAs have settled. */
const CANDLES = 500;
/** Fills drawn as markers: more than a window of candles ever holds. */
const MARKED_FILLS = 500;

const INTERVAL_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

function intervalMs(interval: string): number {
  return Number.parseInt(interval, 10) * INTERVAL_MS[interval.slice(-1)];
}

export default function BotPage({ id }: { id: string }) {
  const bot = useBot(id);
  const state = useBotState(id);
  if (bot.error) return <ErrorNote error={bot.error} />;
  if (!bot.data) return <p aria-busy="true">Loading…</p>;
  return <BotView bot={bot.data} state={state.data} stateError={state.error} />;
}

function BotView({
  bot,
  state,
  stateError,
}: {
  bot: Bot;
  state: BotState | undefined;
  stateError: unknown;
}) {
  const queryClient = useQueryClient();
  const [stopping, setStopping] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ time: number } | null>(null);
  const symbol = useSymbolFormat(bot.symbol);
  const status = state?.status ?? bot.status;
  // As the API allows: a bot in error starts again, and can be deleted, like a stopped one.
  const idle = status === 'stopped' || status === 'error';
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['bot', bot.id] });

  const start = useMutation({
    mutationFn: () => ok(api.POST('/api/bots/{id}/start', { params: { path: { id: bot.id } } })),
    onSettled: refresh,
  });
  const stop = useMutation({
    mutationFn: (closePosition: boolean) =>
      ok(
        api.POST('/api/bots/{id}/stop', {
          params: { path: { id: bot.id } },
          body: { closePosition },
        }),
      ),
    onSettled: () => {
      setStopping(false);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/bots/{id}', { params: { path: { id: bot.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['bots'] });
      navigate('/');
    },
    onSettled: () => setDeleting(false),
  });
  const rotate = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/bots/{id}/signal-passphrase', { params: { path: { id: bot.id } } })),
    onSuccess: (answer) => setPassphrase(answer.signalPassphrase),
    onSettled: () => setRotating(false),
  });

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>{bot.name}</h1>
          <p className="subtitle">
            {bot.symbol} · {bot.interval} · {bot.mode} · {bot.strategy} ·{' '}
            <StatusBadge status={status} /> <StatusReason reason={state?.statusReason} />{' '}
            <PauseNote protection={state?.protection} statusReason={state?.statusReason} />
          </p>
        </div>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!idle || start.isPending}
            onClick={() => start.mutate()}
          >
            Start
          </button>
          <button type="button" disabled={status === 'stopped'} onClick={() => setStopping(true)}>
            Stop
          </button>
          <Link to={`/bots/${bot.id}/edit`} className="button">
            Edit
          </Link>
          {bot.strategy === EXTERNAL_SIGNAL && (
            <button type="button" onClick={() => setRotating(true)}>
              New signal passphrase
            </button>
          )}
          <button
            type="button"
            className="danger"
            disabled={!idle}
            title={idle ? undefined : 'Stop the bot first'}
            onClick={() => setDeleting(true)}
          >
            Delete
          </button>
        </div>
      </div>
      <ErrorNote error={start.error ?? stop.error ?? remove.error ?? rotate.error ?? stateError} />
      {passphrase && (
        <SignalPassphrase botId={bot.id} passphrase={passphrase}>
          <button type="button" onClick={() => setPassphrase(null)}>
            I have stored it
          </button>
        </SignalPassphrase>
      )}
      <MarketDataNotice mode={bot.mode} />
      <div className="bot-layout">
        <BotChart bot={bot} state={state} symbol={symbol} focus={focus} />
        {state && <BotStatePanel bot={bot} state={state} symbol={symbol} />}
      </div>
      <TradesTable botId={bot.id} symbol={symbol} onSelect={(time) => setFocus({ time })} />

      <Dialog open={stopping} title={`Stop ${bot.name}?`} onClose={() => setStopping(false)}>
        {state?.position ? (
          <>
            <p>The bot holds {bot.symbol}. Sell it now at the market, or keep it?</p>
            <div className="actions">
              <button type="button" className="danger" onClick={() => stop.mutate(true)}>
                Sell and stop
              </button>
              <button type="button" onClick={() => stop.mutate(false)}>
                Keep position and stop
              </button>
              <button type="button" onClick={() => setStopping(false)}>
                Cancel
              </button>
            </div>
          </>
        ) : (
          <>
            <p>The bot holds no position; it stops deciding until started again.</p>
            <div className="actions">
              <button type="button" className="danger" onClick={() => stop.mutate(false)}>
                Stop bot
              </button>
              <button type="button" onClick={() => setStopping(false)}>
                Cancel
              </button>
            </div>
          </>
        )}
      </Dialog>
      <Dialog
        open={rotating}
        title={`New signal passphrase for ${bot.name}?`}
        onClose={() => setRotating(false)}
      >
        <p>
          The current passphrase stops working at once: alerts still sending it are refused until
          they carry the new one.
        </p>
        <div className="actions">
          <button
            type="button"
            className="danger"
            disabled={rotate.isPending}
            onClick={() => rotate.mutate()}
          >
            Replace passphrase
          </button>
          <button type="button" onClick={() => setRotating(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
      <Dialog open={deleting} title={`Delete ${bot.name}?`} onClose={() => setDeleting(false)}>
        <p>Its configuration, state and trade history are deleted for good.</p>
        <div className="actions">
          <button type="button" className="danger" onClick={() => remove.mutate()}>
            Delete bot
          </button>
          <button type="button" onClick={() => setDeleting(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </section>
  );
}

function BotChart({
  bot,
  state,
  symbol,
  focus,
}: {
  bot: Bot;
  state: BotState | undefined;
  symbol: SymbolFormat | undefined;
  focus: { time: number } | null;
}) {
  const every = intervalMs(bot.interval);
  const candles = useQuery({
    queryKey: ['candles', bot.symbol, bot.interval],
    queryFn: () =>
      ok(
        api.GET('/api/market/candles', {
          params: { query: { symbol: bot.symbol, interval: bot.interval, limit: CANDLES } },
        }),
      ),
    // A new candle closes once per interval; no sooner than the other polls, no later than a minute.
    refetchInterval: Math.min(Math.max(POLL_MS, every / 2), 60_000),
  });
  const fills = useQuery({
    queryKey: ['bot', bot.id, 'trades', 'marked'],
    queryFn: () =>
      ok(
        api.GET('/api/bots/{id}/trades', {
          params: { path: { id: bot.id }, query: { limit: MARKED_FILLS } },
        }),
      ),
    refetchInterval: POLL_MS,
    select: (page) =>
      page.items.map((trade) => ({ ...trade, time: Date.parse(trade.time) })).reverse(),
  });
  const position = state?.position;
  const trailingPct = bot.risk.trailingStopPct;
  const levels = useMemo<PriceLevel[]>(
    () =>
      position
        ? [
            { title: 'entry', price: position.entryPrice, color: '#0969da' },
            { title: 'stop loss', price: position.stopLossPrice, color: '#cf222e' },
            { title: 'take profit', price: position.takeProfitPrice, color: '#1a7f37' },
            {
              title: 'trailing stop',
              price: trailingPct
                ? String(Number(position.trailingHigh) * (1 - Number(trailingPct) / 100))
                : null,
              color: '#bf8700',
            },
          ]
        : [],
    [position, trailingPct],
  );
  return (
    <section className="card chart-card" aria-labelledby="chart-title">
      <h2 id="chart-title">
        {bot.symbol} {bot.interval}
        {candles.data?.simulated && (
          <span
            className="tag"
            title="Binance cannot be reached: this paper bot trades on simulated market data"
          >
            simulated market data
          </span>
        )}
      </h2>
      <ErrorNote error={candles.error} />
      <PriceChart
        // Drawn once the fills are known too: the first window shows the table's trades.
        candles={fills.isPending ? [] : (candles.data?.candles ?? [])}
        strategy={bot.strategy}
        params={bot.strategyParams}
        fills={fills.data ?? []}
        levels={levels}
        secondsVisible={bot.interval.endsWith('s')}
        tickSize={symbol?.tickSize}
        showFrom={fills.data?.at(-TRADES_PAGE)?.time ?? fills.data?.[0]?.time}
        focus={focus}
      />
    </section>
  );
}
