import { Option } from 'commander';

/** `--json` on every command that prints data: scripts read that instead of the tables. */
export function jsonOption(): Option {
  return new Option('--json', 'print the result as JSON');
}

/** Columns padded to their widest cell, two spaces apart, the last one unpadded. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** `key  value` lines, the keys padded: one record for people. */
export function formatRecord(entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...entries.map(([key]) => key.length));
  return (
    entries.map(([key, value]) => `${key.padEnd(width)}  ${value}`.trimEnd()).join('\n') + '\n'
  );
}

export function writeJson(stdout: NodeJS.WritableStream, value: unknown): void {
  stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * One line of progress on a terminal (stderr), rewritten in place at most ten times a
 * second and erased when done; nothing at all when stderr is not a terminal, so pipes and
 * logs get only the results.
 */
export class Progress {
  private shown = false;
  private last = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(text: string): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (this.shown && now - this.last < 100) return;
    this.last = now;
    this.shown = true;
    const width = Math.max(10, (this.stream.columns || 80) - 1);
    this.stream.write(`\r\u001b[2K${text.slice(0, width)}`);
  }

  /** `label n/total` (or `label n` when the total is not known). */
  count(label: string, done: number, total: number): void {
    this.update(total > 0 ? `${label} ${done}/${total}` : `${label} ${done}`);
  }

  done(): void {
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}
