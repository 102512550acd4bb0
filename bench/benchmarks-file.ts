import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A run's figures go to bench-results/latest.md (not committed); BENCHMARKS.md is updated
 * on purpose, with BENCH_RECORD=1, when a run is worth keeping.
 */
const FILE = process.env.BENCH_RECORD === '1' ? 'BENCHMARKS.md' : 'bench-results/latest.md';
const HEADER =
  '# Benchmarks\n\nFigures from `npm run bench`, written by the benchmark scripts themselves.\n';

/** Replaces (or appends) the `## title` section of the file with this run's figures. */
export function recordBenchmark(title: string, command: string, lines: string[]): void {
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const section = [
    `## ${title}`,
    '',
    `Run ${new Date().toISOString().slice(0, 10)} with \`${command}\`:`,
    '',
    ...lines,
    '',
  ].join('\n');
  const pattern = new RegExp(`## ${title}\\n[\\s\\S]*?(?=\\n## |$)`);
  const next = pattern.test(current)
    ? current.replace(pattern, `${section.trimEnd()}\n`)
    : `${current.trimEnd()}\n\n${section}`;
  mkdirSync(dirname(FILE), { recursive: true });
  writeFileSync(FILE, `${next.trimEnd()}\n`);
  console.log(`(written to ${FILE})`);
}

/** The closing line of one goal: `engine ratio 0.53 (goal 0.5): met`. */
export function goalLine(
  name: string,
  value: number,
  goal: number,
  direction: 'at least' | 'at most',
): string {
  const met = direction === 'at least' ? value >= goal : value <= goal;
  // A third decimal when two would print the goal itself: 0.2497 is not met, 0.25 looks it.
  const digits = value >= 10 ? 0 : value.toFixed(2) === goal.toFixed(2) ? 3 : 2;
  const shown = value.toFixed(digits);
  return `- ${name} ${shown} (goal ${direction} ${goal}): **${met ? 'met' : 'not met'}**`;
}
