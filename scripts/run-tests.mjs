// `npm test`: the whole suite in three lanes at once, which share nothing: two on the
// scale-out target (this machine's PostgreSQL and Redis; each Jest run its own database and
// queue prefix) and one on the embedded target (a PostgreSQL of its own, in-process jobs).
// Within a lane specs run one at a time: they share a database. The specs mostly wait (on
// timers, lookups, candles), so a third lane shortens the run on two cores; the lanes are
// split to finish about together (docs/testing.md has the figures).
// The soak runs last, alone: it measures ticks and latency, which a busy neighbour skews.
// `--long` (`npm run test:long`) runs only the heavy cases at full size, one after another;
// `--smoke` (`npm run test:smoke`) the unit specs and one start of the embedded default.
// With other arguments (a path, -t, --selectProjects) it is plain Jest in band.
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
/** Scale-out specs of live trading and of the CLI. */
const LIVE_AND_CLI = '(live|cli)-';
/**
 * The second lane: those, the fake exchange's own, unit and browser. The embedded lane
 * leaves out the same paths, so no spec runs in two lanes.
 */
const SECOND_LANE = `(test/e2e/${LIVE_AND_CLI}|test/fake-binance/|test/browser/|\\.spec\\.ts$)`;

/**
 * `npm run test:long`: the big backtests once, on scale-out (the thread pool they prove
 * off the event loop is the same on both targets, where `npm test` runs them smaller), then
 * the soak at full length on the embedded default.
 */
const LONG_RUNS = [
  [
    '--selectProjects',
    'e2e',
    '--testPathPatterns',
    'test/e2e/backtests\\.e2e-spec',
    '--testNamePattern',
    'candles sent in the body|candle backtest',
  ],
  [SOAK, '--selectProjects', 'e2e-embedded'],
];

/**
 * `npm run test:smoke`, for a Node past its end of life: the unit specs, then the embedded
 * default started as a process, restarted, its rows kept.
 */
const SMOKE_RUNS = [
  ['--selectProjects', 'unit'],
  [
    'test/embedded/embedded-default',
    '--selectProjects',
    'e2e-embedded',
    '--testNamePattern',
    'every row across a restart',
  ],
];

/** Name and Jest arguments of each lane; the first is shown as it runs, the others after. */
const LANES = [
  ['scale-out', ['--selectProjects', 'e2e', '--testPathPatterns', `test/e2e/(?!${LIVE_AND_CLI})`]],
  [
    'scale-out live trading and CLI, unit, browser',
    ['--selectProjects', 'e2e', 'unit', 'browser', '--testPathPatterns', SECOND_LANE],
  ],
  ['embedded', ['--selectProjects', 'e2e-embedded', '--testPathIgnorePatterns', SOAK, SECOND_LANE]],
];

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

/** Runs node with `args`, its output shown; resolves to its exit code. */
function runNode(args) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

/** The counts of the last "tests: N passed, N failed, N skipped" line in `text`. */
function countsIn(text) {
  const lines = text.match(/^tests: \d+ passed, \d+ failed, \d+ skipped$/gm);
  if (!lines) return { passed: 0, failed: 1, skipped: 0 };
  const [passed, failed, skipped] = lines.at(-1).match(/\d+/g).map(Number);
  return { passed, failed, skipped };
}

/** Runs `runs` one after another, shown live; sums their counts into one closing line. */
async function runInTurn(runs) {
  const dir = mkdtempSync(join(tmpdir(), 'tradebot-tests-'));
  const codes = [];
  const counts = [];
  for (const [index, args] of runs.entries()) {
    const log = join(dir, `run-${index}.log`);
    codes.push(await runJest(args, { log, live: true }));
    counts.push(countsIn(readFileSync(log, 'utf8')));
  }
  rmSync(dir, { recursive: true, force: true });
  printTotal(counts);
  return Math.max(...codes);
}

function printTotal(counts) {
  const total = (key) => counts.reduce((sum, run) => sum + run[key], 0);
  console.log(
    `tests: ${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`,
  );
}

async function main() {
  const extra = process.argv.slice(2);
  if (extra.length === 1 && extra[0] === '--long') return runInTurn(LONG_RUNS);
  if (extra.length === 1 && extra[0] === '--smoke') return runInTurn(SMOKE_RUNS);
  if (extra.length > 0) return runJest(extra);

  const dir = mkdtempSync(join(tmpdir(), 'tradebot-tests-'));
  const logs = [...LANES.map((_, index) => `lane-${index}`), 'soak'].map((lane) =>
    join(dir, `${lane}.log`),
  );
  const started = Date.now();
  console.log(
    `tests: ${LANES.length} lanes at once: ${LANES.map(([name]) => name).join('; ')} ` +
      '(the first shown live, the others after)',
  );
  // The first lane runs no build; the others do (the embedded default's process,
  // tradebotctl, the dashboard), so `npm start`'s build is made once, beside the first lane,
  // before they start: in two lanes at once, two builds would write over each other.
  const lane = (index) => runJest(LANES[index][1], { log: logs[index], live: index === 0 });
  const first = lane(0);
  if ((await runNode([join(root, 'scripts', 'build-if-changed.mjs')])) !== 0) {
    await first;
    console.log('tests: 0 passed, 1 failed, 0 skipped (the build failed)');
    return 1;
  }
  const lanes = await Promise.all([first, ...LANES.slice(1).map((_, index) => lane(index + 1))]);
  LANES.slice(1).forEach(([name], index) => {
    process.stdout.write(`\n--- ${name} ---\n${readFileSync(logs[index + 1], 'utf8')}`);
  });
  console.log('\n--- the soak, alone ---');
  lanes.push(
    await runJest([SOAK, '--selectProjects', 'e2e-embedded'], {
      log: logs[LANES.length],
      live: true,
    }),
  );

  const counts = logs.map((log) => countsIn(readFileSync(log, 'utf8')));
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nall lanes in ${Math.round((Date.now() - started) / 1000)} s`);
  printTotal(counts);
  return Math.max(...lanes);
}

process.exitCode = await main();
