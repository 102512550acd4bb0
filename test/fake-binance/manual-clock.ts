/** A clock tests move by hand, for FakeBinanceOptions.now. */
export class ManualClock {
  constructor(private time = Date.now()) {}

  readonly now = (): number => this.time;

  set(time: number): void {
    this.time = time;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
