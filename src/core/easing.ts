/** Easing curves on t in [0, 1]. Inputs outside the range are clamped. */

export type Easing = "linear" | "ease-in" | "ease-out" | "ease-in-out";

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

export const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

export function ease(kind: Easing, t: number): number {
  const x = clamp(t, 0, 1);
  switch (kind) {
    case "linear":
      return x;
    case "ease-in":
      return x * x * x;
    case "ease-out":
      return 1 - (1 - x) ** 3;
    case "ease-in-out":
      // Smootherstep: zero first and second derivative at both ends, so moves start and land softly.
      return x * x * x * (x * (6 * x - 15) + 10);
  }
}

/** 0 at or below a, 1 at or beyond b, the cubic x²(3 − 2x) between: a soft step with flat ends. */
export function smoothstep(x: number, a: number, b: number): number {
  const t = clamp((x - a) / (b - a), 0, 1);
  return t * t * (3 - 2 * t);
}
