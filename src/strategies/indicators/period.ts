/** Rejects a period the indicator maths would silently turn into NaN or garbage. */
export function assertPeriod(name: string, period: number): void {
  if (!Number.isInteger(period) || period < 1) {
    throw new RangeError(`${name} period must be an integer >= 1, got ${period}`);
  }
}
