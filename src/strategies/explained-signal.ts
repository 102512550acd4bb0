import type { SignalAction, StrategySignal } from './strategy.interface';

/**
 * An evaluator's one reused signal whose sentence is written only when read: a backtest reads
 * the action of millions of signals and formats none. A class getter, not an object literal's
 * (V8 keeps such an object in dictionary mode); `copySignal` copies the sentence as text.
 */
export class ExplainedSignal implements StrategySignal {
  action: SignalAction = 'none';
  readonly #explain: () => string;

  constructor(
    readonly indicators: Record<string, number>,
    explain: () => string,
  ) {
    this.#explain = explain;
  }

  get reason(): string {
    return this.#explain();
  }
}

/** A number for a sentence: two decimals, or six significant digits below 1 (small coins). */
export function shown(value: number): number {
  return Math.abs(value) >= 1 ? Math.round(value * 100) / 100 : Number(value.toPrecision(6));
}
