/** Exit codes of tradebotctl: scripts branch on them. */
export const ExitCode = {
  Ok: 0,
  /** A check failed (verify, a refused package) or a request did (the API said no). */
  Failed: 1,
  /** The command line itself is wrong. */
  Usage: 2,
} as const;

/**
 * A failure to report in a few lines and exit with, never with a stack trace: the message
 * first, then one line per detail (a field error, a file that does not match).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
    readonly exitCode: number = ExitCode.Failed,
  ) {
    super(message);
  }
}

/** Wrong usage that commander cannot see (a malformed `k=v`, no terminal to ask on). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, [], ExitCode.Usage);
  }
}
