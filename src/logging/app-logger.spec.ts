import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { pino } from 'pino';
import {
  createAppLogs,
  httpLogLevel,
  pinoOptions,
  REDACTED,
  redactPaths,
  withoutError,
} from './app-logger';
import { withLogFields } from './log-context';

/** The lines written, each parsed (a line that is not JSON fails the test here). */
class Lines extends Writable {
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.raw.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }

  parsed(): Record<string, unknown>[] {
    return this.raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

describe('the production logger', () => {
  it("writes Nest's log calls as JSON lines with time, level, message, context and the ids in effect", () => {
    const lines = new Lines();
    // nestjs-pino keeps one root logger per process: this spec makes its one adapter here.
    const logs = createAppLogs({ logFormat: 'json', logLevel: 'debug' }, lines);
    const logger = new Logger('BotRunnerService');
    Logger.overrideLogger(logs.service);
    try {
      withLogFields({ correlationId: 'req-1', botId: 'bot-1' }, () => {
        logger.log('bot started');
        withLogFields({ orderId: 'order-1' }, () => logger.warn('order rejected'));
      });
      logger.debug('no ids here');
      logger.verbose('below debug');
    } finally {
      Logger.overrideLogger(false);
    }

    const [started, rejected, plain, ...rest] = lines.parsed();
    expect(rest).toEqual([]);
    expect(started).toMatchObject({
      level: 'info',
      message: 'bot started',
      context: 'BotRunnerService',
      correlationId: 'req-1',
      botId: 'bot-1',
    });
    expect(new Date(started.time as string).toISOString()).toBe(started.time);
    expect(rejected).toMatchObject({ level: 'warn', botId: 'bot-1', orderId: 'order-1' });
    expect(plain).toMatchObject({ level: 'debug', message: 'no ids here' });
    expect(plain).not.toHaveProperty('correlationId');
  });

  it('redacts secrets by key at any depth it logs, values and all', () => {
    const lines = new Lines();
    const logger = pino(pinoOptions({ logFormat: 'json', logLevel: 'log' }), lines);
    logger.info(
      {
        password: 'pw-top',
        body: { apiKey: 'key-1', apiSecret: 'secret-1', currentPassword: 'cp', newPassword: 'np' },
        req: { headers: { authorization: 'Bearer jwt', cookie: 'session=1' } },
        res: { headers: { 'set-cookie': 'session=2' } },
        channel: { secret: 'whsec', url: 'https://example.test/hook' },
        err: { query: 'INSERT …', parameters: ['$argon2id$hash'] },
        login: { accessToken: 'eyJ.jwt' },
      },
      'a line carrying secrets',
    );
    const text = lines.raw.join('\n');
    for (const secret of ['pw-top', 'key-1', 'secret-1', 'cp', 'np', 'Bearer jwt', 'session=']) {
      expect(text).not.toContain(secret);
    }
    for (const secret of ['whsec', '$argon2id$hash', 'eyJ.jwt']) expect(text).not.toContain(secret);
    const [line] = lines.parsed();
    expect(line).toMatchObject({
      password: REDACTED,
      body: { apiKey: REDACTED, apiSecret: REDACTED },
      req: { headers: { authorization: REDACTED, cookie: REDACTED } },
      res: { headers: { 'set-cookie': REDACTED } },
      channel: { secret: REDACTED, url: 'https://example.test/hook' },
    });
  });

  it('shows LOG_LEVEL and the levels above it, as Nest did', () => {
    const shown = (logLevel: string) => {
      const lines = new Lines();
      const logger = pino(pinoOptions({ logFormat: 'json', logLevel }), lines);
      for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const) {
        logger[level](level);
      }
      return lines.parsed().map((line) => line.message);
    };
    expect(shown('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(shown('log')).toEqual(['fatal', 'error', 'warn', 'info']);
    expect(shown('verbose')).toEqual(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
  });

  it('writes a redaction path per depth, bracketing keys that are not identifiers', () => {
    expect(redactPaths(['apiKey', 'set-cookie'], 3)).toEqual([
      'apiKey',
      '*.apiKey',
      '*.*.apiKey',
      '["set-cookie"]',
      '*["set-cookie"]',
      '*.*["set-cookie"]',
    ]);
  });
});

describe('the request log line', () => {
  it('warns of a 503, an outage the answer explains, and of any 4xx; other 5xx are errors', () => {
    expect(httpLogLevel('/api/backtests', 503)).toBe('warn');
    expect(httpLogLevel('/api/backtests', 500)).toBe('error');
    expect(httpLogLevel('/api/backtests', 503, new Error('socket hang up'))).toBe('error');
    expect(httpLogLevel('/api/bots', 404)).toBe('warn');
    expect(httpLogLevel('/api/bots', 200)).toBe('info');
    expect(httpLogLevel('/health', 200)).toBe('debug');
  });

  it('drops the Error pino-http makes up, stack and all, keeping the rest', () => {
    const fields = { err: new Error('failed with status code 503'), res: { statusCode: 503 } };
    expect(withoutError(fields)).toEqual({ res: { statusCode: 503 } });
  });
});
