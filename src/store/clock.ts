/**
 * The clock the service reads, passed in at the composition root. Tests inject a manual clock to
 * step through the callback schedule (0, +3 min, +13 min) without waiting.
 */
export interface Clock {
  /** [ms] since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to: `advance(ms)`. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(start: number): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}
