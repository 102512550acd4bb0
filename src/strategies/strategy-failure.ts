/** A strategy's own code failed: the tick or backtest that ran it fails, nothing else. */
export class StrategyFailure extends Error {
  constructor(key: string, reason: string) {
    super(`strategy ${key}: ${reason}`);
    this.name = new.target.name;
  }
}

/** It broke its contract: threw, or returned something that is not a signal. */
export class StrategyRuntimeError extends StrategyFailure {}

/** It ran past its time budget and was cut off. */
export class StrategyTimeoutError extends StrategyFailure {
  constructor(key: string, budgetMs: number) {
    super(key, `ran past its time budget of ${budgetMs} ms and was cut off`);
  }
}
