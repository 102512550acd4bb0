import { InvalidEnvironmentError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('fills the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.dataDir).toBe('./data');
    expect(config.cronEnabled).toBe(true);
  });

  it('lists every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEnvironmentError);
    const problems = (caught as InvalidEnvironmentError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(problems).toMatch(/JWT_SECRET: must be at least 32 characters/);
  });

  it('parses booleans and lower-cases the admin email', () => {
    const config = loadConfig({ CRON_ENABLED: 'false', ADMIN_EMAIL: 'Boss@Example.com' });
    expect(config.cronEnabled).toBe(false);
    expect(config.adminEmail).toBe('boss@example.com');
    // The default admin's address, which compose passes on when it is set explicitly.
    expect(loadConfig({ ADMIN_EMAIL: 'admin@localhost' }).adminEmail).toBe('admin@localhost');
    expect(() => loadConfig({ ADMIN_EMAIL: 'admin' })).toThrow(
      'ADMIN_EMAIL: must be an email address',
    );
  });

  it('writes JSON logs unless stdout is a terminal or LOG_FORMAT says otherwise', () => {
    expect(loadConfig({}).logFormat).toBe(process.stdout.isTTY ? 'pretty' : 'json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(
      /LOG_FORMAT: LOG_FORMAT must be one of the following values: json, pretty/,
    );
  });

  it('throttles logins over a minute unless told otherwise, never under 100 ms', () => {
    expect(loadConfig({}).loginThrottleWindowMs).toBe(60_000);
    expect(loadConfig({ LOGIN_THROTTLE_WINDOW_MS: '1500' }).loginThrottleWindowMs).toBe(1500);
    for (const value of ['99', 'soon', '1.5']) {
      expect(() => loadConfig({ LOGIN_THROTTLE_WINDOW_MS: value })).toThrow(
        /LOGIN_THROTTLE_WINDOW_MS/,
      );
    }
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
    for (const value of ['true', 'proxy.example', '10.0.0.0/33', '17', ',']) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: /);
    }
  });

  it('defaults notifications to no SMTP and about an hour of retries', () => {
    const config = loadConfig({});
    expect(config.smtpUrl).toBeUndefined();
    expect(config.smtpFrom).toBe('tradebot <tradebot@localhost>');
    expect(config.notificationRetryBaseMs).toBe(30_000);
    expect(config.notificationConcurrency).toBe(16);
  });

  it('reads the SMTP and retry settings', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
      SMTP_FROM: 'Tradebot <bots@example.com>',
      NOTIFICATION_RETRY_BASE_MS: '50',
      NOTIFICATION_CONCURRENCY: '4',
    });
    expect(config).toMatchObject({
      smtpUrl: 'smtps://mailer:pw@smtp.example.com:465',
      smtpFrom: 'Tradebot <bots@example.com>',
      notificationRetryBaseMs: 50,
      notificationConcurrency: 4,
    });
  });

  it('refuses bad SMTP settings without echoing the URL (it may hold a password)', () => {
    let caught: unknown;
    try {
      loadConfig({
        SMTP_URL: 'http://mailer:hunter2-secret@smtp.example.com',
        SMTP_FROM: 'not an address',
        NOTIFICATION_RETRY_BASE_MS: '0',
      });
    } catch (error) {
      caught = error;
    }
    const problems = (caught as InvalidEnvironmentError).problems.join('\n');
    expect(problems).toMatch(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(problems).toMatch(/SMTP_FROM: must be an address/);
    expect(problems).toMatch(/NOTIFICATION_RETRY_BASE_MS/);
    expect(problems).not.toContain('hunter2-secret');
  });

  it('defaults live trading to Binance and its testnet, with a 10 s request timeout', () => {
    const config = loadConfig({});
    expect(config.binanceBaseUrl).toBe('https://api.binance.com');
    expect(config.binanceTestnetBaseUrl).toBe('https://testnet.binance.vision');
    expect(config.binanceTimeoutMs).toBe(10_000);
  });

  it('reads and checks the testnet URL and the request timeout', () => {
    const config = loadConfig({
      BINANCE_TESTNET_BASE_URL: 'http://127.0.0.1:9090',
      BINANCE_TIMEOUT_MS: '500',
    });
    expect(config).toMatchObject({
      binanceTestnetBaseUrl: 'http://127.0.0.1:9090',
      binanceTimeoutMs: 500,
    });
    let caught: unknown;
    try {
      loadConfig({ BINANCE_TESTNET_BASE_URL: 'ftp://example.com', BINANCE_TIMEOUT_MS: '5' });
    } catch (error) {
      caught = error;
    }
    const problems = (caught as InvalidEnvironmentError).problems.join('\n');
    expect(problems).toMatch(/BINANCE_TESTNET_BASE_URL: must be an http\(s\) URL/);
    expect(problems).toMatch(/BINANCE_TIMEOUT_MS/);
  });

  it('keeps webhooks off private addresses unless WEBHOOK_ALLOW_PRIVATE or an allow-list says so', () => {
    expect(loadConfig({})).toMatchObject({ webhookAllowPrivate: false, webhookAllowHosts: [] });
    expect(
      loadConfig({
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_ALLOW_HOSTS: '10.0.0.0/8, fd00::/8,receiver.internal,192.168.1.7',
      }),
    ).toMatchObject({
      webhookAllowPrivate: true,
      webhookAllowHosts: ['10.0.0.0/8', 'fd00::/8', 'receiver.internal', '192.168.1.7'],
    });
    expect(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: '10.0.0.0/8,10.0.0.0/33,http://x' })).toThrow(
      'WEBHOOK_ALLOW_HOSTS: must be comma-separated IP addresses, CIDR ranges or host names ' +
        '(not: 10.0.0.0/33, http://x)',
    );
  });

  it('keeps half the Binance weight for trading, and per-user limits, unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({
      binanceWeightBudget: 4800,
      binanceTradingReserve: 2400,
      backtestsPerUser: 2,
      rangedBacktestsPerMinute: 10,
      candleRequestsPerMinute: 60,
      notificationTestsPerMinute: 5,
    });
    expect(
      loadConfig({ BINANCE_WEIGHT_BUDGET: '1000', NOTIFICATION_TESTS_PER_MINUTE: '3' }),
    ).toMatchObject({
      binanceWeightBudget: 1000,
      binanceTradingReserve: 500,
      notificationTestsPerMinute: 3,
    });
    let caught: unknown;
    try {
      loadConfig({
        BINANCE_WEIGHT_BUDGET: '1000',
        BINANCE_TRADING_RESERVE: '1000',
        BACKTESTS_PER_USER: '0',
      });
    } catch (error) {
      caught = error;
    }
    expect((caught as InvalidEnvironmentError).problems).toEqual([
      'BACKTESTS_PER_USER: BACKTESTS_PER_USER must not be less than 1',
      'BINANCE_TRADING_RESERVE: must be below BINANCE_WEIGHT_BUDGET (1000), ' +
        'or backtests and charts could send nothing',
    ]);
  });

  it('binds METRICS_PORT to loopback whatever HOST says, unless METRICS_HOST names an address', () => {
    expect(loadConfig({ HOST: '0.0.0.0', METRICS_PORT: '9100' }).metricsHost).toBe('127.0.0.1');
    expect(loadConfig({ METRICS_HOST: '0.0.0.0' }).metricsHost).toBe('0.0.0.0');
    expect(loadConfig({ METRICS_HOST: '::' }).metricsHost).toBe('::');
    expect(() => loadConfig({ METRICS_HOST: 'everywhere' })).toThrow(
      'METRICS_HOST: must be an IP address, e.g. 127.0.0.1, 0.0.0.0 or ::',
    );
  });
});
