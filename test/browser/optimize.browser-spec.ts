import type { Browser, Locator, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../utils/test-app';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-env';
import { waitFor } from '../utils/wait-for';
import { buildDashboard, DESKTOP, launchChromium, PHONE, screenshot, settled } from './chromium';

/** Painted pixels of a canvas: a drawn heatmap has thousands, an empty one none. */
function paintedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
    return count;
  });
}

/**
 * The Optimize page on a server with no exchange in reach: searches run on the simulated
 * series, show their progress, results, heatmap and folds, hand a point to the bot form,
 * and stop when cancelled.
 */
describe('the Optimize page', () => {
  let testApp: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildDashboard();
    // Port 1 on loopback: nothing listens, so only the simulated series has candles.
    testApp = await createTestApp({ BINANCE_BASE_URL: 'http://127.0.0.1:1' });
    const { port } = testApp.app.getHttpServer().address() as { port: number };
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: DESKTOP,
      timezoneId: 'UTC',
      locale: 'en-US',
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByLabel('Email').fill(TEST_ADMIN_EMAIL);
    await page.getByLabel('Password').fill(TEST_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Optimize' }).click();
    await page.getByRole('heading', { name: 'Optimize' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  /** Ticks a param and gives its range. */
  async function search(key: string, min: string, max: string, step: string): Promise<void> {
    await page.getByRole('checkbox', { name: `Search ${key}` }).check();
    await page.getByLabel(`${key} min`).fill(min);
    await page.getByLabel(`${key} max`).fill(max);
    await page.getByLabel(`${key} step`).fill(step);
  }

  const run = () => page.getByRole('region', { name: 'Optimization run' });
  const results = () => page.getByRole('table', { name: 'Results' });

  it('runs a 3 × 3 grid on the simulated series: progress, then the results by score', async () => {
    expect(await page.getByRole('radio', { name: /a simulated series/ }).isChecked()).toBe(true);
    await page.getByLabel('Seed', { exact: true }).fill('42');
    await search('emaFast', '4', '12', '4');
    await search('emaSlow', '20', '40', '10');
    await page.getByRole('status').filter({ hasText: '9 grid points' }).waitFor();
    await page.getByRole('button', { name: 'Start optimization' }).click();
    // The first view comes while it is queued or running: its progress shows.
    // A long wait: the check runs on a backtest thread, started now at nice +10, which a busy
    // machine serves last.
    await run()
      .getByText(/^(queued|running|done)$/)
      .waitFor({ timeout: 60_000 });
    await run().getByText('done', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await results().locator('tbody tr').count()).toBe(9);
    const scores = await results()
      .locator('tbody tr td:nth-child(2)')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.textContent)));
    const scored = scores.filter((score) => Number.isFinite(score));
    expect(scored).toEqual([...scored].sort((a, b) => b - a));
    await page.getByRole('button', { name: 'Use these params' }).first().waitFor();
    await screenshot(page, `optimize-grid-${DESKTOP.width}`);
    await page.setViewportSize(PHONE);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, `optimize-grid-${PHONE.width}`);
    await page.setViewportSize(DESKTOP);
    await settled(page);
  }, 90_000);

  it('sorts the results by a column, both ways', async () => {
    const emaFast = () =>
      results()
        .locator('tbody tr td:nth-child(3)')
        .evaluateAll((cells) => cells.map((cell) => Number(cell.textContent)));
    await results().getByRole('button', { name: 'emaFast' }).click();
    expect(await emaFast()).toEqual([12, 12, 12, 8, 8, 8, 4, 4, 4]);
    expect(
      await results()
        .getByRole('columnheader', { name: /emaFast/ })
        .getAttribute('aria-sort'),
    ).toBe('descending');
    await results()
      .getByRole('button', { name: /emaFast/ })
      .click();
    expect(await emaFast()).toEqual([4, 4, 4, 8, 8, 8, 12, 12, 12]);
  });

  it('draws the heatmap of the objective over the two searched params', async () => {
    const canvas = page.getByRole('img', {
      name: /Heatmap of the best Sharpe for each emaFast and emaSlow/,
    });
    await canvas.waitFor();
    await waitFor(
      async () => ((await paintedPixels(canvas)) > 2000 ? true : undefined),
      'the heatmap’s cells drawn',
      5_000,
      100,
    );
    // Any two params: the axes swap.
    await page.getByLabel('Across (x)').selectOption('emaSlow');
    await page.getByLabel('Up (y)').selectOption('emaFast');
    await page.getByRole('img', { name: /for each emaSlow and emaFast/ }).waitFor();
  });

  it('hands a point to the new-bot form, prefilled', async () => {
    const best = page.getByLabel('Best params');
    const text = (await best.locator('strong').textContent())!;
    const [, fast, slow] = /emaFast (\d+), emaSlow (\d+)/.exec(text)!;
    await best.getByRole('button', { name: 'Use these params' }).click();
    await page.getByRole('heading', { name: 'New bot' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/bots/new');
    expect(await page.getByLabel('Strategy', { exact: true }).inputValue()).toBe('ema-rsi');
    expect(await page.getByLabel('emaFast', { exact: true }).inputValue()).toBe(fast);
    expect(await page.getByLabel('emaSlow', { exact: true }).inputValue()).toBe(slow);
    expect(await page.getByLabel('Position size').inputValue()).toBe('100');
    await page.goBack();
    await page.getByRole('heading', { name: 'Optimize' }).waitFor();
  });

  it('walks forward: the folds with in- and out-of-sample scores, and the stitched equity', async () => {
    await page.getByLabel('Seed', { exact: true }).fill('7');
    await search('emaFast', '4', '8', '4');
    await page.getByRole('checkbox', { name: 'Walk-forward' }).check();
    await page.getByLabel('Folds').fill('3');
    await page.getByLabel('Train %').fill('70');
    await page.getByRole('button', { name: 'Start optimization' }).click();
    await run().getByText('done', { exact: true }).waitFor({ timeout: 60_000 });
    const folds = page.getByRole('table', { name: 'Walk-forward folds' });
    expect(await folds.locator('tbody tr').count()).toBe(3);
    await page.getByRole('figure', { name: 'Equity curve with drawdown below' }).waitFor();
    await screenshot(page, `optimize-walk-forward-${DESKTOP.width}`);
    await page.setViewportSize(PHONE);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, `optimize-walk-forward-${PHONE.width}`);
    await page.setViewportSize(DESKTOP);
    await settled(page);
  }, 90_000);

  it('cancels a long run: its progress and ETA show, then it stops', async () => {
    await page.getByRole('checkbox', { name: 'Walk-forward' }).uncheck();
    await page.getByLabel('Interval').selectOption('1m');
    await page.getByLabel('From', { exact: true }).fill('2025-01-01T00:00');
    await page.getByLabel('To', { exact: true }).fill('2025-02-01T00:00');
    await search('emaFast', '2', '50', '1');
    await search('emaSlow', '51', '250', '1');
    await page.getByRole('button', { name: 'Start optimization' }).click();
    const progress = run().getByRole('status');
    await progress.getByText(/of 9800 points .*about .+ left$/).waitFor({ timeout: 60_000 });
    expect(await progress.getByRole('progressbar', { name: 'Optimization progress' }).count()).toBe(
      1,
    );
    const cancelledAt = Date.now();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await run().getByText('cancelled', { exact: true }).waitFor({ timeout: 5_000 });
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    await run()
      .getByRole('note')
      .filter({ hasText: /^Cancelled after \d+ of 9800 points\.$/ })
      .waitFor();
    // The list of past runs has this spec's three first, newest first (the lane's other specs
    // share the database and the admin).
    const past = page.getByRole('table', { name: 'Past runs' });
    let shown: string[] = [];
    await waitFor(
      async () => {
        shown = await past.locator('tbody tr td:nth-child(4)').allTextContents();
        return shown.slice(0, 3).join() === 'cancelled,done,done' ? true : undefined;
      },
      'this spec’s three runs first in the past runs',
      30_000,
      250,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the list shows ${JSON.stringify(shown)}`);
    });
  }, 120_000);
});
