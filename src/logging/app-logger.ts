import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { Logger as PinoNestLogger, type Params, PinoLogger } from 'nestjs-pino';
import {
  type DestinationStream,
  type Level,
  type Logger as Pino,
  type LoggerOptions,
  pino,
  stdTimeFunctions,
} from 'pino';
import { type Options as HttpOptions, pinoHttp } from 'pino-http';
import { build as prettyStream } from 'pino-pretty';
import type { LogFormat } from '../config/app-config';
import { currentLogFields } from './log-context';

/**
 * Keys whose values never reach a log line, wherever they sit in what is logged: request
 * bodies and headers, credentials, webhook secrets, tokens, and the parameters TypeORM
 * attaches to a failed query (password hashes, ciphertexts). docs/operations.md, Logs.
 */
export const SECRET_KEYS = [
  'apiKey',
  'apiSecret',
  'password',
  'currentPassword',
  'newPassword',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'accessToken',
  'token',
  'parameters',
  'passphrase',
  'signalPassphrase',
];
/** Objects logged here are shallow (a request, an error); deeper ones are never logged. */
const REDACT_DEPTH = 4;
export const REDACTED = '[redacted]';

/** LOG_LEVEL names the most verbose level shown, in Nest's words (pino's differ for two). */
const PINO_LEVELS: Record<string, Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

export interface AppLogs {
  /** What Nest logs through: Logger.overrideLogger before the app, NestFactory's option after. */
  service: LoggerService;
  /**
   * A line per HTTP request once answered. main.ts mounts it before configureApp's body
   * parsers, so that a request they refuse is logged too; nestjs-pino's LoggerModule mounts
   * its own after them (and, on Nest 12, twice on /health, outside the /api prefix).
   */
  requests: RequestHandler;
}

export interface LogSettings {
  logFormat: LogFormat;
  logLevel: string;
}

/**
 * The production logger (main.ts, worker.ts; a test only when it asks): pino through
 * nestjs-pino's Nest logger and pino-http, one JSON object per line or pino-pretty's lines,
 * with the ids of the work under way (log-context.ts, not a request-bound child logger, so
 * that a job's lines are made the same way) and secrets redacted by key. `destination` is
 * stdout unless a test captures the lines.
 */
export function createAppLogs(settings: LogSettings, destination?: DestinationStream): AppLogs {
  const root = pino(pinoOptions(settings), destination ?? defaultDestination(settings.logFormat));
  const params: Params = { pinoHttp: { logger: root } };
  return {
    service: new PinoNestLogger(new PinoLogger(params), params),
    requests: pinoHttp(httpOptions(root)) as RequestHandler,
  };
}

export function pinoOptions(settings: LogSettings): LoggerOptions {
  return {
    level: PINO_LEVELS[settings.logLevel] ?? 'info',
    messageKey: 'message',
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // A copy: pino merges the line's own fields into what the mixin returns.
    mixin: () => ({ ...currentLogFields() }),
    redact: { paths: redactPaths(SECRET_KEYS, REDACT_DEPTH), censor: REDACTED },
  };
}

/** Each key at the top and under up to `depth - 1` levels of any objects. */
export function redactPaths(keys: string[], depth: number): string[] {
  return keys.flatMap((key) => {
    const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    return Array.from({ length: depth }, (_, level) => {
      if (level === 0) return segment;
      const prefix = Array.from({ length: level }, () => '*').join('.');
      return segment.startsWith('[') ? `${prefix}${segment}` : `${prefix}.${segment}`;
    });
  });
}

/**
 * One line per request once answered: API requests at info, the rest (health probes, the
 * dashboard's files, /docs) at debug, any 4xx and a 503 at warn, other 5xx at error. Only the method, the
 * path and the status are kept: no headers, no query string, no body, so nothing a client
 * sends can leak through them, whatever the redaction paths say.
 */
function httpOptions(logger: Pino): HttpOptions {
  // Read once answered: the correlation id is given after this middleware has run.
  const withCorrelation = (req: IncomingMessage, fields: object) => ({
    ...fields,
    correlationId: (req as IncomingMessage & { correlationId?: string }).correlationId,
  });
  return {
    logger,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) =>
      httpLogLevel(pathOf(req), res.statusCode, error),
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${pathOf(req)} ${res.statusCode} in ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
    customSuccessObject: (req, _res, fields) => withCorrelation(req, fields),
    customErrorObject: (req, res, _error, fields) =>
      withCorrelation(req, res.statusCode === UNAVAILABLE ? withoutError(fields) : fields),
  };
}

const UNAVAILABLE = 503;

/**
 * A 503 is an outage the answer already explains (the exchange unreachable, Redis down):
 * a warning, not an error of ours.
 */
export function httpLogLevel(
  path: string,
  status: number,
  error?: Error,
): 'error' | 'warn' | 'info' | 'debug' {
  if (error) return 'error';
  if (status === UNAVAILABLE) return 'warn';
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return path.startsWith('/api/') ? 'info' : 'debug';
}

/** pino-http makes up an Error, stack and all, for every 5xx it logs: a 503 needs none. */
export function withoutError(fields: object): object {
  const rest: Record<string, unknown> = { ...fields };
  delete rest.err;
  return rest;
}

function pathOf(req: { originalUrl?: string; url?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

function defaultDestination(format: LogFormat): DestinationStream {
  // Synchronous, so the last lines before an exit (a failed start, a signal) are written.
  if (format === 'json') return pino.destination({ dest: 1, sync: true });
  return prettyStream({
    sync: true,
    colorize: process.stdout.isTTY === true,
    messageKey: 'message',
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{message}',
    singleLine: true,
  });
}
