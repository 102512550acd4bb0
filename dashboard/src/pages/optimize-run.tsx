import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api, ok } from '../api/client';
import { useOptimization } from '../api/queries';
import { EquityChart } from '../chart/equity-chart';
import type { Fill } from '../chart/series';
import { navigate } from '../router';
import { ErrorNote } from '../ui/fields';
import { dateTime, decimal } from '../ui/format';
import { prefillPath } from './bot-form-prefill';
import { HeatmapView } from './optimize-heatmap-view';
import {
  botParams,
  type Column,
  METRIC_COLUMNS,
  nextSort,
  OBJECTIVE_LABELS,
  paramKeys,
  progressText,
  type Sort,
  sortPoints,
  valueText,
} from './optimize-results';
import {
  type Fold,
  isActive,
  type OptimizationView,
  type Point,
  type SpaceValue,
} from './optimize-types';

/** The request's fixed params, known for the runs started on this page. */
export interface FixedParams {
  strategyParams: Record<string, SpaceValue>;
  risk: Record<string, unknown>;
}

const NO_FILLS: Fill[] = [];

/** One run: its progress while it runs, then its best point, results, heatmap and folds. */
export function OptimizationRun({ id, fixed }: { id: string; fixed?: FixedParams }) {
  const query = useOptimization(id);
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => ok(api.DELETE('/api/optimizations/{id}', { params: { path: { id } } })),
    onSuccess: (view) => {
      queryClient.setQueryData(['optimization', id], view);
      void queryClient.invalidateQueries({ queryKey: ['optimizations'] });
    },
  });
  // The list of runs shows this one's status: asked again once it ends.
  const status = query.data?.status;
  useEffect(() => {
    if (status && !isActive(status)) {
      void queryClient.invalidateQueries({ queryKey: ['optimizations'] });
    }
  }, [status, queryClient]);
  if (query.error) return <ErrorNote error={query.error} />;
  const run = query.data;
  if (!run) return <p aria-busy="true">Loading…</p>;
  const use = (point: Point) =>
    navigate(
      prefillPath({
        strategy: run.strategy,
        ...botParams(point, fixed ?? { strategyParams: {}, risk: {} }),
      }),
    );
  const objective = OBJECTIVE_LABELS[run.objective] ?? run.objective;
  return (
    <section className="optimization-run" aria-label="Optimization run">
      <h2>
        Run of {run.strategy} <span className="tag">{run.status}</span>
      </h2>
      <p className="hint">
        {run.method}, objective {objective}, {run.candles} candles
        {run.seed !== null ? `, seed ${run.seed}` : ''}; started {dateTime(run.createdAt)}
      </p>
      {isActive(run.status) && (
        <div className="card running" role="status">
          <progress
            aria-label="Optimization progress"
            value={run.progress.done}
            max={Math.max(1, run.progress.total)}
          />
          <span>{progressText(run.progress)}</span>
          <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            Cancel
          </button>
        </div>
      )}
      <ErrorNote error={cancel.error} />
      {run.status === 'failed' && (
        <p role="alert" className="error-note">
          The run failed: {run.error}
        </p>
      )}
      {run.status === 'cancelled' && (
        <p className="card notice" role="note">
          Cancelled after {run.progress.done} of {run.progress.total} points.
        </p>
      )}
      {run.best && <Best point={run.best} objective={objective} onUse={use} />}
      {run.results && run.results.length > 0 && (
        <>
          <ResultsTable points={run.results} onUse={use} />
          <HeatmapView points={run.results} objective={objective} />
        </>
      )}
      {run.folds && run.folds.length > 0 && (
        <WalkForward run={run} folds={run.folds} objective={objective} />
      )}
    </section>
  );
}

function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key} ${valueText(value)}`)
    .join(', ');
}

function Best({
  point,
  objective,
  onUse,
}: {
  point: Point;
  objective: string;
  onUse: (point: Point) => void;
}) {
  return (
    <div className="card" aria-label="Best params">
      <h3>Best params</h3>
      <p>
        <strong>{paramsText(point.params)}</strong>
      </p>
      <p>
        {objective} {point.score?.toFixed(4) ?? '–'}, return {decimal(point.metrics?.returnPct, 2)}{' '}
        %, max drawdown {decimal(point.metrics?.maxDrawdownPct, 2)} %,{' '}
        {point.metrics?.roundTrips ?? 0} round trips
      </p>
      <button type="button" className="primary" onClick={() => onUse(point)}>
        Use these params
      </button>
    </div>
  );
}

function ResultsTable({ points, onUse }: { points: Point[]; onUse: (point: Point) => void }) {
  const [sort, setSort] = useState<Sort>({ column: { kind: 'score' }, descending: true });
  const keys = useMemo(() => paramKeys(points), [points]);
  const sorted = useMemo(() => sortPoints(points, sort), [points, sort]);
  const columns: [Column, string][] = [
    [{ kind: 'score' }, 'Score'],
    ...keys.map((key): [Column, string] => [{ kind: 'param', key }, key]),
    ...METRIC_COLUMNS.map(([key, label]): [Column, string] => [{ kind: 'metric', key }, label]),
  ];
  const same = (column: Column) => JSON.stringify(column) === JSON.stringify(sort.column);
  return (
    <div className="card">
      <h3>Results</h3>
      <p className="hint">The top points by the objective. Click a heading to sort by it.</p>
      <div className="table-wrap">
        <table aria-label="Results">
          <thead>
            <tr>
              <th scope="col">#</th>
              {columns.map(([column, label]) => (
                <th
                  key={label}
                  scope="col"
                  aria-sort={
                    same(column) ? (sort.descending ? 'descending' : 'ascending') : undefined
                  }
                >
                  <button
                    type="button"
                    className="link"
                    onClick={() => setSort(nextSort(sort, column))}
                  >
                    {label}
                    {same(column) ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
              <th scope="col">Bot</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((point, index) => (
              <tr key={JSON.stringify(point.params)}>
                <td>{index + 1}</td>
                <td title={point.rejected}>
                  {point.score === null ? `– ${point.rejected ?? ''}` : point.score.toFixed(4)}
                </td>
                {keys.map((key) => (
                  <td key={key}>{valueText(point.params[key])}</td>
                ))}
                {METRIC_COLUMNS.map(([key]) => (
                  <td key={key}>
                    {decimal(
                      (point.metrics as Record<string, string | number | null> | null)?.[key],
                      2,
                    )}
                  </td>
                ))}
                <td className="actions">
                  <button type="button" onClick={() => onUse(point)}>
                    Use these params
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** Candle indexes and their days: the whole time is in the title. */
function windowText(window: Fold['train']): string {
  return `${window.from}–${window.to} (${DAY.format(window.startTime)} – ${DAY.format(window.endTime)})`;
}

function WalkForward({
  run,
  folds,
  objective,
}: {
  run: OptimizationView;
  folds: Fold[];
  objective: string;
}) {
  const score = (value: number | null | undefined) => (value == null ? '–' : value.toFixed(4));
  return (
    <div className="card">
      <h3>Walk-forward</h3>
      <p>
        {run.walkForward?.mode ?? 'rolling'} windows; efficiency (out-of-sample ÷ in-sample{' '}
        {objective}): <strong>{score(run.walkForward?.efficiency)}</strong>
      </p>
      <div className="table-wrap">
        <table aria-label="Walk-forward folds">
          <thead>
            <tr>
              <th scope="col">Fold</th>
              <th scope="col">Train candles</th>
              <th scope="col">Test candles</th>
              <th scope="col">Best params</th>
              <th scope="col">In-sample</th>
              <th scope="col">Out-of-sample</th>
              <th scope="col">OOS return %</th>
            </tr>
          </thead>
          <tbody>
            {folds.map((fold) => (
              <tr key={fold.index}>
                <td>{fold.index + 1}</td>
                <td title={`${dateTime(fold.train.startTime)} to ${dateTime(fold.train.endTime)}`}>
                  {windowText(fold.train)}
                </td>
                <td title={`${dateTime(fold.test.startTime)} to ${dateTime(fold.test.endTime)}`}>
                  {windowText(fold.test)}
                </td>
                <td>{fold.best ? paramsText(fold.best.params) : 'none scored'}</td>
                <td>{score(fold.best?.inScore)}</td>
                <td>{score(fold.best?.outScore)}</td>
                <td>{decimal(fold.best?.outOfSample?.returnPct, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {run.walkForward && run.walkForward.equity.length > 0 && (
        <>
          <h4>Out-of-sample equity, stitched across the folds</h4>
          <EquityChart equity={run.walkForward.equity} fills={NO_FILLS} />
        </>
      )}
    </div>
  );
}
