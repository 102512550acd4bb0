import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, api, ok } from '../api/client';
import { useStrategies } from '../api/queries';
import type { Schemas, Strategy } from '../api/types';
import { CheckboxField, ErrorNote, InputField, SelectField } from '../ui/fields';
import { showApiErrors } from '../ui/form-errors';
import { StrategyParamsFields } from '../ui/strategy-params';
import { defaultParams, paramsBody } from '../ui/strategy-param-values';
import { candleRows, parseKlineCsv } from './backtest-csv';
import { emptyRisk, riskBody } from './bot-form-values';
import {
  defaultSearch,
  defaultSpace,
  formField,
  gridSize,
  METHODS,
  OBJECTIVES,
  searchBody,
} from './optimize-form-values';
import { OBJECTIVE_LABELS } from './optimize-results';
import { CandlesFields, type OptimizeValues, WalkForwardFields } from './optimize-fields';
import { PastRuns } from './optimize-past-runs';
import { type FixedParams, OptimizationRun } from './optimize-run';
import { RiskAndFillsFields } from '../ui/risk-fills-fields';

const DAY = 86_400_000;

/** A Date as a datetime-local input shows it: local time, to the minute. */
function localInput(time: number): string {
  const date = new Date(time - new Date(time).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

export default function OptimizePage() {
  const strategies = useStrategies();
  if (strategies.error) return <ErrorNote error={strategies.error} />;
  if (!strategies.data) return <p aria-busy="true">Loading…</p>;
  return <Optimize strategies={strategies.data} />;
}

function Optimize({ strategies }: { strategies: Strategy[] }) {
  const now = Date.now();
  const { register, handleSubmit, setError, setValue, watch, formState } = useForm<OptimizeValues>({
    defaultValues: {
      strategy: strategies[0]?.key ?? '',
      strategyParams: defaultParams(strategies[0]),
      ...defaultSearch(strategies[0]),
      source: 'simulated',
      symbol: 'BTCUSDT',
      interval: '1h',
      seed: '',
      startTime: localInput(now - 30 * DAY),
      endTime: localInput(now),
      candles: null,
      risk: { positionSizeQuote: '100', ...emptyRisk() },
      paper: { initialBalanceQuote: '10000', feeRate: '0.001', slippageBps: '5' },
    },
  });
  const errors = formState.errors;
  const strategyKey = watch('strategy');
  const strategy = strategies.find((candidate) => candidate.key === strategyKey);
  const source = watch('source');
  const method = watch('method');
  const space = watch('space');
  const walkForward = watch('walkForward');
  const [runId, setRunId] = useState<string | null>(null);
  const [fixed, setFixed] = useState<Record<string, FixedParams>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const queryClient = useQueryClient();

  // Another strategy has other params: its defaults, and its own space.
  const shownStrategy = useRef(strategyKey);
  useEffect(() => {
    if (shownStrategy.current === strategyKey) return;
    shownStrategy.current = strategyKey;
    setValue('strategyParams', defaultParams(strategy));
    setValue('space', defaultSpace(strategy));
  }, [strategyKey, strategy, setValue]);

  const start = useMutation({
    mutationFn: async (values: OptimizeValues) => {
      const file = values.source === 'file' ? values.candles?.[0] : undefined;
      const candles = file ? parseKlineCsv(await file.text()) : null;
      const seed = values.seed.trim();
      const backtest = {
        strategy: values.strategy,
        strategyParams: paramsBody(values.strategyParams),
        risk: riskBody(values.risk),
        paper: values.paper,
        ...(candles
          ? { candles: candleRows(candles) }
          : {
              symbol: values.symbol.trim().toUpperCase(),
              interval: values.interval,
              startTime: new Date(values.startTime).getTime(),
              endTime: new Date(values.endTime).getTime(),
            }),
        ...(!candles && values.source === 'simulated'
          ? { source: 'simulated' as const, ...(seed ? { seed: Number(seed) } : {}) }
          : {}),
      };
      const body = { backtest, ...searchBody(values, strategy) };
      try {
        const run = await ok(
          api.POST('/api/optimizations', {
            body: body as Schemas['OptimizationRequestDto'],
          }),
        );
        return {
          id: run.id,
          fixed: { strategyParams: backtest.strategyParams, risk: backtest.risk },
        };
      } catch (error) {
        // The API names `space.risk.stopLossPct.max`; the form names its rows by index.
        if (!(error instanceof ApiError)) throw error;
        throw new ApiError(error.status, {
          ...error.body,
          errors: error.fieldErrors.map((fieldError) => ({
            ...fieldError,
            field: formField(fieldError.field, values.space),
          })),
        });
      }
    },
    onMutate: () => setFormError(null),
    onSuccess: (started) => {
      setFixed((known) => ({ ...known, [started.id]: started.fixed }));
      setRunId(started.id);
      void queryClient.invalidateQueries({ queryKey: ['optimizations'] });
    },
    onError: (error) => {
      const fields = [
        'strategy',
        ...Object.keys(strategy?.defaults ?? {}).map((name) => `strategyParams.${name}`),
        ...space.flatMap((_, index) =>
          ['min', 'max', 'step', 'values'].map((part) => `space.${index}.${part}`),
        ),
        'trials',
        'searchSeed',
        'objective',
        'minTrades',
        'maxDrawdownPct',
        'walkForward.folds',
        'walkForward.trainPct',
        'walkForward.trainCandles',
        'walkForward.testCandles',
        'symbol',
        'interval',
        'seed',
        'startTime',
        'endTime',
        'candles',
        'risk.positionSizeQuote',
        'risk.stopLossPct',
        'risk.takeProfitPct',
        'risk.trailingStopPct',
        'paper.initialBalanceQuote',
        'paper.feeRate',
        'paper.slippageBps',
      ];
      setFormError(showApiErrors(error, setError, fields));
    },
  });

  const points = gridSize(space);
  return (
    <section>
      <h1>Optimize</h1>
      <p className="hint">
        Searches a strategy&apos;s params over past candles, each point a full backtest;
        walk-forward scores the best of each train window on the candles after it.
      </p>
      <form
        onSubmit={(event) => void handleSubmit((values) => start.mutate(values))(event)}
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
        <fieldset>
          <legend>Search space</legend>
          <p className="hint">
            Tick the params to search: a range from min to max by step, or a list of values. The
            others keep their fixed values below.
          </p>
          {space.map((range, index) => (
            <div key={`${strategyKey}.${range.key}`} className="space-row">
              <CheckboxField label={`Search ${range.key}`} {...register(`space.${index}.on`)} />
              {range.on &&
                (range.kind === 'range' ? (
                  <div className="grid">
                    {(['min', 'max', 'step'] as const).map((part) => (
                      <InputField
                        key={part}
                        label={`${range.key} ${part}`}
                        inputMode="decimal"
                        error={errors.space?.[index]?.[part]?.message}
                        {...register(`space.${index}.${part}`)}
                      />
                    ))}
                  </div>
                ) : (
                  <InputField
                    label={`${range.key} values`}
                    hint="Separated by commas"
                    error={errors.space?.[index]?.values?.message}
                    {...register(`space.${index}.values`)}
                  />
                ))}
            </div>
          ))}
          {method === 'grid' && points !== null && (
            <p className="hint" role="status">
              {points} grid points
            </p>
          )}
        </fieldset>
        <StrategyParamsFields strategy={strategy} register={register} errors={errors} />
        <fieldset>
          <legend>Search</legend>
          <div className="grid">
            <SelectField label="Method" options={METHODS} {...register('method')} />
            {method !== 'grid' && (
              <>
                <InputField
                  label="Trials"
                  inputMode="numeric"
                  error={errors.trials?.message}
                  {...register('trials')}
                />
                <InputField
                  label="Search seed"
                  inputMode="numeric"
                  hint="Empty: drawn, and shown with the run"
                  error={errors.searchSeed?.message}
                  {...register('searchSeed')}
                />
              </>
            )}
            <SelectField
              label="Objective"
              options={OBJECTIVES.map((value) => ({ value, label: OBJECTIVE_LABELS[value] }))}
              error={errors.objective?.message}
              {...register('objective')}
            />
            <InputField
              label="Min trades"
              inputMode="numeric"
              hint="Fewer round trips: not scored"
              error={errors.minTrades?.message}
              {...register('minTrades')}
            />
            <InputField
              label="Max drawdown %"
              inputMode="decimal"
              hint="Deeper: not scored"
              error={errors.maxDrawdownPct?.message}
              {...register('maxDrawdownPct')}
            />
          </div>
          <CheckboxField label="Walk-forward" {...register('walkForward.on')} />
          {walkForward.on && <WalkForwardFields register={register} values={walkForward} />}
        </fieldset>
        <CandlesFields register={register} source={source} errors={errors} />
        <fieldset>
          <legend>Risk and fills</legend>
          <RiskAndFillsFields register={register} errors={errors} />
        </fieldset>
        {formError && (
          <p role="alert" className="error-note">
            {formError}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={start.isPending}>
            Start optimization
          </button>
        </div>
      </form>
      {runId && <OptimizationRun key={runId} id={runId} fixed={fixed[runId]} />}
      <PastRuns current={runId} onOpen={setRunId} />
    </section>
  );
}
