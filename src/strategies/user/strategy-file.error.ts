/**
 * A strategy file that cannot be used: the start stops with its one-line message (file and
 * reason), without a stack, as the operator must fix the file.
 */
export class StrategyFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`strategy file ${file}: ${reason}`);
    this.name = 'StrategyFileError';
  }
}
