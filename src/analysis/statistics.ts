/**
 * Order statistics the analysis steps share: medians, percentiles and a running maximum. Each
 * keeps the exact selection rule its callers were tuned with, so the two percentiles differ on
 * purpose (one interpolates, one picks a rank).
 */

/**
 * The upper median: the middle value of an odd count, the higher of the two middle ones of an even
 * count (sorted[⌊n/2⌋]; no averaging, so the result is always one of the values). NaN for none.
 */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The `fraction` (0–1) quantile, linearly interpolated between the two nearest ranks over n − 1
 * gaps (numpy's default, `method="linear"`). NaN for none.
 */
export function percentile(values: ArrayLike<number>, fraction: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  const pos = Math.max(0, Math.min(sorted.length - 1, fraction * (sorted.length - 1)));
  const i = Math.floor(pos);
  return sorted[i] + (sorted[Math.min(sorted.length - 1, i + 1)] - sorted[i]) * (pos - i);
}

/**
 * The `fraction` (0–1) quantile without interpolation: the sorted value at rank ⌊fraction·n⌋
 * (clamped to the last), always one of the values. 0 for none.
 */
export function rankPercentile(values: ArrayLike<number>, fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/**
 * The maximum over [i − back, i + ahead] (clipped to the series) for every i. The direct loop, not
 * van Herk/Gil-Werman's O(n): the windows here are ≤ 40 values.
 */
export function runningMax(values: ArrayLike<number>, back: number, ahead: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let m = -Infinity;
    for (let j = Math.max(0, i - back), end = Math.min(values.length - 1, i + ahead); j <= end; j++) if (values[j] > m) m = values[j];
    out[i] = m;
  }
  return out;
}
