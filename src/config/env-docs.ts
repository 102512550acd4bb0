import type { Env } from './app-config';

/** One row of docs/configuration.md's table; both texts are Markdown. */
export interface EnvDoc {
  readonly default: string;
  readonly meaning: string;
}

/**
 * What each variable of Env does, in the order of the table that `npm run docs:config`
 * writes; typed by Env's keys so a variable cannot be added or removed without its row.
 */
export const ENV_DOCS: Readonly<Record<keyof Env, EnvDoc>> = {
  NODE_ENV: {
    default: '`development`',
    meaning:
      '`production` turns off the [transaction guard](architecture.md#rules-that-keep-it-correct) ' +
      'and makes cookies `Secure`',
  },
  PORT: { default: '`3000`', meaning: 'HTTP port' },
  HOST: {
    default: '`127.0.0.1`',
    meaning: 'HTTP bind address; `0.0.0.0` for every interface (the Docker image sets it)',
  },
  DATABASE_URL: {
    default: 'the embedded PostgreSQL',
    meaning: '`postgres://…`; unset: a PostgreSQL run by the app under `DATA_DIR/postgres`',
  },
  REDIS_URL: {
    default: 'in-process jobs',
    meaning: '`redis://…`; set: jobs go through Bull and can be shared by N workers',
  },
  DATA_DIR: {
    default: '`./data`',
    meaning:
      'the embedded database, its passwords and the generated key files; must be yours alone ' +
      '([Security](security.md))',
  },
  STRATEGIES_DIR: {
    default: '`DATA_DIR/strategies`',
    meaning:
      'strategy files (`*.mjs`, `*.js`) loaded at start; a broken one stops the start ' +
      '([Strategies](strategies.md))',
  },
  STRATEGY_TIME_BUDGET_MS: {
    default: '`1000`',
    meaning: "how long one tick of a file's strategy may run before it is cut off and fails",
  },
  JWT_SECRET: {
    default: 'generated into `DATA_DIR/jwt-secret.key`',
    meaning: 'at least 32 characters; set it when several processes serve the API',
  },
  JWT_EXPIRES_IN: { default: '`12h`', meaning: 'token lifetime (`15m`, `12h`, `7d`)' },
  CREDENTIALS_KEY: {
    default: 'generated into `DATA_DIR/credentials.key` (mode 0600)',
    meaning:
      'AES-256-GCM key for exchange API keys: 64 hex characters or `base64:…`; set it in scale-out',
  },
  ADMIN_EMAIL: {
    default: '`admin@localhost`',
    meaning: 'email of the admin created on the first start',
  },
  ADMIN_PASSWORD: {
    default: 'random, printed once',
    meaning: 'password of the admin created on the first start (at least 8 characters)',
  },
  BINANCE_BASE_URL: {
    default: '`https://api.binance.com`',
    meaning: 'exchange REST endpoint (market data, live orders)',
  },
  BINANCE_TESTNET_BASE_URL: {
    default: '`https://testnet.binance.vision`',
    meaning: 'REST endpoint of live bots whose credential is marked `testnet`',
  },
  BINANCE_TIMEOUT_MS: {
    default: '`10000`',
    meaning:
      'timeout of one exchange request (market data, orders); keep it well below `ORDER_GRACE_MS`',
  },
  CRON_ENABLED: {
    default: '`true`',
    meaning:
      '`false` turns off every scheduled job (candle-close ticks, the daily reset, the order sweep)',
  },
  JOB_CONCURRENCY: {
    default: '`4`',
    meaning: 'jobs one process runs at once; `0` makes an API-only process',
  },
  QUEUE_PREFIX: { default: '`tradebot`', meaning: 'Redis key prefix of the queues' },
  ORDER_GRACE_MS: {
    default: '`30000`',
    meaning: 'how long after an unanswered order "no such order" is believed; lookups start at 2 s',
  },
  BACKTEST_CONCURRENCY: {
    default: 'half the cores, at least `1`',
    meaning:
      'backtests one process runs at once, each on a worker thread ([Backtests](backtests.md))',
  },
  BACKTEST_QUEUE: {
    default: '`4`',
    meaning: 'backtests that may wait for a thread; one more is answered 429 with `Retry-After`',
  },
  BACKTESTS_PER_USER: {
    default: '`2`',
    meaning:
      'backtests one user may have running or waiting in one API process; one more is a 429 ' +
      'before its body is read',
  },
  RANGED_BACKTESTS_PER_MINUTE: {
    default: '`10`',
    meaning:
      'backtests over fetched candles one user may start a minute (429 with `Retry-After` beyond)',
  },
  CANDLE_REQUESTS_PER_MINUTE: {
    default: '`60`',
    meaning: '`GET /api/market/candles` requests one user may make a minute',
  },
  NOTIFICATION_TESTS_PER_MINUTE: {
    default: '`5`',
    meaning: '`POST /api/notification-channels/:id/test` requests one user may make a minute',
  },
  SIGNALS_PER_IP_PER_MINUTE: {
    default: '`600`',
    meaning:
      '`POST /api/signals` requests one client network may make a minute (TradingView shares a few)',
  },
  SIGNALS_PER_BOT_PER_MINUTE: {
    default: '`30`',
    meaning: "`POST /api/signals` requests carrying one bot's passphrase a minute",
  },
  BINANCE_WEIGHT_BUDGET: {
    default: '`4800`',
    meaning:
      'request weight a minute sent to one Binance host by every process (Binance allows 6,000 an IP)',
  },
  BINANCE_TRADING_RESERVE: {
    default: 'half the budget',
    meaning:
      'weight of each minute only trading may use; backtests and charts get the rest ' +
      '([Live trading](live-trading.md))',
  },
  SMTP_URL: {
    default: 'unset: email channels refused',
    meaning:
      '`smtp://user:pass@host:587` or `smtps://…:465`; the password is never logged or returned',
  },
  SMTP_FROM: {
    default: '`tradebot <tradebot@localhost>`',
    meaning: 'sender of notification mails: `bots@example.com` or `Tradebot <bots@example.com>`',
  },
  NOTIFICATION_RETRY_BASE_MS: {
    default: '`30000`',
    meaning:
      'first retry delay of a failed delivery; doubles per attempt, so 8 attempts span about an hour',
  },
  NOTIFICATION_CONCURRENCY: {
    default: '`16`',
    meaning: 'deliveries one process sends at once (a process with `JOB_CONCURRENCY=0` sends none)',
  },
  WEBHOOK_ALLOW_PRIVATE: {
    default: '`false`',
    meaning:
      '`true`: webhooks may reach every address ' +
      '([Private addresses](notifications.md#private-addresses))',
  },
  WEBHOOK_ALLOW_HOSTS: {
    default: 'unset',
    meaning: 'comma-separated addresses, CIDR ranges and host names that webhooks may reach anyway',
  },
  LOGIN_THROTTLE_WINDOW_MS: {
    default: '`60000`',
    meaning:
      'the window failed logins are counted in, per account and client network ' +
      '([Limits](api.md#limits-sessions-and-headers))',
  },
  TRUST_PROXY: {
    default: 'unset',
    meaning:
      'proxies whose `X-Forwarded-For` is believed: a hop count (`1`), addresses, CIDRs, `loopback`',
  },
  LOG_LEVEL: { default: '`log`', meaning: '`error`, `warn`, `log`, `debug` or `verbose`' },
  LOG_FORMAT: {
    default: '`json`, or `pretty` when stdout is a terminal',
    meaning:
      '`json`: one JSON object per line; `pretty`: readable lines ([Logs](operations.md#logs))',
  },
  METRICS_TOKEN: {
    default: "unset: admins' tokens only",
    meaning:
      "at least 16 characters: a Prometheus scraper's bearer token for `/metrics` " +
      '([Metrics](operations.md#metrics))',
  },
  METRICS_PORT: {
    default: 'unset',
    meaning: 'also serve `/metrics` on this port: how a worker (no API) is scraped',
  },
  METRICS_HOST: {
    default: '`127.0.0.1`',
    meaning:
      'bind address of `METRICS_PORT` (`0.0.0.0` or `::` for every interface); never taken from `HOST`',
  },
};
