/** What a tick did; Bull keeps it as the job's result, and tests and metrics read it. */
export type TickOutcome =
  | 'skipped_locked'
  | 'skipped_duplicate'
  | 'not_running'
  | 'order_in_flight'
  | 'held'
  | 'failed'
  | 'ordered'
  | 'order_unresolved'
  /** An entry that never reached the exchange, dropped once its candle had passed. */
  | 'order_dropped'
  /** The strategy's own code failed (a file's, threw or ran too long): shown, the bot runs on. */
  | 'strategy_failed';
