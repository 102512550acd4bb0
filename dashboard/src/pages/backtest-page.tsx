import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, ok } from '../api/client';
import type { Schemas } from '../api/types';
import { useStrategies } from '../api/queries';
import type { ApiCandle } from '../chart/series';
import { ErrorNote, InputField, SelectField } from '../ui/fields';
import { decimal } from '../ui/format';
import { showApiErrors } from '../ui/form-errors';
import { ProtectionsFields } from '../ui/protections-fields';
import { StrategyParamsFields } from '../ui/strategy-params';
import {
  defaultParams,
  paramSchemas,
  type ParamValue,
  paramsBody,
} from '../ui/strategy-param-values';
import { candleRows, parseKlineCsv, symbolOfFile } from './backtest-csv';
import { BacktestResults } from './backtest-results';
import {
  type BotFormValues,
  emptyRisk,
  type Interval,
  RISK_FIELDS,
  riskBody,
} from './bot-form-values';
import { RiskAndFillsFields } from '../ui/risk-fills-fields';
import { CandleRangeFields } from '../ui/candle-range-fields';
import { executionBody, type ExecutionValues, IMMEDIATE } from './backtest-execution';

interface BacktestValues {
  strategy: string;
  strategyParams: Record<string, ParamValue>;
  source: BacktestSource;
  symbol: string;
  /** Simulated: empty draws a new seed, which the report shows. */
  seed: string;
  interval: Interval;
  /** datetime-local values, the user's time. */
  startTime: string;
  endTime: string;
  candles: FileList | null;
  risk: BotFormValues['risk'];
  paper: { initialBalanceQuote: string; feeRate: string; slippageBps: string };
  execution: ExecutionValues;
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
  strategy: string;
  params: Record<string, ParamValue>;
}

const DAY = 86_400_000;

/** Sources that work offline first; the exchange last, as it needs the network. */
type BacktestSource = 'file' | 'simulated' | 'exchange';
const EXAMPLE_FILE = 'examples/BTCUSDT-1h-simulated.csv';

/** The example shipped with the repository, bundled as its own chunk, fetched on use. */
async function exampleCandles(): Promise<ApiCandle[]> {
  const text = (await import('../../../examples/BTCUSDT-1h-simulated.csv?raw')).default;
  return parseKlineCsv(text);
}

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
      strategyParams: defaultParams(strategies[0]),
      source: 'simulated',
      symbol: 'BTCUSDT',
      seed: '',
      interval: '1h',
      startTime: localInput(now - 30 * DAY),
      endTime: localInput(now),
      candles: null,
      risk: { positionSizeQuote: '100', ...emptyRisk() },
      paper: { initialBalanceQuote: '10000', feeRate: '0.001', slippageBps: '5' },
      execution: IMMEDIATE,
    },
  });
  const errors = formState.errors;
  const source = watch('source');
  const strategyKey = watch('strategy');
  const strategy = strategies.find((candidate) => candidate.key === strategyKey);
  const [formError, setFormError] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [useExample, setUseExample] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const shownStrategy = useRef(strategyKey);
  useEffect(() => {
    if (shownStrategy.current === strategyKey) return;
    shownStrategy.current = strategyKey;
    setValue('strategyParams', defaultParams(strategy));
  }, [strategyKey, strategy, setValue]);

  const backtest = useMutation({
    mutationFn: async (values: BacktestValues): Promise<Run> => {
      const file = values.source === 'file' ? values.candles?.[0] : undefined;
      const candles = file
        ? parseKlineCsv(await file.text())
        : values.source === 'file' && useExample
          ? await exampleCandles()
          : null;
      const params = paramsBody(values.strategyParams);
      const range: CandleRange | null = candles
        ? null
        : {
            symbol: values.symbol.trim().toUpperCase(),
            interval: values.interval,
            startTime: new Date(values.startTime).getTime(),
            endTime: new Date(values.endTime).getTime(),
          };
      const simulated = !candles && values.source === 'simulated';
      // With a file, the symbol only names the exchange filters the quantities are sized by.
      const symbol = values.symbol.trim().toUpperCase();
      const seed = values.seed.trim();
      const body: Schemas['BacktestRequestDto'] = {
        strategy: values.strategy,
        strategyParams: params as Schemas['BacktestRequestDto']['strategyParams'],
        risk: riskBody(values.risk),
        paper: values.paper,
        ...executionBody(values.execution),
        ...(candles ? { candles: candleRows(candles), ...(symbol ? { symbol } : {}) } : range),
        ...(simulated
          ? { source: 'simulated' as const, ...(seed ? { seed: Number(seed) } : {}) }
          : {}),
      };
      abort.current = new AbortController();
      const report = await ok(api.POST('/api/backtests', { body, signal: abort.current.signal }));
      // A simulated series' candles exist on the server only: no exchange candles to draw.
      return {
        report,
        candles,
        range: simulated ? null : range,
        strategy: values.strategy,
        params,
      };
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
          'seed',
          'startTime',
          'endTime',
          'candles',
          'risk.positionSizeQuote',
          ...RISK_FIELDS,
          'paper.initialBalanceQuote',
          'paper.feeRate',
          'paper.slippageBps',
          'execution.latencyCandles',
          'execution.fillAt',
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
              <input type="radio" value="file" {...register('source')} /> a CSV file of Binance
              klines
            </label>
            <label>
              <input type="radio" value="simulated" {...register('source')} /> a simulated series
              (works offline)
            </label>
            <label>
              <input type="radio" value="exchange" {...register('source')} /> the exchange (needs
              Binance)
            </label>
          </div>
          {source === 'simulated' && (
            <p className="hint">
              Simulated data, not market prices: a seeded random walk from the last price this
              server saw for the symbol. The same seed gives the same candles.
            </p>
          )}
          {source !== 'file' ? (
            <CandleRangeFields
              register={register}
              errors={errors}
              simulated={source === 'simulated'}
            />
          ) : (
            <>
              <div className="grid">
                <InputField
                  label="Kline CSV"
                  type="file"
                  accept=".csv,text/csv"
                  hint="openTime, open, high, low, close, volume, closeTime per row, oldest first"
                  error={errors.candles?.message}
                  {...register('candles', {
                    onChange: (event: { target: HTMLInputElement }) => {
                      const named = symbolOfFile(event.target.files?.[0]?.name ?? '');
                      if (named) setValue('symbol', named);
                    },
                  })}
                />
                <InputField
                  label="Symbol"
                  hint="Its exchange filters size the quantities; empty: 8 decimals, no minimums"
                  error={errors.symbol?.message}
                  {...register('symbol')}
                />
              </div>
              <p>
                <label>
                  <input
                    type="checkbox"
                    checked={useExample}
                    onChange={(event) => setUseExample(event.target.checked)}
                  />{' '}
                  without a file, use the example {EXAMPLE_FILE} (simulated data, not market prices)
                </label>
              </p>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>Risk and fills</legend>
          <RiskAndFillsFields register={register} errors={errors} />
          <div className="grid">
            <InputField
              label="Fill latency (candles)"
              inputMode="numeric"
              hint="Candles between a signal and its fill. 0: at once"
              error={errors.execution?.latencyCandles?.message}
              {...register('execution.latencyCandles')}
            />
            <SelectField
              label="Fill at"
              options={[
                { value: 'close', label: 'the candle’s close' },
                { value: 'next-open', label: 'the next candle’s open' },
              ]}
              error={errors.execution?.fillAt?.message}
              {...register('execution.fillAt')}
            />
          </div>
          <ProtectionsFields register={register} errors={errors} />
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
      {run?.report.simulated && <SimulatedNote label={run.report.simulated} />}
      {run && <BacktestResults run={run} />}
    </section>
  );
}

/** A simulated run says so above its numbers, with what makes the same series again. */
function SimulatedNote({ label }: { label: Schemas['SimulatedSeriesDto'] }) {
  return (
    <p className="card notice" role="note">
      Simulated data, not market prices: {label.symbol} {label.interval} from{' '}
      {decimal(label.startPrice)}, seed {label.seed}.
    </p>
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
