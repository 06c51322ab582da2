/** Turning a 0–1 frame curve into spans: hysteresis thresholds, gap filling, minimum length. */

export interface Span {
  start: number;
  end: number;
}

export interface HysteresisOptions {
  /** a span starts when the curve rises to this */
  readonly on: number;
  /** and continues while it stays at or above this */
  readonly off: number;
  /** gaps shorter than this between spans are filled [s] */
  readonly minGapSeconds: number;
  /** spans shorter than this (after gap filling) are dropped [s] */
  readonly minSpanSeconds: number;
}

/** Frame i covers [i/rate − ½/rate, i/rate + ½/rate), clipped to [0, duration]. */
export function curveToSpans(curve: ArrayLike<number>, rate: number, duration: number, o: HysteresisOptions): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let armed = false;
  for (let i = 0; i <= curve.length; i++) {
    const v = i < curve.length ? curve[i] : -Infinity;
    if (open < 0) {
      if (v >= o.off) {
        open = i;
        armed = v >= o.on;
      }
    } else {
      if (v >= o.on) armed = true;
      if (v < o.off) {
        if (armed) spans.push({ start: Math.max(0, (open - 0.5) / rate), end: Math.min(duration, (i - 0.5) / rate) });
        open = -1;
        armed = false;
      }
    }
  }
  return mergeSpans(spans, o.minGapSeconds).filter((s) => s.end - s.start >= o.minSpanSeconds);
}

/** Spans (sorted by start) with gaps shorter than `gap` [s] between them joined into one; new objects. */
export function mergeSpans(spans: ReadonlyArray<{ readonly start: number; readonly end: number }>, gap: number): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start - last.end < gap) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Centred moving average over `window` frames (odd). */
export function smoothCurve(x: ArrayLike<number>, window: number): Float32Array {
  const n = x.length;
  const half = Math.max(0, Math.floor(window / 2));
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + x[i];
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(n, i + half + 1);
    out[i] = (prefix[b] - prefix[a]) / (b - a);
  }
  return out;
}
