import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, ok } from '../api/client';
import type { Schemas } from '../api/types';
import { useStrategies } from '../api/queries';
import { EquityChart } from '../chart/equity-chart';
import { PriceChart } from '../chart/price-chart';
import type { ApiCandle, Fill } from '../chart/series';
import { ErrorNote, InputField, SelectField } from '../ui/fields';
import { showApiErrors } from '../ui/form-errors';
import { dateTime, decimal, pnlClass, signed } from '../ui/format';
import { Pager } from '../ui/pager';
import { paramSchemas, StrategyParamsFields } from '../ui/strategy-params';
import { candleRows, parseKlineCsv } from './backtest-csv';
import { INTERVALS, type Interval, OPTIONAL_RISK } from './bot-form-values';

interface BacktestValues {
  strategy: string;
  strategyParams: Record<string, number>;
  source: 'exchange' | 'file';
  symbol: string;
  interval: Interval;
  /** datetime-local values, the user's time. */
  startTime: string;
  endTime: string;
  candles: FileList | null;
  risk: { positionSizeQuote: string } & Record<(typeof OPTIONAL_RISK)[number], string>;
  paper: { initialBalanceQuote: string; feeRate: string; slippageBps: string };
}

/** The exchange's candles a backtest fetched. */
interface CandleRange {
  symbol: string;
  interval: Interval;
  startTime: number;
  endTime: number;
}

interface Run {
  report: Schemas['BacktestResponseDto'];
  /** Known when they came from a file: then the trades are drawn on them. */
  candles: ApiCandle[] | null;
  /** Otherwise the range, whose candles are asked for to draw the trades on. */
  range: CandleRange | null;
  params: Record<string, number>;
}

const DAY = 86_400_000;
/** The most GET /api/market/candles gives of a range: its last ones. */
const RANGE_CANDLES = 500;

/** A Date as a datetime-local input shows it: local time, to the minute. */
function localInput(time: number): string {
  const date = new Date(time - new Date(time).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

export default function BacktestPage() {
  const strategies = useStrategies();
  if (strategies.error) return <ErrorNote error={strategies.error} />;
  if (!strategies.data) return <p aria-busy="true">Loading…</p>;
  return <Backtest strategies={strategies.data} />;
}

function Backtest({ strategies }: { strategies: Schemas['StrategyDescriptionDto'][] }) {
  const now = Date.now();
  const { register, handleSubmit, setError, setValue, watch, formState } = useForm<BacktestValues>({
    defaultValues: {
      strategy: strategies[0]?.key ?? '',
      strategyParams: { ...strategies[0]?.defaults },
      source: 'exchange',
      symbol: 'BTCUSDT',
      interval: '1h',
      startTime: localInput(now - 30 * DAY),
      endTime: localInput(now),
      candles: null,
      risk: {
        positionSizeQuote: '100',
        ...Object.fromEntries(OPTIONAL_RISK.map((key) => [key, ''])),
      } as BacktestValues['risk'],
      paper: { initialBalanceQuote: '10000', feeRate: '0.001', slippageBps: '5' },
    },
  });
  const errors = formState.errors;
  const source = watch('source');
  const strategyKey = watch('strategy');
  const strategy = strategies.find((candidate) => candidate.key === strategyKey);
  const [formError, setFormError] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const abort = useRef<AbortController | null>(null);

  const shownStrategy = useRef(strategyKey);
  useEffect(() => {
    if (shownStrategy.current === strategyKey) return;
    shownStrategy.current = strategyKey;
    setValue('strategyParams', { ...strategy?.defaults });
  }, [strategyKey, strategy, setValue]);

  const backtest = useMutation({
    mutationFn: async (values: BacktestValues): Promise<Run> => {
      const candles =
        values.source === 'file' && values.candles?.[0]
          ? parseKlineCsv(await values.candles[0].text())
          : null;
      const risk: Record<string, unknown> = { positionSizeQuote: values.risk.positionSizeQuote };
      for (const key of OPTIONAL_RISK) {
        const value = values.risk[key].trim();
        if (value) risk[key] = key === 'maxDailyTrades' ? Number(value) : value;
      }
      const params = Object.fromEntries(
        Object.entries(values.strategyParams).filter(([, value]) => !Number.isNaN(value)),
      );
      const range: CandleRange | null = candles
        ? null
        : {
            symbol: values.symbol.trim().toUpperCase(),
            interval: values.interval,
            startTime: new Date(values.startTime).getTime(),
            endTime: new Date(values.endTime).getTime(),
          };
      const body: Schemas['BacktestRequestDto'] = {
        strategy: values.strategy,
        strategyParams: params as Schemas['BacktestRequestDto']['strategyParams'],
        risk: risk as Schemas['RiskDto'],
        paper: values.paper,
        ...(candles ? { candles: candleRows(candles) } : range),
      };
      abort.current = new AbortController();
      const report = await ok(api.POST('/api/backtests', { body, signal: abort.current.signal }));
      return { report, candles, range, params };
    },
    onMutate: () => {
      setFormError(null);
      setRun(null);
    },
    onSuccess: setRun,
    onError: (error) => {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setFormError(
        showApiErrors(error, setError, [
          'strategy',
          ...paramSchemas(strategy).map(([name]) => `strategyParams.${name}`),
          'symbol',
          'interval',
          'startTime',
          'endTime',
          'candles',
          'risk.positionSizeQuote',
          ...OPTIONAL_RISK.map((key) => `risk.${key}`),
          'paper.initialBalanceQuote',
          'paper.feeRate',
          'paper.slippageBps',
        ]),
      );
    },
  });

  return (
    <section>
      <h1>Backtest</h1>
      <p className="hint">
        Runs a strategy over past candles exactly as a paper bot trades, fees and slippage included.
      </p>
      <form
        onSubmit={(event) => void handleSubmit((values) => backtest.mutate(values))(event)}
        noValidate
      >
        <fieldset>
          <legend>Strategy</legend>
          <div className="grid">
            <SelectField
              label="Strategy"
              options={strategies.map((candidate) => candidate.key)}
              error={errors.strategy?.message}
              {...register('strategy')}
            />
          </div>
        </fieldset>
        <StrategyParamsFields strategy={strategy} register={register} errors={errors} />
        <fieldset>
          <legend>Candles</legend>
          <div className="checks" role="radiogroup" aria-label="Source of the candles">
            <label>
              <input type="radio" value="exchange" {...register('source')} /> the exchange
            </label>
            <label>
              <input type="radio" value="file" {...register('source')} /> a CSV file of Binance
              klines
            </label>
          </div>
          {source === 'exchange' ? (
            <div className="grid">
              <InputField label="Symbol" error={errors.symbol?.message} {...register('symbol')} />
              <SelectField
                label="Interval"
                options={INTERVALS}
                error={errors.interval?.message}
                {...register('interval')}
              />
              <InputField
                label="From"
                type="datetime-local"
                error={errors.startTime?.message}
                {...register('startTime')}
              />
              <InputField
                label="To"
                type="datetime-local"
                error={errors.endTime?.message}
                {...register('endTime')}
              />
            </div>
          ) : (
            <InputField
              label="Kline CSV"
              type="file"
              accept=".csv,text/csv"
              hint="openTime, open, high, low, close, volume, closeTime per row, oldest first"
              error={errors.candles?.message}
              {...register('candles')}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>Risk and fills</legend>
          <div className="grid">
            <InputField
              label="Position size"
              inputMode="decimal"
              error={errors.risk?.positionSizeQuote?.message}
              {...register('risk.positionSizeQuote')}
            />
            <InputField
              label="Stop loss %"
              inputMode="decimal"
              hint="Empty: off"
              error={errors.risk?.stopLossPct?.message}
              {...register('risk.stopLossPct')}
            />
            <InputField
              label="Take profit %"
              inputMode="decimal"
              hint="Empty: off"
              error={errors.risk?.takeProfitPct?.message}
              {...register('risk.takeProfitPct')}
            />
            <InputField
              label="Trailing stop %"
              inputMode="decimal"
              hint="Empty: off"
              error={errors.risk?.trailingStopPct?.message}
              {...register('risk.trailingStopPct')}
            />
            <InputField
              label="Initial balance"
              inputMode="decimal"
              error={errors.paper?.initialBalanceQuote?.message}
              {...register('paper.initialBalanceQuote')}
            />
            <InputField
              label="Fee rate"
              inputMode="decimal"
              error={errors.paper?.feeRate?.message}
              {...register('paper.feeRate')}
            />
            <InputField
              label="Slippage (bps)"
              inputMode="decimal"
              error={errors.paper?.slippageBps?.message}
              {...register('paper.slippageBps')}
            />
          </div>
        </fieldset>
        {formError && (
          <p role="alert" className="error-note">
            {formError}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={backtest.isPending}>
            Run backtest
          </button>
          {backtest.isPending && (
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {backtest.isPending && <Running />}
      {run && <Results run={run} />}
    </section>
  );
}

/** A backtest may take a while (a million candles, or a queue): say it is still going. */
function Running() {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(
      () => setSeconds(Math.floor((Date.now() - started) / 1000)),
      500,
    );
    return () => window.clearInterval(timer);
  }, []);
  return (
    <div className="card running" role="status">
      <progress aria-label="Backtest running" />
      <span>Fetching candles and trading them… {seconds} s</span>
    </div>
  );
}

const TRADES_PAGE = 50;

/** The trades on the range's candles, asked for again: the report does not carry them. */
function RangeChart({
  range,
  params,
  fills,
}: {
  range: CandleRange;
  params: Record<string, number>;
  fills: readonly Fill[];
}) {
  const candles = useQuery({
    queryKey: ['backtest candles', range],
    queryFn: () =>
      ok(api.GET('/api/market/candles', { params: { query: { ...range, limit: RANGE_CANDLES } } })),
    // Closed candles of a past range do not change.
    staleTime: Infinity,
  });
  return (
    <div className="card">
      <h3>
        Trades on the candles
        {candles.data?.truncated && (
          <span className="tag" title="Trades before these candles are not marked">
            the range’s last {RANGE_CANDLES} candles
          </span>
        )}
      </h3>
      <ErrorNote error={candles.error} />
      <PriceChart
        candles={candles.data?.candles ?? []}
        params={params}
        fills={fills}
        secondsVisible={range.interval.endsWith('s')}
      />
    </div>
  );
}

function Results({ run }: { run: Run }) {
  const { metrics, trades, equity } = run.report;
  const [offset, setOffset] = useState(0);
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      <dl className="metrics" aria-label="Metrics">
        <div>
          <dt>Return</dt>
          <dd className={pnlClass(metrics.returnPct)}>{signed(metrics.returnPct, 2)} %</dd>
        </div>
        <div>
          <dt>Realized PnL</dt>
          <dd className={pnlClass(metrics.realizedPnl)}>{signed(metrics.realizedPnl)}</dd>
        </div>
        <div>
          <dt>Final equity</dt>
          <dd>{decimal(metrics.finalEquity, 2)}</dd>
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
          <dd>{decimal(metrics.maxDrawdownPct, 2)} %</dd>
        </div>
        <div>
          <dt>Skipped entries</dt>
          <dd>{metrics.skippedEntries}</dd>
        </div>
      </dl>
      <div className="card">
        <h3>Equity</h3>
        <EquityChart equity={equity} fills={trades} />
      </div>
      {run.candles && (
        <div className="card">
          <h3>Trades on the candles</h3>
          <PriceChart candles={run.candles} params={run.params} fills={trades} />
        </div>
      )}
      {run.range && <RangeChart range={run.range} params={run.params} fills={trades} />}
      <h3>Trades</h3>
      {trades.length === 0 ? (
        <p className="empty">No trades: the strategy never signalled in this range.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Side</th>
                <th scope="col">Price</th>
                <th scope="col">Quantity</th>
                <th scope="col">Fee</th>
                <th scope="col">PnL</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {trades.slice(offset, offset + TRADES_PAGE).map((trade, i) => (
                <tr key={offset + i}>
                  <td>{dateTime(trade.time)}</td>
                  <td className={trade.side === 'BUY' ? 'gain' : 'loss'}>{trade.side}</td>
                  <td>{decimal(trade.price)}</td>
                  <td>{decimal(trade.qty)}</td>
                  <td>{decimal(trade.fee)}</td>
                  <td className={pnlClass(trade.pnl)}>{trade.pnl ? signed(trade.pnl) : ''}</td>
                  <td>{trade.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Backtest trade pages"
        offset={offset}
        limit={TRADES_PAGE}
        total={trades.length}
        onChange={setOffset}
      />
    </section>
  );
}
