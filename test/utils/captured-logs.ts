import type { LoggerService } from '@nestjs/common';
import { inspect } from 'node:util';

/**
 * Collects what an app logs, at every level, plus anything written straight to stdout or
 * stderr (TypeORM's logger, stray console calls) while it is started: for asserting
 * that secrets never reach a log line.
 */
export class CapturedLogs implements LoggerService {
  private readonly lines: string[] = [];
  private readonly originalWrites = {
    stdout: process.stdout.write,
    stderr: process.stderr.write,
  };

  log(message: unknown, ...params: unknown[]): void {
    this.record('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.record('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.record('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.record('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.record('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.record('fatal', message, params);
  }

  /** Also records (and passes on) raw writes to stdout and stderr until restore(). */
  captureStreams(): this {
    for (const name of ['stdout', 'stderr'] as const) {
      const original = this.originalWrites[name];
      const stream = process[name];
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        this.lines.push(`[${name}] ${String(chunk)}`);
        return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      }) as typeof stream.write;
    }
    return this;
  }

  restore(): void {
    process.stdout.write = this.originalWrites.stdout;
    process.stderr.write = this.originalWrites.stderr;
  }

  text(): string {
    return this.lines.join('\n');
  }

  /** Lines at a level whose message matches. */
  matching(level: string, pattern: RegExp): string[] {
    return this.lines.filter((line) => line.startsWith(`[${level}]`) && pattern.test(line));
  }

  private record(level: string, message: unknown, params: unknown[]): void {
    const parts = [message, ...params].map((part) =>
      typeof part === 'string' ? part : inspect(part, { depth: 5 }),
    );
    this.lines.push(`[${level}] ${parts.join(' ')}`);
  }
}
