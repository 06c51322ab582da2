/**
 * Seeded randomness. Nothing below the composition root calls Math.random: every random choice
 * comes from a seed, so the same inputs and seed give the same bytes.
 */

/** A 32-bit integer hash of the inputs (a splitmix/murmur-style finaliser): stateless noise. */
export function hash32(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    // Fold the number's integer and fractional parts so 1.5 and 1 hash differently.
    const whole = Math.floor(value);
    const part = Math.floor((value - whole) * 0x100000000);
    h = mix(h ^ (whole | 0));
    h = mix(h ^ (part | 0));
  }
  return h >>> 0;
}

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Uniform in [0, 1) from the inputs, with no state: `noise(seed, frame)` for per-frame effects. */
export function noise(...values: number[]): number {
  return hash32(...values) / 0x100000000;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A derived generator whose sequence does not depend on how much of this one was used. */
  fork(label: string): Random;
}

/** mulberry32: small, fast and good enough for planning choices. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(next() * items.length)];
    },
    fork: (label) => createRandom(hash32(seed, ...Array.from(label, (c) => c.charCodeAt(0)))),
  };
}
