import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids a log line carries where they apply (docs/operations.md, Logs). */
export interface LogFields {
  /** The HTTP request's, and that of every job it queued. */
  correlationId?: string;
  jobId?: string;
  botId?: string;
  orderId?: string;
}

/**
 * Fields of the work under way, read by the pino logger's mixin on every line, so that
 * code logs plain messages (the same under Nest's console logger in tests) and the ids
 * ride along. Also where a queued job finds the correlation id of the request queuing it.
 */
const fields = new AsyncLocalStorage<Readonly<LogFields>>();

export function currentLogFields(): Readonly<LogFields> {
  return fields.getStore() ?? {};
}

/** Runs `work` with these fields added to those already in effect. */
export function withLogFields<T>(added: LogFields, work: () => T): T {
  return fields.run({ ...fields.getStore(), ...definedOnly(added) }, work);
}

/** Runs `work` with these fields alone: a job carries nothing of the code that ran before it. */
export function inLogScope<T>(scope: LogFields, work: () => T): T {
  return fields.run(definedOnly(scope), work);
}

function definedOnly(candidate: LogFields): LogFields {
  return Object.fromEntries(
    Object.entries(candidate).filter(([, value]) => value !== undefined),
  ) as LogFields;
}
