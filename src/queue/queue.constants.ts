import type { JobOptions } from 'bull';

export enum QueueName {
  BotJobs = 'bot-jobs',
  /** Email and webhook deliveries: their own queue, so a backlog never delays a tick. */
  Notifications = 'notifications',
  /** Chunks of an optimization's points: any process with backtest threads runs them. */
  Optimizations = 'optimizations',
}

/** Custom backoff strategies, registered by name with the queue that uses them. */
export enum BackoffStrategyName {
  NotificationRetry = 'notification-retry',
}

export enum JobName {
  /** Run one bot's tick for one candle slot. */
  Tick = 'tick',
  /**
   * Tick every ticking bot of one symbol and interval for one slot: the scheduler's job, so
   * the queue's cost and the bots' configs are paid once per group, not once per bot.
   */
  TickGroup = 'tick-group',
  /** Send an already committed order intent (the manual close on stop). */
  ExecuteOrder = 'execute-order',
  /** Zero daily counters and resume bots paused by a daily limit. */
  DailyReset = 'daily-reset',
  /** Send one event to one notification channel (one attempt per run). */
  DeliverNotification = 'deliver-notification',
  /** Run a chunk of an optimization's points on one window and store their scores. */
  OptimizationChunk = 'optimization-chunk',
}

/** Any job's: the correlation id of the request that queued it, on every line the job logs. */
export interface TracedJobData {
  correlationId?: string;
}

export interface TickJobData extends TracedJobData {
  botId: string;
  /** Candle slot (the close boundary, ms since epoch). */
  slot: number;
  /** Queued by POST /api/signals: runs on the newest closed candle, even one already ticked. */
  viaSignal?: true;
}

export interface TickGroupJobData extends TracedJobData {
  symbol: string;
  interval: string;
  /** Candle slot (the close boundary, ms since epoch). */
  slot: number;
}

export interface ExecuteOrderJobData extends TracedJobData {
  botId: string;
  orderId: string;
}

export interface DailyResetJobData extends TracedJobData {
  /** The UTC day that starts, YYYY-MM-DD. */
  day: string;
}

export interface DeliverNotificationJobData extends TracedJobData {
  eventId: string;
  channelId: string;
}

export interface OptimizationChunkJobData extends TracedJobData {
  runId: string;
  /** "search", or a walk-forward fold's "train:N" / "test:N". */
  stage: string;
  /** The stage's seq of the first point; the others follow in order. */
  firstSeq: number;
  /** Candle indexes of the window, `to` exclusive. */
  window: { from: number; to: number };
  points: Record<string, number | string | boolean>[];
  /** How the points are scored (objective.ts). */
  objective: {
    objective: string;
    constraints: { minTrades?: number; maxDrawdownPct?: string };
  };
  /** Walk-forward test points: keep each point's equity curve. */
  withEquity?: true;
}

export type JobData = {
  [JobName.Tick]: TickJobData;
  [JobName.TickGroup]: TickGroupJobData;
  [JobName.ExecuteOrder]: ExecuteOrderJobData;
  [JobName.DailyReset]: DailyResetJobData;
  [JobName.DeliverNotification]: DeliverNotificationJobData;
  [JobName.OptimizationChunk]: OptimizationChunkJobData;
};

/**
 * Completed jobs are kept an hour so that re-adding the same job id (a second scheduler,
 * a duplicate request) is a no-op; the runner's slot check covers anything older.
 */
const KEEP = { removeOnComplete: { age: 3600 }, removeOnFail: { age: 7 * 24 * 3600 } };

export const JOB_OPTIONS: Record<JobName, JobOptions> = {
  // A tick is idempotent (row lock + slot check), so a failed one can simply run again.
  [JobName.Tick]: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, ...KEEP },
  // Its bots are ticked each on its own; only a failure to read the group retries it.
  [JobName.TickGroup]: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, ...KEEP },
  [JobName.ExecuteOrder]: { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, ...KEEP },
  [JobName.DailyReset]: { attempts: 5, backoff: { type: 'exponential', delay: 5000 }, ...KEEP },
  // About an hour of retries with jitter; the delays come from the named strategy.
  [JobName.DeliverNotification]: {
    attempts: 8,
    backoff: { type: BackoffStrategyName.NotificationRetry },
    ...KEEP,
  },
  // A chunk stores its points once (their key), so a retry after a crash only fills the gap.
  [JobName.OptimizationChunk]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: true,
    removeOnFail: { age: 24 * 3600 },
  },
};

/** Deterministic ids: the same work enqueued twice is one job. */
export const jobId = {
  tick: (data: TickJobData) => `tick:${data.botId}:${data.slot}`,
  tickGroup: (data: TickGroupJobData) => `tick-group:${data.interval}:${data.symbol}:${data.slot}`,
  executeOrder: (data: ExecuteOrderJobData) => `execute-order:${data.orderId}`,
  dailyReset: (data: DailyResetJobData) => `daily-reset:${data.day}`,
  deliverNotification: (data: DeliverNotificationJobData) =>
    `deliver-notification:${data.eventId}:${data.channelId}`,
  optimizationChunk: (data: OptimizationChunkJobData) =>
    `optimization-chunk:${data.runId}:${data.stage}:${data.firstSeq}`,
};
