import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { Receiver } from '../e2e/notifications-harness';
import { createTestApp, type TestApp } from '../utils/test-app';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-env';
import { waitFor } from '../utils/wait-for';
import {
  accessibilityViolations,
  type AxeViolation,
  buildDashboard,
  candlePixels,
  DESKTOP,
  launchChromium,
  PHONE,
  screenshot,
  settled,
} from './chromium';

/** A 12-second sine around 50,000: the bot's EMAs cross every few seconds. */
const wave = (step: number) => 50_000 * (1 + 0.01 * Math.sin((2 * Math.PI * step) / 12));
const BACKTEST_START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
/** Like the paper-bot e2e: fast EMAs and an RSI that never vetoes, so it trades at once. */
const PARAMS = {
  emaFast: '2',
  emaSlow: '4',
  rsiPeriod: '2',
  rsiOverbought: '99.99',
  rsiOversold: '0.01',
};

/** A datetime-local value; the browser runs in UTC (timezoneId below). */
const utcInput = (time: number) => new Date(time).toISOString().slice(0, 16);

describe('the dashboard in Chromium', () => {
  let exchange: FakeBinanceServer;
  let receiver: Receiver;
  let testApp: TestApp;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Found on every page as the tests pass by, asserted together at the end. */
  const violations: AxeViolation[] = [];
  const tooWide: { page: string; width: number; sticksOut: string[] }[] = [];

  /**
   * The page as it stands: checked by axe, photographed at a laptop's and a phone's width,
   * and at the phone's width never scrolled sideways as a whole (only tables scroll).
   */
  async function look(name: string): Promise<void> {
    violations.push(...(await accessibilityViolations(page, name)));
    await screenshot(page, `${name}-${DESKTOP.width}`);
    await page.setViewportSize(PHONE);
    await settled(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > PHONE.width) tooWide.push({ page: name, width, sticksOut: await sticksOut(page) });
    await screenshot(page, `${name}-${PHONE.width}`);
    await page.setViewportSize(DESKTOP);
    await settled(page);
  }

  /** The API requests the page sends until `stop` is called, as METHOD /path. */
  function recordRequests(): { stop: () => string[] } {
    const seen: string[] = [];
    const listener = (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) seen.push(`${request.method()} ${url.pathname}`);
    };
    page.on('request', listener);
    return {
      stop: () => {
        page.off('request', listener);
        return seen;
      },
    };
  }

  beforeAll(async () => {
    buildDashboard();
    exchange = new FakeBinanceServer(testOptions());
    exchange.setPricePath('BTCUSDT', wave, { interval: '1s' });
    exchange.setPricePath('ETHUSDT', (step) => 3000 * (1 + 0.02 * Math.sin(step / 9)), {
      startTime: BACKTEST_START,
    });
    receiver = await new Receiver().start();
    testApp = await createTestApp({
      BINANCE_BASE_URL: await exchange.start(),
      // Ticks come from the candle-close scheduler, as in production.
      CRON_ENABLED: 'true',
      // The webhook receiver listens on loopback.
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    const address = testApp.app.getHttpServer().address() as { port: number };
    origin = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: DESKTOP,
      timezoneId: 'UTC',
      locale: 'en-US',
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await exchange?.stop();
    await receiver?.stop();
  });

  it('is served at / to browsers, while API clients keep the JSON 404', async () => {
    const html = await fetch(`${origin}/bots/anything`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root">');
    const csp = html.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    for (const [path, accept] of [
      ['/', 'application/json'],
      ['/api/nope', 'text/html'],
      ['/docs-nope', 'application/json'],
    ]) {
      const answer = await fetch(`${origin}${path}`, { headers: { accept } });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('signs in with the keyboard alone', async () => {
    await page.goto(`${origin}/`);
    const email = page.getByLabel('Email');
    await email.waitFor();
    expect(await email.evaluate((input) => input === document.activeElement)).toBe(true);
    await look('sign-in');
    await email.focus();
    await page.keyboard.type(TEST_ADMIN_EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.type('a wrong password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(TEST_ADMIN_PASSWORD);
    await page.getByLabel('Password').press('Enter');
    // No bots yet: the bots page and its first-bot link, not the Overview.
    await page.getByRole('heading', { name: 'Bots' }).waitFor();
    await look('bots-empty');
  });

  it('creates a paper bot through the form, checking the name in the browser and showing the API field error', async () => {
    await page.getByRole('link', { name: 'New bot' }).click();
    const name = page.getByLabel('Name');
    await name.fill('   ');
    const requests = recordRequests();
    await page.getByRole('button', { name: 'Create bot' }).click();
    await name.and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await accessibleDescription(name)).toMatch(/should not be empty/);
    expect(requests.stop()).not.toContain('POST /api/bots');
    await name.fill('BTC wave');
    await page.getByLabel('Symbol').fill('BTCUSDT');
    await page.getByLabel('Interval').selectOption('1s');
    await page.getByLabel('Mode').selectOption('paper');
    await page.getByLabel('Strategy').selectOption('ema-rsi');
    for (const [name, value] of Object.entries(PARAMS)) {
      await page.getByLabel(name, { exact: true }).fill(value);
    }
    const size = page.getByLabel('Position size');
    await size.fill('-5');
    await page.getByRole('button', { name: 'Create bot' }).click();
    // The API's error on risk.positionSizeQuote, beside the field and read with it.
    await size.and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await accessibleDescription(size)).toMatch(/must be/);
    await look('bot-form');

    await size.fill('1000');
    await page.getByRole('button', { name: 'Create bot' }).click();
    await page.getByRole('heading', { name: 'BTC wave' }).waitFor();
    await page.getByText('stopped', { exact: true }).first().waitFor();
  });

  it('starts the bot and shows it running and trading on a drawn chart', async () => {
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText('running', { exact: true }).first().waitFor();
    const chart = page.getByLabel('Price chart');
    await waitFor(
      async () => ((await candlePixels(chart)) > 300 ? true : undefined),
      'candles drawn on the chart',
      10_000,
      250,
    );
    // The wave crosses the EMAs within seconds: a fill appears in the trades table.
    await page
      .getByRole('table')
      .getByRole('cell', { name: 'BUY', exact: true })
      .first()
      .waitFor({ timeout: 25_000 });
    // Numbers a trader reads: the day in words, balances and fees with their assets, the
    // price by the symbol's tick size (0.01).
    await page.getByText(/^\d+ entr(y|ies) today, PnL [+-]?[\d,]+\.\d{2} USDT$/).waitFor();
    await page.getByText(/^[\d,]+\.\d{2} USDT, [\d.,]+ BTC$/).waitFor();
    const fill = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'BUY', exact: true }) })
      .first();
    expect(await fill.getByRole('cell').nth(2).innerText()).toMatch(/^[\d,]+\.\d{2}$/);
    expect(await fill.getByRole('cell').nth(5).innerText()).toMatch(/^[\d.]+ USDT$/);
    // Selecting the trade marks it.
    await fill.getByRole('button').click();
    expect(await fill.getAttribute('aria-current')).toBe('true');
    await look('bot');
  }, 60_000);

  it('edits the running bot, whose symbol, interval and mode stay fixed', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    expect(await page.getByLabel('Symbol').isDisabled()).toBe(true);
    await page.getByLabel('Name').fill('BTC wave 2');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'BTC wave 2' }).waitFor();
    await page.getByText('running', { exact: true }).first().waitFor();
  });

  it('stops the bot, asking first what to do with a position', async () => {
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /^(Sell and stop|Stop bot)$/ }).click();
    await page.getByText('stopped', { exact: true }).first().waitFor();
    const requests = recordRequests();
    await page.getByRole('link', { name: 'Bots', exact: true }).click();
    const row = page.getByRole('row', { name: /BTC wave/ });
    await row.filter({ hasText: 'stopped' }).filter({ hasText: 'BTCUSDT' }).waitFor();
    // One list request carries every bot's state: no row asks for its own.
    expect(requests.stop().filter((request) => request.endsWith('/state'))).toEqual([]);
    await look('bots');
  });

  it("shows a phone the bots' name, status and PnL without scrolling, and a hint that the table scrolls", async () => {
    await page.setViewportSize(PHONE);
    await settled(page);
    const table = page.getByRole('region', { name: 'Bots' });
    for (const column of ['Name', 'Status', 'Realized PnL']) {
      const box = (await table
        .getByRole('columnheader', { name: column, exact: true })
        .boundingBox())!;
      expect({ column, right: box.x + box.width <= PHONE.width }).toEqual({ column, right: true });
    }
    const scroll = await table.evaluate((element) => ({
      scrolls: element.scrollWidth > element.clientWidth,
      shadows: getComputedStyle(element).backgroundAttachment.includes('local'),
    }));
    expect(scroll).toEqual({ scrolls: true, shadows: true });
    await page.setViewportSize(DESKTOP);
  });

  it('opens on the Overview once the user has bots: PnL by day, positions, latest trades', async () => {
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    const latest = page.getByRole('region', { name: 'Trades' });
    await latest
      .getByRole('row', { name: /BTC wave 2/ })
      .first()
      .waitFor();
    expect(await latest.getByRole('row').count()).toBeGreaterThan(1);
    await page
      .getByRole('region', { name: 'PnL by bot' })
      .getByRole('row', { name: /BTC wave 2/ })
      .waitFor();
    // The stop sold the position: a closed round trip draws the cumulative line.
    await page.getByLabel('Cumulative realized PnL by day').locator('canvas').first().waitFor();
    await look('overview');
  });

  it('runs a backtest and shows its metrics', async () => {
    await page.goto(`${origin}/backtest`);
    // The page starts on the simulated series (test/browser/backtest-offline covers it).
    await page.getByRole('radio', { name: /the exchange/ }).check();
    for (const [name, value] of Object.entries(PARAMS)) {
      await page.getByLabel(name, { exact: true }).fill(value);
    }
    await page.getByLabel('Symbol').fill('ETHUSDT');
    await page.getByLabel('Interval').selectOption('1m');
    await page.getByLabel('From', { exact: true }).fill(utcInput(BACKTEST_START));
    await page.getByLabel('To', { exact: true }).fill(utcInput(BACKTEST_START + 600 * MINUTE));
    await page.getByRole('button', { name: 'Run backtest' }).click();
    // The first backtest starts the pool's thread, which compiles its TypeScript at low
    // priority (a build's JavaScript starts at once): seconds more on a loaded machine.
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 50_000 });
    const metrics = await page.getByLabel('Metrics').innerText();
    expect(metrics).toMatch(/Round trips\s+[1-9]\d*/);
    expect(metrics).toMatch(/Final equity\s+[\d,.]+/);
    await page.getByLabel('Equity curve').locator('canvas').first().waitFor();
    // Its trades in a bot's table: the value, and the fee with its asset.
    await page.getByRole('columnheader', { name: 'Value' }).waitFor();
    await page
      .getByRole('cell', { name: /^[\d.]+ USDT$/ })
      .first()
      .waitFor();
    // The range's candles, asked for again, with the trades on them: its 601 candles are
    // more than the 500 a range gives, and the chart says so.
    const chart = page.getByLabel('Price chart');
    await waitFor(
      async () => ((await candlePixels(chart)) > 300 ? true : undefined),
      'the range’s candles drawn on the chart',
      10_000,
      250,
    );
    await page.getByText('the range’s last 500 candles').waitFor();
    await look('backtest');
  }, 30_000);

  it("creates a bollinger-reversion bot with its schema's fields, the API's error on one, and draws its bands", async () => {
    await page.goto(`${origin}/bots/new`);
    await page.getByLabel('Name').fill('BTC bands');
    await page.getByLabel('Interval').selectOption('1s');
    // A boolean param is a checkbox, with its default.
    await page.getByLabel('Strategy').selectOption('supertrend');
    const requireAdx = page.getByRole('checkbox', { name: 'requireAdx' });
    expect(await requireAdx.isChecked()).toBe(false);
    await requireAdx.check();
    await page.getByLabel('Strategy').selectOption('bollinger-reversion');
    // Another strategy's fields, filled with its defaults; its enum is a select.
    expect(await page.getByLabel('period', { exact: true }).inputValue()).toBe('20');
    expect(await page.getByLabel('requireAdx', { exact: true }).count()).toBe(0);
    const exitAt = page.getByLabel('exitAt', { exact: true });
    expect(await exitAt.inputValue()).toBe('middle');
    await exitAt.selectOption('upper');
    const width = page.getByLabel('stdDev', { exact: true });
    expect(await accessibleDescription(width)).toMatch(/> 0, ≤ 10, default 2/);
    await width.fill('0');
    await page.getByRole('button', { name: 'Create bot' }).click();
    // The API's error on strategyParams.stdDev, beside the field.
    await width.and(page.locator('[aria-invalid="true"]')).waitFor();
    await look('bot-form-bollinger');

    await width.fill('1.5');
    await page.getByRole('button', { name: 'Create bot' }).click();
    await page.getByRole('heading', { name: 'BTC bands' }).waitFor();
    const bot = page.getByText(/bollinger-reversion/).first();
    await bot.waitFor();
    // Its upper, middle and lower bands over the candles, in the first lines' colours.
    const chart = page.getByLabel('Price chart');
    await waitFor(
      async () => ((await colorPixels(chart, [9, 105, 218])) > 100 ? true : undefined),
      'the bands drawn on the chart',
      10_000,
      250,
    );
    await look('bot-bollinger');
  });

  it('backtests bollinger-reversion with its enum param', async () => {
    await page.goto(`${origin}/backtest`);
    await page.getByLabel('Strategy').selectOption('bollinger-reversion');
    await page.getByLabel('exitAt', { exact: true }).selectOption('upper');
    await page.getByLabel('period', { exact: true }).fill('10');
    // The exchange's candles, which the results draw again, with the bands on them.
    await page.getByRole('radio', { name: /the exchange/ }).check();
    await page.getByLabel('Symbol').fill('ETHUSDT');
    await page.getByLabel('Interval').selectOption('1m');
    await page.getByLabel('From', { exact: true }).fill(utcInput(BACKTEST_START));
    await page.getByLabel('To', { exact: true }).fill(utcInput(BACKTEST_START + 300 * MINUTE));
    const requests: unknown[] = [];
    const listener = (request: Request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/backtests')) {
        requests.push(request.postDataJSON());
      }
    };
    page.on('request', listener);
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 30_000 });
    page.off('request', listener);
    expect(requests).toEqual([
      expect.objectContaining({
        strategy: 'bollinger-reversion',
        strategyParams: { period: 10, stdDev: 2, exitAt: 'upper' },
      }),
    ]);
    expect(await page.getByLabel('Metrics').innerText()).toMatch(/Round trips\s+\d+/);
    await waitFor(
      async () =>
        (await colorPixels(page.getByLabel('Price chart'), [9, 105, 218])) > 100 ? true : undefined,
      'the bands drawn on the range’s candles',
      10_000,
      250,
    );
    await look('backtest-bollinger');
  }, 40_000);

  it('creates an external-signal bot, shows its passphrase once with a message TradingView can post, and replaces it', async () => {
    await page.goto(`${origin}/bots/new`);
    await page.getByLabel('Name').fill('BTC alerts');
    await page.getByLabel('Interval').selectOption('1s');
    await page.getByLabel('Strategy').selectOption('external-signal');
    await page.getByRole('button', { name: 'Create bot' }).click();
    const shown = page.getByRole('status').filter({ hasText: 'only this once' });
    const setup = async () => ({
      url: await shown.getByRole('definition').nth(1).innerText(),
      message: await shown.locator('pre').innerText(),
    });
    await shown.waitFor();
    const created = await setup();
    expect(created.url).toBe(`${origin}/api/signals`);
    const { passphrase } = JSON.parse(created.message) as { passphrase: string };
    await look('bot-signal-passphrase');
    await shown.getByRole('link', { name: /go to the bot/ }).click();
    await page.getByRole('heading', { name: 'BTC alerts' }).waitFor();
    expect(await page.getByText(passphrase).count()).toBe(0);

    // The message as shown, pasted into an alert, is taken once the bot runs.
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText('running', { exact: true }).first().waitFor();
    const post = (body: string) =>
      fetch(created.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post(created.message)).status).toBe(202);

    await page.getByRole('button', { name: 'New signal passphrase' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Replace passphrase' }).click();
    await shown.waitFor();
    const replaced = await setup();
    expect(JSON.parse(replaced.message).passphrase).not.toBe(passphrase);
    await look('bot-signal-passphrase-new');
    expect((await post(created.message)).status).toBe(401);
    const next = { ...JSON.parse(replaced.message), id: 'the next alert' };
    expect((await post(JSON.stringify(next))).status).toBe(202);
    await shown.getByRole('button', { name: 'I have stored it' }).click();
    await shown.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Sell and stop|Stop bot)$/ })
      .click();
    await page.getByText('stopped', { exact: true }).first().waitFor();
  });

  it('creates a webhook channel, shows its secret once and logs a test delivery', async () => {
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByRole('button', { name: 'Create channel' }).click();
    await page.getByRole('status').filter({ hasText: 'only this once' }).waitFor();
    await page.getByRole('button', { name: 'Send test' }).click();
    const deliveries = page.getByRole('region', { name: /Deliveries to/ });
    await deliveries
      .getByRole('cell', { name: 'succeeded', exact: true })
      .waitFor({ timeout: 15_000 });
    expect(await deliveries.getByRole('listitem').first().innerText()).toMatch(/succeeded 200/);
    expect(receiver.events()).toContainEqual(expect.objectContaining({ test: true }));
    await look('notifications');
  });

  it('shows the credentials and users pages', async () => {
    await page.getByRole('link', { name: 'Credentials' }).click();
    await page.getByRole('heading', { name: 'Credentials' }).waitFor();
    await look('credentials');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('row', { name: new RegExp(TEST_ADMIN_EMAIL) }).waitFor();
    await look('users');
  });

  it("shows admins the system's numbers and opens Bull Board with the dashboard's session", async () => {
    await page.getByRole('link', { name: 'System' }).click();
    const facts = page.getByRole('definition');
    await page.getByRole('heading', { name: 'System' }).waitFor();
    // A rate needs two reports, one poll apart.
    const perSecond = page
      .locator('.metrics > div')
      .filter({ hasText: 'Ticks per second' })
      .getByRole('definition');
    // The bot was stopped above: no tick now, but those it ran are counted since the start.
    // Its last ticks can fall in the first window on a loaded machine; the next one is empty.
    await waitFor(
      async () => ((await perSecond.textContent()) === '0' ? true : undefined),
      'a tick rate of 0',
    );
    const sinceStart = page
      .locator('.metrics > div')
      .filter({ hasText: 'Ticks since start' })
      .getByRole('definition');
    expect(await sinceStart.textContent()).toMatch(/ordered [1-9]/);
    expect(await facts.first().textContent()).toBe('ok');
    await page.getByRole('row', { name: /^bot-jobs/ }).waitFor();
    await page.getByRole('row', { name: new RegExp(new URL(exchange.baseURL).host) }).waitFor();
    await look('system');

    await page.getByRole('button', { name: 'Open the queue view' }).click();
    await page.waitForURL(`${origin}/admin/queues`);
    // Bull Board's own page, its data read with the cookie the dashboard's session set.
    await page.getByText('notifications', { exact: true }).first().waitFor();
    await page.getByText('bot-jobs', { exact: true }).first().waitFor();
    // Bull Board's page is not the dashboard's: photographed, not checked.
    await screenshot(page, 'queue-view-1280');
    await page.goto(`${origin}/system`);
    await page.getByRole('heading', { name: 'System' }).waitFor();
  });

  it('returns to sign-in on sign-out and when the token is no longer accepted', async () => {
    const token = await page.evaluate(() => localStorage.getItem('tradebot.token'));
    const queueViewCookie = async () =>
      (await context.cookies(`${origin}/admin/queues`)).find(
        (cookie) => cookie.name === 'tradebot_queue_view',
      );
    expect(await queueViewCookie()).toBeDefined();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Sign-out revoked the token on the server and cleared the queue view's cookie.
    await waitFor(async () => {
      const me = await fetch(`${origin}/api/users/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return me.status === 401 ? true : undefined;
    }, 'the token revoked');
    expect(await queueViewCookie()).toBeUndefined();
    await page.evaluate(() => localStorage.setItem('tradebot.token', 'expired.token.value'));
    await page.goto(`${origin}/`);
    await page.getByText('Your session has ended').waitFor();
    await screenshot(page, 'sign-in-ended-1280');
  });

  it('has no serious or critical accessibility violation on any page, nor a page wider than a phone', () => {
    expect({ violations, tooWide }).toEqual({ violations: [], tooWide: [] });
  });
});

/**
 * What makes a page scroll sideways: the outermost elements past the window's right edge,
 * and any placed absolutely there (no scrolling box clips those but their containing block).
 */
function sticksOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const past = (element: Element) => element.getBoundingClientRect().right > window.innerWidth;
    const placed = (element: Element) =>
      ['absolute', 'fixed'].includes(getComputedStyle(element).position);
    return [...document.body.querySelectorAll('*')]
      .filter(
        (element) =>
          past(element) &&
          (placed(element) || !(element.parentElement && past(element.parentElement))),
      )
      .map((element) => {
        const classes = [...element.classList].map((name) => `.${name}`).join('');
        const text = (element.textContent ?? '').trim().slice(0, 40);
        return `${element.tagName.toLowerCase()}${classes} "${text}"`;
      });
  });
}

/** Pixels of one colour on a chart's canvases: a line drawn in it. */
function colorPixels(chart: Locator, [R, G, B]: number[]): Promise<number> {
  return chart.locator('canvas').evaluateAll(
    (canvases, [R, G, B]) => {
      let count = 0;
      for (const canvas of canvases as HTMLCanvasElement[]) {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height === 0) continue;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 4) {
          const near =
            Math.abs(data[i] - R) + Math.abs(data[i + 1] - G) + Math.abs(data[i + 2] - B);
          if (near < 30) count++;
        }
      }
      return count;
    },
    [R, G, B],
  );
}

/** The text of what aria-describedby points at: what a screen reader says after the label. */
function accessibleDescription(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}
