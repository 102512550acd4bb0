// `npm test`: the whole suite in two lanes at once, one per target, since they share
// nothing (scale-out: this machine's PostgreSQL and Redis; embedded: a PostgreSQL of its
// own, in-process jobs). Within a lane specs run one at a time: they share a database.
// The unit and browser specs ride in the embedded lane, the shorter of the two.
// The soak runs last, alone: it measures ticks and latency, which a busy neighbour skews.
// With arguments (a path, -t, --selectProjects) it is plain Jest in band.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const jest = [
  '--experimental-vm-modules',
  join(root, 'node_modules/jest/bin/jest.js'),
  '--runInBand',
];
const SOAK = 'test/embedded/soak.e2e-spec.ts';

/**
 * Runs Jest with `args`. Its output is copied to `log` (a file), and to the terminal too
 * when `live`; without a log it goes straight through.
 */
function runJest(args, { log, live = false } = {}) {
  const child = spawn(process.execPath, [...jest, ...args], {
    cwd: root,
    stdio: log ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (log) {
    const file = createWriteStream(log);
    const copy = (chunk) => {
      file.write(chunk);
      if (live) process.stdout.write(chunk);
    };
    child.stdout.on('data', copy);
    child.stderr.on('data', copy);
    child.on('close', () => file.end());
    return new Promise((resolve) => file.on('finish', () => resolve(child.exitCode ?? 1)));
  }
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

/** The counts of the last "tests: N passed, N failed, N skipped" line in `text`. */
function countsIn(text) {
  const lines = text.match(/^tests: \d+ passed, \d+ failed, \d+ skipped$/gm);
  if (!lines) return { passed: 0, failed: 1, skipped: 0 };
  const [passed, failed, skipped] = lines.at(-1).match(/\d+/g).map(Number);
  return { passed, failed, skipped };
}

async function main() {
  const extra = process.argv.slice(2);
  if (extra.length > 0) return runJest(extra);

  const dir = mkdtempSync(join(tmpdir(), 'tradebot-tests-'));
  const logs = ['scale-out', 'embedded-unit-browser', 'soak'].map((lane) =>
    join(dir, `${lane}.log`),
  );
  const started = Date.now();
  console.log('tests: two lanes at once: scale-out shown live; embedded, unit and browser after');
  const lanes = await Promise.all([
    runJest(['--selectProjects', 'e2e'], { log: logs[0], live: true }),
    runJest(
      ['--selectProjects', 'e2e-embedded', 'unit', 'browser', '--testPathIgnorePatterns', SOAK],
      { log: logs[1] },
    ),
  ]);
  process.stdout.write(
    `\n--- embedded target, unit, browser ---\n${readFileSync(logs[1], 'utf8')}`,
  );
  console.log('\n--- the soak, alone ---');
  lanes.push(
    await runJest([SOAK, '--selectProjects', 'e2e-embedded'], { log: logs[2], live: true }),
  );

  const counts = logs.map((log) => countsIn(readFileSync(log, 'utf8')));
  rmSync(dir, { recursive: true, force: true });
  const total = (key) => counts.reduce((sum, lane) => sum + lane[key], 0);
  console.log(`\nall lanes in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(
    `tests: ${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`,
  );
  return Math.max(...lanes);
}

process.exitCode = await main();
