import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, ok } from '../api/client';
import type { Schemas } from '../api/types';
import { EquityChart } from '../chart/equity-chart';
import { buyAndHold } from '../chart/equity-series';
import { PriceChart } from '../chart/price-chart';
import {
  type CandleRange,
  candlesEnd,
  closesOver,
  endToShow,
  holdInterval,
  RANGE_CANDLES,
} from '../chart/range-candles';
import type { ApiCandle } from '../chart/series';
import { ErrorNote } from '../ui/fields';
import { amount, dateTime, decimal, pnlClass, signed, signedAmount } from '../ui/format';
import { Pager } from '../ui/pager';
import type { ParamValue } from '../ui/strategy-param-values';
import { TradeRows, useSymbolFormat } from './trades-table';

/** A finished backtest, with what the page knows of its candles. */
export interface BacktestRun {
  report: Schemas['BacktestResponseDto'];
  /** Known when they came from a file: then the trades are drawn on them. */
  candles: ApiCandle[] | null;
  /** Otherwise the range, whose candles are asked for to draw the trades on. */
  range: CandleRange | null;
  strategy: string;
  params: Record<string, ParamValue>;
}

const TRADES_PAGE = 50;

/** A percentage metric with its sign, or a dash where docs/backtesting.md leaves it null. */
function percent(value: string | null): string {
  return value === null ? '–' : `${signed(value, 2)} %`;
}

const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** A duration in its largest whole unit and the next, like `3d 4h`; `0s` under a second. */
function duration(ms: number): string {
  const index = UNITS.findIndex(([, size]) => ms >= size);
  if (index < 0) return '0s';
  const [unit, size] = UNITS[index];
  const next = UNITS[index + 1];
  const rest = next ? Math.floor((ms % size) / next[1]) : 0;
  return `${Math.floor(ms / size)}${unit}${rest > 0 ? ` ${rest}${next[0]}` : ''}`;
}

/** The range's last candles up to `endTime`, asked for again: the report does not carry them. */
function useRangeCandles(range: CandleRange | null, endTime: number | undefined, limit: number) {
  return useQuery({
    queryKey: ['backtest candles', range, endTime, limit],
    queryFn: () =>
      ok(
        api.GET('/api/market/candles', {
          params: { query: { ...range!, endTime: endTime ?? range!.endTime, limit } },
        }),
      ),
    enabled: range !== null,
    // Closed candles of a past range do not change.
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/**
 * Buy-and-hold over the whole run: the starting equity bought at the first candle's close and
 * held. A file's candles are all here; a range's are asked for: its first and last candle, and
 * the whole range in one request of longer candles.
 */
function useBuyAndHold(run: BacktestRun) {
  const { equity } = run.report;
  const range = run.range;
  const start = equity[0];
  const end = equity.at(-1);
  const first = useRangeCandles(range, start?.time, 1);
  const last = useRangeCandles(range, end?.time, 1);
  const interval = range ? holdInterval(range) : '1d';
  const coarse = useQuery({
    queryKey: ['backtest hold candles', range, interval],
    queryFn: () =>
      ok(
        api.GET('/api/market/candles', {
          params: { query: { ...range!, interval, limit: RANGE_CANDLES } },
        }),
      ),
    enabled: range !== null,
    staleTime: Infinity,
  });
  return useMemo(() => {
    if (!start) return null;
    if (run.candles) {
      const close = run.candles.find((candle) => candle.closeTime === start.time)?.close;
      return close === undefined ? null : buyAndHold(start, close, run.candles);
    }
    const startClose = first.data?.candles[0]?.close;
    const lastCandle = last.data?.candles[0];
    if (startClose === undefined || !lastCandle || !coarse.data) return null;
    return buyAndHold(start, startClose, closesOver(coarse.data.candles, lastCandle));
  }, [run.candles, start, first.data, last.data, coarse.data]);
}

export function BacktestResults({ run }: { run: BacktestRun }) {
  const { metrics, trades, equity } = run.report;
  const range = run.range;
  const [offset, setOffset] = useState(0);
  const [focus, setFocus] = useState<{ time: number } | null>(null);
  // Set when a selected trade lies outside the chart's candles: theirs are asked for.
  const [selectedEnd, setSelectedEnd] = useState<number | undefined>();
  const symbol = useSymbolFormat(range?.symbol);
  const quote = symbol?.quoteAsset;
  const page = trades.slice(offset, offset + TRADES_PAGE);
  const end = range ? (selectedEnd ?? candlesEnd(range, page.at(-1)?.time)) : undefined;
  const rangeCandles = useRangeCandles(range, end, RANGE_CANDLES);
  const candles = run.candles ?? rangeCandles.data?.candles;
  const hold = useBuyAndHold(run);
  const rows = useMemo(
    () =>
      page.map((trade, i) => ({
        ...trade,
        key: String(offset + i),
        value: String(Number(trade.price) * Number(trade.qty)),
        // A backtest pays its fees in the quote asset.
        feeAsset: quote,
      })),
    [page, offset, quote],
  );
  const select = (time: number) => {
    const moved = range ? endToShow(range, rangeCandles.data?.candles, time) : undefined;
    if (moved !== undefined) setSelectedEnd(moved);
    setFocus({ time });
  };
  const turnPage = (next: number) => {
    setOffset(next);
    setSelectedEnd(undefined);
  };
  const lastShown = rangeCandles.data?.candles.at(-1);
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      <dl className="metrics" aria-label="Metrics">
        <div>
          <dt>Return</dt>
          <dd className={pnlClass(metrics.returnPct)}>{signed(metrics.returnPct, 2)} %</dd>
        </div>
        <div>
          <dt>Buy and hold</dt>
          <dd>{percent(metrics.buyAndHoldReturnPct)}</dd>
        </div>
        <div>
          <dt>CAGR</dt>
          <dd className={pnlClass(metrics.cagrPct)}>{percent(metrics.cagrPct)}</dd>
        </div>
        <div>
          <dt title="Annualised from the candle interval; docs/backtesting.md">
            Sharpe · Sortino · Calmar
          </dt>
          <dd>
            {[metrics.sharpe, metrics.sortino, metrics.calmar]
              .map((ratio) => decimal(ratio, 2))
              .join(' · ')}
          </dd>
        </div>
        <div>
          <dt>Realized PnL</dt>
          <dd className={pnlClass(metrics.realizedPnl)}>
            {signedAmount(metrics.realizedPnl, quote)}
          </dd>
        </div>
        <div>
          <dt>Final equity</dt>
          <dd>{amount(metrics.finalEquity, quote)}</dd>
        </div>
        <div>
          <dt>Round trips</dt>
          <dd>{metrics.roundTrips}</dd>
        </div>
        <div>
          <dt>Win rate</dt>
          <dd>
            {decimal(metrics.winRatePct, 1)} % ({metrics.wins} wins)
          </dd>
        </div>
        <div>
          <dt>Max drawdown</dt>
          <dd>
            {decimal(metrics.maxDrawdownPct, 2)} % · {duration(metrics.maxDrawdownDurationMs)}
          </dd>
        </div>
        <div>
          <dt>Profit factor</dt>
          <dd>{decimal(metrics.profitFactor, 2)}</dd>
        </div>
        <div>
          <dt>Expectancy</dt>
          <dd className={pnlClass(metrics.expectancy)}>
            {metrics.expectancy === null ? '–' : signedAmount(metrics.expectancy, quote)}
          </dd>
        </div>
        <div>
          <dt>Avg win · loss</dt>
          <dd>
            {amount(metrics.avgWin, quote)} · {amount(metrics.avgLoss, quote)}
          </dd>
        </div>
        <div>
          <dt>Avg trade · exposure</dt>
          <dd>
            {metrics.avgTradeDurationMs === null ? '–' : duration(metrics.avgTradeDurationMs)} ·{' '}
            {decimal(metrics.exposurePct, 1)} %
          </dd>
        </div>
        <div>
          <dt>Fees paid</dt>
          <dd>{amount(metrics.feesPaid, quote)}</dd>
        </div>
        <div>
          <dt>Skipped entries</dt>
          <dd>{metrics.skippedEntries}</dd>
        </div>
      </dl>
      <div className="card">
        <h3>Equity</h3>
        <EquityChart equity={equity} fills={trades} buyAndHold={hold} />
      </div>
      {(run.candles || range) && (
        <div className="card">
          <h3>
            Trades on the candles
            {rangeCandles.data?.truncated && lastShown && (
              <span className="tag" title="The range holds more: these are the table's trades">
                {end === range?.endTime
                  ? `the range’s last ${RANGE_CANDLES} candles`
                  : `${RANGE_CANDLES} candles to ${dateTime(lastShown.closeTime)}`}
              </span>
            )}
          </h3>
          <ErrorNote error={rangeCandles.error} />
          <PriceChart
            candles={candles ?? []}
            strategy={run.strategy}
            params={run.params}
            fills={trades}
            secondsVisible={range?.interval.endsWith('s')}
            tickSize={symbol?.tickSize}
            showFrom={page[0]?.time}
            windowKey={end}
            focus={focus}
          />
        </div>
      )}
      <h3>Trades</h3>
      {trades.length === 0 ? (
        <p className="empty">No trades: the strategy never signalled in this range.</p>
      ) : (
        <TradeRows trades={rows} symbol={symbol} onSelect={select} />
      )}
      <Pager
        label="Backtest trade pages"
        offset={offset}
        limit={TRADES_PAGE}
        total={trades.length}
        onChange={turnPage}
      />
    </section>
  );
}
