/** Injection token for the array of every registered `Strategy`. */
export const STRATEGIES = Symbol('STRATEGIES');
