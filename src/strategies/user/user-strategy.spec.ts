import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateCandles } from '../strategy-evaluation';
import { loadStrategies } from '../strategy-sources';
import { candlesOfCloses } from '../testing/candles-of-closes';
import { StrategyTimeoutError } from '../strategy-failure';

// Jest runs from the project root (ESM tests have no __dirname).
const EXAMPLE = join(process.cwd(), 'examples', 'strategies', 'breakout.mjs');
const dir = mkdtempSync(join(tmpdir(), 'tradebot-strategies-'));
let written = 0;

/** A strategy file with `body` after `export default`, under a fresh name (imports are cached). */
function file(body: string, name = `s${++written}.mjs`): string {
  const path = join(dir, name);
  writeFileSync(path, `export default ${body};\n`);
  return path;
}

const load = (files: string[], timeBudgetMs = 1000) =>
  loadStrategies({ classModules: [], files, timeBudgetMs });

const strategy = (key: string, update: string, extra = '') =>
  `{ key: '${key}', description: 'test', ${extra} create() { return { update(c) { ${update} } }; } }`;

async function loaded(key: string, update: string, extra = '', timeBudgetMs = 1000) {
  const strategies = await load([file(strategy(key, update, extra))], timeBudgetMs);
  return strategies.find((s) => s.key === key)!;
}

describe('strategy files', () => {
  it('loads the documented example with its schema, defaults and source', async () => {
    const docs = readFileSync(join(process.cwd(), 'docs', 'strategies.md'), 'utf8');
    expect(docs).toContain(readFileSync(EXAMPLE, 'utf8').trim());
    const breakout = (await load([EXAMPLE])).find((s) => s.key === 'breakout')!;
    expect(breakout.source).toBe(EXAMPLE);
    expect(breakout.defaults).toEqual({ n: 20, volumeFactor: 1.5, exitOnMiddle: false });
    expect(breakout.warmup(breakout.defaults)).toBe(21);
    expect(breakout.parseParams({ n: 1, exitOnMiddle: 'yes' })).toEqual({
      ok: false,
      errors: [
        { field: 'n', reason: 'must be at least 2' },
        { field: 'exitOnMiddle', reason: 'must be true or false' },
      ],
    });
  });

  it.each([
    [
      'a syntax error, with its line',
      'export default {\n  key: "x",,\n};\n',
      /cannot be loaded: .*\(line 2\)/,
    ],
    ['no default export', 'export const key = "x";\n', /has no default export/],
    [
      'no create',
      "export default { key: 'no-create', description: 'd' };\n",
      /create\(params\) must be a function/,
    ],
    [
      'a bad key',
      "export default { key: 'Bad Key', description: 'd', create() {} };\n",
      /key "Bad Key" must match/,
    ],
    [
      'a misspelt keyword',
      "export default { key: 'typo', description: 'd', params: { n: { type: 'integer', default: 3, min: 2 } }, create() {} };\n",
      /params\.n: "min" is not a keyword here/,
    ],
    [
      'a default out of bounds',
      "export default { key: 'bounds', description: 'd', params: { n: { type: 'integer', default: 1, minimum: 2 } }, create() {} };\n",
      /params\.n: default 1 must be at least 2/,
    ],
    [
      'a warmup that throws',
      "export default { key: 'warm', description: 'd', warmup: () => { throw new Error('boom'); }, create() {} };\n",
      /warmup\(defaults\) failed: boom/,
    ],
  ])('refuses a file with %s, naming the file', async (_, source, reason) => {
    const path = join(dir, `broken${++written}.mjs`);
    writeFileSync(path, source);
    const error = await load([path]).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'StrategyFileError' });
    expect((error as Error).message).toMatch(new RegExp(`^strategy file ${path}: `));
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses a key taken by a built-in or an earlier file', async () => {
    await expect(load([file(strategy('ema-rsi', "return { action: 'none' };"))])).rejects.toThrow(
      'key "ema-rsi" is taken (by built-in)',
    );
    const first = file(strategy('twice', "return { action: 'none' };"));
    await expect(
      load([first, file(strategy('twice', "return { action: 'none' };"))]),
    ).rejects.toThrow(`key "twice" is taken (by ${first})`);
  });

  it('holds a buy until the warm-up is done, and copies the indicators', async () => {
    const eager = await loaded(
      'eager',
      "return { action: 'buy', indicators: { x: c.close } };",
      'warmup: 3,',
    );
    const evaluator = eager.createEvaluator({});
    const actions = [1, 2, 3, 4].map((close, i) => {
      const signal = evaluator.update({ ...candlesOf(close), openTime: i });
      return [signal.action, signal.indicators.x];
    });
    expect(actions).toEqual([
      ['none', 1],
      ['none', 2],
      ['buy', 3],
      ['buy', 4],
    ]);
  });

  it.each([
    ["throw new Error('bad input');", 'update threw: bad input'],
    ["return { action: 'long' };", 'update returned action "long": not buy, sell or none'],
    ['return 42;', 'update returned 42, not a signal object'],
    [
      "return { action: 'none', indicators: { x: 'high' } };",
      'update returned indicator x that is not a number',
    ],
  ])('fails the evaluation, naming the strategy, when update does `%s`', async (update, reason) => {
    const key = `throws${++written}`;
    const broken = await loaded(key, update);
    expect(() => evaluateCandles(broken, {}, candlesOfCloses([1, 2]))).toThrow(
      `strategy ${key}: ${reason}`,
    );
  });

  it('cuts off an update that never returns, within its time budget', async () => {
    const forever = await loaded('forever', 'for (;;) {}', '', 50);
    const started = Date.now();
    expect(() => evaluateCandles(forever, {}, candlesOfCloses([1]))).toThrow(StrategyTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
    const fine = await loaded('fine', "return { action: 'none' };", '', 50);
    expect(evaluateCandles(fine, {}, candlesOfCloses([1, 2, 3])).action).toBe('none');
  });
});

function candlesOf(close: number) {
  return { openTime: 0, closeTime: 59_999, open: close, high: close, low: close, close, volume: 1 };
}
