import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuiltCli, runCli } from '../utils/built-cli';
import { createTestApp, type TestApp } from '../utils/test-app';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-env';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);

/** A 3 × 2 grid of ema-rsi over a seeded simulated month of hours: no network. */
function request(space: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    backtest: {
      strategy: 'ema-rsi',
      strategyParams: {},
      risk: { positionSizeQuote: '100' },
      source: 'simulated',
      seed: 42,
      symbol: 'BTCUSDT',
      interval: '1h',
      startTime: START,
      endTime: START + 30 * 24 * HOUR,
    },
    space,
    objective: 'returnPct',
    ...extra,
  };
}

/** tradebotctl optimize against a running server, as a user runs it (cli-control's way). */
describe('tradebotctl optimize', () => {
  let testApp: TestApp;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    ensureBuiltCli();
    // Port 1 on loopback: nothing listens, the simulated series needs nothing.
    testApp = await createTestApp({ BINANCE_BASE_URL: 'http://127.0.0.1:1' });
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
    dir = mkdtempSync(join(tmpdir(), 'tradebot-cli-optimize-'));
    const login = await ctl(
      ['login', '--email', TEST_ADMIN_EMAIL, '--password-stdin'],
      `${TEST_ADMIN_PASSWORD}\n`,
    );
    expect(login.code).toBe(0);
  });

  afterAll(async () => {
    await testApp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function ctl(args: string[], input?: string) {
    return runCli(args, {
      env: { TRADEBOT_URL: url, XDG_CONFIG_HOME: join(dir, 'config') },
      input,
      cwd: dir,
    });
  }

  function writeRequest(name: string, body: unknown): string {
    writeFileSync(join(dir, name), JSON.stringify(body));
    return name;
  }

  const grid = { emaFast: { min: 4, max: 12, step: 4 }, emaSlow: { values: [20, 30] } };

  it('runs a grid with --watch: plain progress lines off a terminal, the best params and the top table', async () => {
    const file = writeRequest('grid.json', request(grid));
    const result = await ctl(['optimize', '--file', file, '--watch']);
    expect(result.code).toBe(0);
    // stderr is a pipe here: lines, no bar, no carriage returns.
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).toMatch(/^(queued|running|done): \d+\/6 points/m);
    expect(result.stdout).toMatch(/^status\s+done$/m);
    expect(result.stdout).toMatch(/^best params\s+emaFast=\d+ emaSlow=\d+$/m);
    const table = result.stdout.slice(result.stdout.indexOf('#  '));
    const lines = table.trimEnd().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual([
      '#',
      'SCORE',
      'EMAFAST',
      'EMASLOW',
      'RETURN %',
      'MAX DD %',
      'TRADES',
    ]);
    expect(lines).toHaveLength(7);
    const scores = lines.slice(1).map((line) => Number(line.split(/\s{2,}/)[1]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  }, 90_000);

  it('prints the final view with --json, whose best equals the top result, and lists and shows runs', async () => {
    const file = writeRequest('grid.json', request(grid));
    const result = await ctl(['optimize', '--file', file, '--watch', '--json']);
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout);
    expect(view).toMatchObject({
      status: 'done',
      strategy: 'ema-rsi',
      progress: { done: 6, total: 6 },
    });
    expect(view.results).toHaveLength(6);
    expect(view.best).toEqual(view.results[0]);

    const listed = await ctl(['optimize', 'ls']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0].split(/\s{2,}/)).toEqual([
      'ID',
      'CREATED',
      'STRATEGY',
      'METHOD',
      'OBJECTIVE',
      'STATUS',
      'POINTS',
      'BEST',
    ]);
    // Newest first: the run just finished.
    expect(listed.stdout.split('\n')[1].startsWith(view.id)).toBe(true);

    const shown = await ctl(['optimize', 'show', view.id, '--json']);
    expect(JSON.parse(shown.stdout)).toEqual(view);
  }, 90_000);

  it('starts without --watch, and cancels a long run within a second', async () => {
    const long = request(
      { emaFast: { min: 2, max: 50, step: 1 }, emaSlow: { min: 51, max: 250, step: 1 } },
      { objective: 'sharpe' },
    );
    // A month of minutes (44,640 candles) over 9,800 points: most of a minute of work,
    // cancelled at once.
    long.backtest.interval = '1m';
    long.backtest.startTime = Date.UTC(2025, 0, 1);
    long.backtest.endTime = Date.UTC(2025, 1, 1);
    const started = await ctl(['optimize', '--file', writeRequest('long.json', long), '--json']);
    expect(started).toMatchObject({ code: 0, stderr: '' });
    const { id } = JSON.parse(started.stdout);
    const before = Date.now();
    const cancelled = await ctl(['optimize', 'cancel', id]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toMatch(new RegExp(`^${id} cancelled at \\d+/9800\\n$`));
    expect(Date.now() - before).toBeLessThan(5_000);
    const shown = await ctl(['optimize', 'show', id]);
    expect(shown.stdout).toMatch(/^status\s+cancelled$/m);
  }, 60_000);

  it('names the bad field of a refused request, and a file that is not JSON', async () => {
    const bad = await ctl([
      'optimize',
      '--file',
      writeRequest('bad.json', request({ emaFast: { min: 4, max: 12, step: 0 } })),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ {2}space\.emaFast\.step: .+$/m);
    writeFileSync(join(dir, 'broken.json'), '{');
    const broken = await ctl(['optimize', '--file', 'broken.json']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^error: .*broken\.json is not JSON/);
    const usage = await ctl(['optimize']);
    expect(usage.code).toBe(2);
  });
});
