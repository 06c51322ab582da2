/** Beat lookups on the Timeline's sorted beat frames: what makes effects pulse without state. */

/** Index of the last beat at or before frame n, or -1. Binary search: O(log beats) per frame. */
export function lastBeatIndex(beats: readonly number[], n: number): number {
  let lo = 0;
  let hi = beats.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (beats[mid] <= n) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Up to `count` beat frames at or before n, newest first. */
export function beatsBefore(beats: readonly number[], n: number, count: number): number[] {
  const last = lastBeatIndex(beats, n);
  const out: number[] = [];
  for (let i = last; i >= 0 && out.length < count; i--) out.push(beats[i]);
  return out;
}

/** 1 on a beat, decaying with time constant `decayFrames`: drives punch-ins and glows. */
export function beatPulse(beats: readonly number[], n: number, decayFrames: number): number {
  const last = lastBeatIndex(beats, n);
  return last < 0 ? 0 : Math.exp(-(n - beats[last]) / decayFrames);
}
