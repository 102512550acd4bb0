import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { SelectField } from '../ui/fields';
import { colour, defaultAxes, type Heatmap, heatmap, ink, UNSCORED } from './optimize-heatmap';
import { paramKeys, valueText } from './optimize-results';
import type { Point } from './optimize-types';

const MARGIN = { left: 64, right: 8, top: 8, bottom: 34 };
const FONT = '12px system-ui, sans-serif';

/** Cells on a canvas: lightweight-charts draws series over time, not a grid of two params. */
function draw(canvas: HTMLCanvasElement, map: Heatmap, xLabel: string, yLabel: string): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext('2d');
  if (!context || width === 0) return;
  context.scale(ratio, ratio);
  context.clearRect(0, 0, width, height);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const cellWidth = plotWidth / map.xs.length;
  const cellHeight = plotHeight / map.ys.length;
  context.font = FONT;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  map.ys.forEach((_, row) => {
    // The smallest y at the bottom, as on any chart.
    const top = MARGIN.top + (map.ys.length - 1 - row) * cellHeight;
    map.xs.forEach((_, column) => {
      const score = map.cells[row][column];
      if (score === undefined) return;
      const left = MARGIN.left + column * cellWidth;
      context.fillStyle =
        score === null || map.min === null ? UNSCORED : colour(score, map.min, map.max!);
      context.fillRect(left + 0.5, top + 0.5, cellWidth - 1, cellHeight - 1);
      if (score !== null && cellWidth > 44 && cellHeight > 18) {
        context.fillStyle = ink(score, map.min!, map.max!);
        context.fillText(score.toFixed(2), left + cellWidth / 2, top + cellHeight / 2);
      }
    });
  });
  context.fillStyle = '#57606a';
  // Every label that fits: a dense axis writes every nth.
  const every = (count: number, room: number, size: number) =>
    Math.max(1, Math.ceil(count / Math.max(1, Math.floor(room / size))));
  const xEvery = every(map.xs.length, plotWidth, 48);
  map.xs.forEach((value, column) => {
    if (column % xEvery !== 0) return;
    const x = MARGIN.left + (column + 0.5) * cellWidth;
    context.fillText(valueText(value).slice(0, 8), x, MARGIN.top + plotHeight + 10);
  });
  context.fillText(xLabel, MARGIN.left + plotWidth / 2, height - 8);
  context.textAlign = 'right';
  const yEvery = every(map.ys.length, plotHeight, 16);
  map.ys.forEach((value, row) => {
    if (row % yEvery !== 0) return;
    const y = MARGIN.top + (map.ys.length - 0.5 - row) * cellHeight;
    context.fillText(valueText(value).slice(0, 8), MARGIN.left - 6, y);
  });
  context.save();
  context.translate(12, MARGIN.top + plotHeight / 2);
  context.rotate(-Math.PI / 2);
  context.textAlign = 'center';
  context.fillText(yLabel, 0, 0);
  context.restore();
}

/** The objective over any two searched params, picked with two selects. */
export function HeatmapView({ points, objective }: { points: Point[]; objective: string }) {
  const keys = useMemo(() => paramKeys(points), [points]);
  const initial = useMemo(() => defaultAxes(points), [points]);
  const [axes, setAxes] = useState(initial);
  const canvas = useRef<HTMLCanvasElement>(null);
  const legendId = useId();
  const [x, y] = axes && keys.includes(axes[0]) && keys.includes(axes[1]) ? axes : (initial ?? []);
  const map = useMemo(() => (x && y ? heatmap(points, x, y) : null), [points, x, y]);

  useEffect(() => {
    const element = canvas.current;
    if (!element || !map || !x || !y) return;
    const redraw = () => draw(element, map, x, y);
    redraw();
    const observer = new ResizeObserver(redraw);
    observer.observe(element);
    return () => observer.disconnect();
  }, [map, x, y]);

  if (!initial || !map || !x || !y) {
    return <p className="hint">A heatmap needs two searched params.</p>;
  }
  const height = Math.min(420, Math.max(200, 30 * map.ys.length + MARGIN.top + MARGIN.bottom));
  return (
    <div className="card heatmap">
      <h3>Heatmap of {objective}</h3>
      <div className="grid">
        <SelectField
          label="Across (x)"
          options={keys}
          value={x}
          onChange={(event) => setAxes([event.target.value, y])}
        />
        <SelectField
          label="Up (y)"
          options={keys}
          value={y}
          onChange={(event) => setAxes([x, event.target.value])}
        />
      </div>
      <canvas
        ref={canvas}
        role="img"
        aria-label={`Heatmap of the best ${objective} for each ${x} and ${y}`}
        aria-describedby={legendId}
        style={{ width: '100%', height: `${height}px` }}
      />
      <p id={legendId} className="hint">
        Each cell: the best {objective} of the results with that {x} and {y}; red the lowest (
        {map.min?.toFixed(2) ?? '–'}), green the highest ({map.max?.toFixed(2) ?? '–'}), grey none
        scored, empty not among the results.
      </p>
    </div>
  );
}
