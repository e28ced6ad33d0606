/** Time sources of the simulator. Tests inject a ManualClock and move it with `advance`. */

export interface SimClock {
  now(): number;
  /** Moves simulated time forward. */
  advance(ms: number): void;
}

/** Time that only moves when told to. */
export class ManualClock implements SimClock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    assertAdvance(ms);
    this.current += ms;
  }
}

/** Wall-clock time, plus whatever `advance` added. */
export class SystemClock implements SimClock {
  private offset = 0;

  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.source() + this.offset;
  }

  advance(ms: number): void {
    assertAdvance(ms);
    this.offset += ms;
  }
}

function assertAdvance(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Cannot advance the clock by ${ms} ms`);
  }
}
