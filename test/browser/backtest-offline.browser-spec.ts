import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../utils/test-app';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-env';
import { waitFor } from '../utils/wait-for';
import {
  buildDashboard,
  candlePixels,
  DESKTOP,
  launchChromium,
  PHONE,
  screenshot,
  settled,
} from './chromium';

/**
 * The Backtest page of a server with no exchange in reach, as on a machine offline: it
 * offers what works first, and runs the simulated series and the example CSV.
 */
describe('the Backtest page offline', () => {
  let testApp: TestApp;
  let browser: Browser;
  let page: Page;
  let origin: string;

  beforeAll(async () => {
    buildDashboard();
    // Port 1 on loopback: nothing listens there, so every exchange request is refused.
    testApp = await createTestApp({ BINANCE_BASE_URL: 'http://127.0.0.1:1' });
    const address = testApp.app.getHttpServer().address() as { port: number };
    origin = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: DESKTOP,
      timezoneId: 'UTC',
      locale: 'en-US',
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${origin}/`);
    await page.getByLabel('Email').fill(TEST_ADMIN_EMAIL);
    await page.getByLabel('Password').fill(TEST_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Backtest' }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  const run = () => page.getByRole('button', { name: 'Run backtest' }).click();

  it('offers a CSV file, then the simulated series, then the exchange, and runs the simulated one by default', async () => {
    const sources = page.getByRole('radiogroup', { name: 'Source of the candles' });
    await sources.waitFor();
    const labels = await sources
      .getByRole('radio')
      .evaluateAll((radios) => radios.map((radio) => radio.parentElement?.textContent?.trim()));
    expect(labels).toEqual([
      'a CSV file of Binance klines',
      'a simulated series (works offline)',
      'the exchange (needs Binance)',
    ]);
    expect(await page.getByRole('radio', { name: /a simulated series/ }).isChecked()).toBe(true);

    await page.getByLabel('Seed').fill('42');
    await run();
    // The first backtest starts the pool's thread, which compiles its TypeScript.
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 50_000 });
    await page
      .getByText(/^Simulated data, not market prices: BTCUSDT 1h from [\d.,]+, seed 42\.$/)
      .waitFor();
    await screenshot(page, `backtest-simulated-${DESKTOP.width}`);
    await page.setViewportSize(PHONE);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, `backtest-simulated-${PHONE.width}`);
    await page.setViewportSize(DESKTOP);
  }, 70_000);

  it('runs the example CSV in one step, with its trades on its candles', async () => {
    await page.getByRole('radio', { name: /a CSV file/ }).check();
    await page.getByRole('checkbox', { name: /use the example/ }).check();
    // The symbol names the filters; the exchange is out of reach, so the defaults size it.
    expect(await page.getByLabel('Symbol').inputValue()).toBe('BTCUSDT');
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await settled(page);
      await screenshot(page, `backtest-csv-${size.width}`);
    }
    await run();
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 30_000 });
    const chart = page.getByLabel('Price chart');
    await waitFor(
      async () => ((await candlePixels(chart)) > 300 ? true : undefined),
      'the example’s candles drawn on the chart',
      10_000,
      250,
    );
  }, 40_000);

  it('sends the fill timing of the execution fields, and shows a bad latency on its field', async () => {
    const latency = page.getByLabel('Fill latency (candles)');
    await latency.fill('1.5');
    await run();
    await waitFor(
      async () => ((await latency.getAttribute('aria-invalid')) === 'true' ? true : undefined),
      'the API’s 400 on the latency field',
      20_000,
      100,
    );
    await latency.fill('1');
    await page.getByLabel('Fill at').selectOption('next-open');
    const sent = page.waitForRequest((request) => request.url().endsWith('/api/backtests'));
    await run();
    expect(JSON.parse((await sent).postData() ?? '{}').execution).toEqual({
      latencyCandles: 1,
      fillAt: 'next-open',
    });
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 30_000 });
    expect(await latency.getAttribute('aria-invalid')).toBeNull();
    await latency.fill('0');
    await page.getByLabel('Fill at').selectOption('close');
  }, 60_000);

  it('says in one sentence that the exchange cannot be reached, and what works instead', async () => {
    await page.getByRole('radio', { name: /the exchange/ }).check();
    await run();
    const alert = page.getByRole('alert').filter({ hasText: 'cannot be reached' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(
      /^The exchange cannot be reached \(.+\): upload a CSV file of candles, or use the simulated series \(source "simulated"\), instead\.$/,
    );
  }, 40_000);

  it('says on the System page, in words, since when Binance is unreachable', async () => {
    await page.getByRole('link', { name: 'System' }).click();
    await page
      .getByRole('status')
      .filter({
        hasText: /^Binance unreachable since \d\d:\d\d: paper bots use simulated data\.$/,
      })
      .waitFor();
    await page.setViewportSize(PHONE);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, `system-offline-${PHONE.width}`);
    await page.setViewportSize(DESKTOP);
  });
});
