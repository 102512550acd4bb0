import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';
import { invalidAllowListEntries, splitList } from '../common/network/host-allow-list';
import { parseTrustProxy, type TrustProxy, trustProxyProblem } from './trust-proxy';

/**
 * Binance allows 6000 a minute per IP; the rest is headroom for what this process cannot
 * count: requests in flight when the window rolls, other tools on the same IP.
 */
export const DEFAULT_WEIGHT_BUDGET = 4800;

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

/**
 * Every environment variable the service reads; each needs its row in env-docs.ts, from which
 * `npm run docs:config` writes docs/configuration.md's table.
 */
export class Env {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @IsString()
  STRATEGIES_DIR?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  @Max(60_000)
  STRATEGY_TIME_BUDGET_MS?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'must look like 15m, 12h or 7d' })
  JWT_EXPIRES_IN?: string;

  @IsOptional()
  @Matches(/^(base64:[A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/, {
    message: 'must be 32 bytes as 64 hex characters or base64:<44 characters>',
  })
  CREDENTIALS_KEY?: string;

  @IsOptional()
  @IsEmail({ require_tld: false }, { message: 'must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  BINANCE_BASE_URL?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  BINANCE_TESTNET_BASE_URL?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  @Max(60_000)
  BINANCE_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  CRON_ENABLED?: boolean;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsIn(LOG_FORMATS)
  LOG_FORMAT?: LogFormat;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  LOGIN_THROTTLE_WINDOW_MS?: number;

  @IsOptional()
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !trustProxyProblem(value),
      defaultMessage: (args) => trustProxyProblem(String(args?.value)) ?? '',
    },
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(256)
  JOB_CONCURRENCY?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1000)
  ORDER_GRACE_MS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(64)
  BACKTEST_CONCURRENCY?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(1000)
  BACKTEST_QUEUE?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(64)
  BACKTESTS_PER_USER?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000)
  RANGED_BACKTESTS_PER_MINUTE?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000)
  CANDLE_REQUESTS_PER_MINUTE?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1000)
  NOTIFICATION_TESTS_PER_MINUTE?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100_000)
  SIGNALS_PER_IP_PER_MINUTE?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000)
  SIGNALS_PER_BOT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  @Max(6000)
  BINANCE_WEIGHT_BUDGET?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(5999)
  BINANCE_TRADING_RESERVE?: number;

  /** May carry a password: its messages never echo the value. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @Matches(/^([^<>@\s][^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
    message: 'must be an address, alone or as Name <address>',
  })
  SMTP_FROM?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  NOTIFICATION_RETRY_BASE_MS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(256)
  NOTIFICATION_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE?: boolean;

  @IsOptional()
  @ValidateBy({
    name: 'hostAllowList',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && invalidAllowListEntries(splitList(value)).length === 0,
      defaultMessage: (args) =>
        'must be comma-separated IP addresses, CIDR ranges or host names (not: ' +
        `${invalidAllowListEntries(splitList(String(args?.value))).join(', ')})`,
    },
  })
  WEBHOOK_ALLOW_HOSTS?: string;

  /** A scraper's bearer token: a secret, so its messages never echo the value. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number;

  @IsOptional()
  @IsIP(undefined, { message: 'must be an IP address, e.g. 127.0.0.1, 0.0.0.0 or ::' })
  METRICS_HOST?: string;
}

export type ProcessRole = 'all' | 'api' | 'worker';

/** The validated, defaulted configuration every module reads (provided under this class). */
export class AppConfig {
  readonly nodeEnv: string;
  readonly port: number;
  readonly host: string;
  /** Absent: the embedded PostgreSQL is started and its URL filled in at start. */
  readonly databaseUrl?: string;
  /** True when databaseUrl points at the PostgreSQL that this process started. */
  readonly embeddedDatabase: boolean;
  readonly redisUrl?: string;
  readonly dataDir: string;
  /** Strategy files loaded at start (docs/strategies.md). */
  readonly strategiesDir: string;
  /** How long one tick of a strategy from a file may run before it is cut off. */
  readonly strategyTimeBudgetMs: number;
  readonly jwtSecret?: string;
  readonly jwtExpiresIn: string;
  readonly credentialsKey?: string;
  readonly adminEmail?: string;
  readonly adminPassword?: string;
  readonly binanceBaseUrl: string;
  /** Where live bots on a testnet credential trade. */
  readonly binanceTestnetBaseUrl: string;
  /**
   * Timeout of one live exchange request; an order that times out is looked up, and resent
   * only if still unknown to the exchange orderGraceMs later, never blindly.
   */
  readonly binanceTimeoutMs: number;
  readonly cronEnabled: boolean;
  readonly logLevel: string;
  /** JSON lines for log collectors; pino-pretty's lines for a person at a terminal. */
  readonly logFormat: LogFormat;
  /**
   * An account or a client address that failed to log in 10 times within this window is
   * answered 429 until the window ends. Tests set a second or two.
   */
  readonly loginThrottleWindowMs: number;
  /** Proxies whose X-Forwarded-For names the client (its logins are throttled by that). */
  readonly trustProxy: TrustProxy;
  /** Jobs this process runs at once; 0 makes it an API-only process. */
  readonly jobConcurrency: number;
  /** Redis key prefix for the queues, so several installations can share one Redis. */
  readonly queuePrefix: string;
  /**
   * How long after a send whose outcome is unknown Binance's "no such order" is believed (its
   * lookups start sooner); longer than any request timeout, so a slow send is never taken
   * for a lost one.
   */
  readonly orderGraceMs: number;
  /**
   * Backtests run at once, each on a worker thread off the API's event loop. Default: half
   * the cores (at least one), leaving the rest to the API, the ticks and PostgreSQL.
   */
  readonly backtestConcurrency: number;
  /**
   * Backtests that may wait for a thread; one more is answered 429 with Retry-After. Each
   * holds its request body (up to 128 MB) while it waits.
   */
  readonly backtestQueue: number;
  /**
   * Backtests one user may have admitted at once (running or waiting); one more is answered
   * 429 with Retry-After before its body is read.
   */
  readonly backtestsPerUser: number;
  /** Backtests over fetched candles one user may start a minute; more get 429. */
  readonly rangedBacktestsPerMinute: number;
  /** GET /api/market/candles requests one user may make a minute; more get 429. */
  readonly candleRequestsPerMinute: number;
  /** POST /api/notification-channels/:id/test requests one user may make a minute. */
  readonly notificationTestsPerMinute: number;
  /** POST /api/signals requests one client network may make a minute (TradingView's are shared). */
  readonly signalsPerIpPerMinute: number;
  /** POST /api/signals requests with a bot's passphrase a minute. */
  readonly signalsPerBotPerMinute: number;
  /**
   * Request weight a minute sent to a Binance host, by every process on one Redis (Binance
   * allows 6000 per IP); lower it when other tools share the IP.
   */
  readonly binanceWeightBudget: number;
  /**
   * Weight of each minute that only trading (orders, lookups, the account, the candles of
   * bots' ticks) may use: backtests and charts get the rest. Default: half the budget.
   */
  readonly binanceTradingReserve: number;
  /** Absent: email channels are refused at creation (webhooks still work). */
  readonly smtpUrl?: string;
  readonly smtpFrom: string;
  /**
   * First retry delay of a failed delivery; each later one doubles, so the default's
   * 8 attempts span about an hour. Tests set a few ms.
   */
  readonly notificationRetryBaseMs: number;
  /** Deliveries this process sends at once (when it runs jobs at all). */
  readonly notificationConcurrency: number;
  /** Webhooks may reach any address, the server's own network included. */
  readonly webhookAllowPrivate: boolean;
  /** Addresses, CIDR ranges and host names that webhooks may reach although not public. */
  readonly webhookAllowHosts: string[];
  /**
   * Transaction discipline enforced at run time (transaction-guard.ts): on wherever tests and
   * development run, off in production. Its AsyncLocalStorage slows every promise of the
   * process (~0.1 µs each on Node 20), about 5-10 % of a tick's CPU, to catch bugs the
   * tests exist to catch.
   */
  readonly transactionGuard: boolean;
  /** Lets a Prometheus scraper read /metrics without an admin's login. */
  readonly metricsToken?: string;
  /**
   * A port of its own for /metrics, for a process without the API (worker.ts): every
   * process exposes its own numbers.
   */
  readonly metricsPort?: number;
  /**
   * Where METRICS_PORT listens: loopback unless METRICS_HOST names an address (0.0.0.0 for
   * every interface), never HOST, so that opening the API does not open the metrics too.
   */
  readonly metricsHost: string;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Validates every variable at once so one start-up shows every mistake. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(Env, raw);
  const errors = validateSync(env, { whitelist: false });
  const problems = errors.map(
    (error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`,
  );
  const weightBudget = env.BINANCE_WEIGHT_BUDGET ?? DEFAULT_WEIGHT_BUDGET;
  if (env.BINANCE_TRADING_RESERVE !== undefined && env.BINANCE_TRADING_RESERVE >= weightBudget) {
    problems.push(
      `BINANCE_TRADING_RESERVE: must be below BINANCE_WEIGHT_BUDGET (${weightBudget}), ` +
        'or backtests and charts could send nothing',
    );
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return new AppConfig({
    nodeEnv: env.NODE_ENV ?? 'development',
    port: env.PORT ?? 3000,
    // Loopback unless asked: a fresh start is not reachable from the network (Docker sets 0.0.0.0).
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL,
    embeddedDatabase: false,
    redisUrl: env.REDIS_URL,
    dataDir: env.DATA_DIR ?? './data',
    strategiesDir: env.STRATEGIES_DIR ?? join(env.DATA_DIR ?? './data', 'strategies'),
    strategyTimeBudgetMs: env.STRATEGY_TIME_BUDGET_MS ?? 1000,
    jwtSecret: env.JWT_SECRET,
    jwtExpiresIn: env.JWT_EXPIRES_IN ?? '12h',
    credentialsKey: env.CREDENTIALS_KEY,
    adminEmail: env.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD,
    binanceBaseUrl: env.BINANCE_BASE_URL ?? 'https://api.binance.com',
    binanceTestnetBaseUrl: env.BINANCE_TESTNET_BASE_URL ?? 'https://testnet.binance.vision',
    binanceTimeoutMs: env.BINANCE_TIMEOUT_MS ?? 10_000,
    cronEnabled: env.CRON_ENABLED ?? true,
    logLevel: env.LOG_LEVEL ?? 'log',
    logFormat: env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    loginThrottleWindowMs: env.LOGIN_THROTTLE_WINDOW_MS ?? 60_000,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    jobConcurrency: env.JOB_CONCURRENCY ?? 4,
    queuePrefix: env.QUEUE_PREFIX ?? 'tradebot',
    orderGraceMs: env.ORDER_GRACE_MS ?? 30_000,
    backtestConcurrency:
      env.BACKTEST_CONCURRENCY ?? Math.max(1, Math.floor(availableParallelism() / 2)),
    backtestQueue: env.BACKTEST_QUEUE ?? 4,
    backtestsPerUser: env.BACKTESTS_PER_USER ?? 2,
    rangedBacktestsPerMinute: env.RANGED_BACKTESTS_PER_MINUTE ?? 10,
    candleRequestsPerMinute: env.CANDLE_REQUESTS_PER_MINUTE ?? 60,
    notificationTestsPerMinute: env.NOTIFICATION_TESTS_PER_MINUTE ?? 5,
    signalsPerIpPerMinute: env.SIGNALS_PER_IP_PER_MINUTE ?? 600,
    signalsPerBotPerMinute: env.SIGNALS_PER_BOT_PER_MINUTE ?? 30,
    binanceWeightBudget: weightBudget,
    binanceTradingReserve: env.BINANCE_TRADING_RESERVE ?? Math.floor(weightBudget / 2),
    smtpUrl: env.SMTP_URL,
    smtpFrom: env.SMTP_FROM ?? 'tradebot <tradebot@localhost>',
    notificationRetryBaseMs: env.NOTIFICATION_RETRY_BASE_MS ?? 30_000,
    notificationConcurrency: env.NOTIFICATION_CONCURRENCY ?? 16,
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE ?? false,
    webhookAllowHosts: splitList(env.WEBHOOK_ALLOW_HOSTS),
    transactionGuard: env.NODE_ENV !== 'production',
    metricsToken: env.METRICS_TOKEN,
    metricsPort: env.METRICS_PORT,
    metricsHost: env.METRICS_HOST ?? '127.0.0.1',
  });
}
