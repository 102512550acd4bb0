import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'BENCHMARKS.md';
const HEADER =
  '# Benchmarks\n\nFigures from `npm run bench`, written by the benchmark scripts themselves.\n';

/** Replaces (or appends) the `## title` section of BENCHMARKS.md with this run's figures. */
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
  writeFileSync(FILE, `${next.trimEnd()}\n`);
}
