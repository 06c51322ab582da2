/**
 * Dynamic-programming beat tracker (Ellis, "Beat Tracking by Dynamic Programming", JNMR 2007):
 * the beat sequence maximises onset strength at the beats minus a penalty on log deviations of
 * each inter-beat interval from the tempo period. It follows moderate tempo drift by itself.
 */
import type { Envelope } from "./onset-strength.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { median } from "./statistics.ts";

export const BEAT_TRACKER_PARAMETERS = defineParameters({
  tightness: { unit: "", min: 1, max: 10000, default: 100, description: "weight of the tempo-consistency penalty (librosa's default; Ellis used 400 on hop-4 ms envelopes)" },
  trimRatio: { unit: "", min: 0, max: 2, default: 0.5, description: "leading/trailing beats weaker than this × RMS of the beat strengths are dropped (free intros, fade-outs)" },
});
export type BeatTrackerParameters = ParameterValues<typeof BEAT_TRACKER_PARAMETERS>;

/** Beat times in seconds, ascending. Empty when the period is 0 or the envelope is flat. */
export function trackBeats(
  onset: Envelope,
  periodFrames: number,
  overrides: Partial<BeatTrackerParameters> = {},
): number[] {
  const p = resolveParameters("beatTracker", BEAT_TRACKER_PARAMETERS, overrides);
  const { values: onsetEnvelope, frameRate } = onset;
  const offset = onset.timeOffset ?? 0;
  const n = onsetEnvelope.length;
  if (!(periodFrames >= 2) || n < 2) return [];
  let mean = 0;
  for (let i = 0; i < n; i++) mean += onsetEnvelope[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (onsetEnvelope[i] - mean) ** 2;
  const std = Math.sqrt(variance / Math.max(1, n - 1));
  if (!(std > 1e-9)) return [];

  // Local score: the normalised envelope smoothed by a Gaussian of σ = period/20 (as in librosa).
  const radius = Math.round(periodFrames);
  const kernel = new Float64Array(2 * radius + 1);
  for (let i = -radius; i <= radius; i++) kernel[i + radius] = Math.exp(-0.5 * ((20 * i) / periodFrames) ** 2);
  const local = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let acc = 0;
    const a = Math.max(0, t - radius);
    const b = Math.min(n - 1, t + radius);
    for (let s = a; s <= b; s++) acc += kernel[s - t + radius] * onsetEnvelope[s];
    local[t] = acc / std;
  }

  const lo = Math.max(1, Math.round(periodFrames / 2));
  const hi = Math.round(2 * periodFrames);
  const penalty = new Float64Array(hi + 1);
  for (let d = lo; d <= hi; d++) penalty[d] = -p.tightness * Math.log(d / periodFrames) ** 2;
  const cumulative = new Float64Array(n);
  const backlink = new Int32Array(n).fill(-1);
  let maxLocal = 0;
  for (let t = 0; t < n; t++) maxLocal = Math.max(maxLocal, local[t]);
  for (let t = 0; t < n; t++) {
    let best = -Infinity;
    let arg = -1;
    for (let d = lo; d <= hi && t - d >= 0; d++) {
      const s = cumulative[t - d] + penalty[d];
      if (s > best) {
        best = s;
        arg = t - d;
      }
    }
    // Ellis: a chain starts afresh where continuing one would not help.
    if (arg < 0 || best < 0.01 * maxLocal) {
      cumulative[t] = local[t];
    } else {
      cumulative[t] = local[t] + best;
      backlink[t] = arg;
    }
  }

  // Last beat: the last local maximum of the cumulative score that reaches half the median maximum.
  const maxima: number[] = [];
  for (let t = 1; t < n - 1; t++) if (cumulative[t] > cumulative[t - 1] && cumulative[t] >= cumulative[t + 1]) maxima.push(t);
  if (maxima.length === 0) return [];
  const medianMaximum = median(maxima.map((t) => cumulative[t]));
  let last = maxima[maxima.length - 1];
  for (let i = maxima.length - 1; i >= 0; i--) {
    if (cumulative[maxima[i]] >= 0.5 * medianMaximum) {
      last = maxima[i];
      break;
    }
  }
  const frames: number[] = [];
  for (let t = last; t >= 0; t = backlink[t]) frames.push(t);
  frames.reverse();

  // Trim weak beats at both ends (silence before the music starts or after it stops; the DP
  // keeps extrapolating a chain into them). Strength is the local score at the beat itself.
  const strength = frames.map((t) => local[t]);
  const rms = Math.sqrt(strength.reduce((a, v) => a + v * v, 0) / Math.max(1, strength.length));
  const threshold = p.trimRatio * rms;
  let first = 0;
  let end = frames.length;
  while (first < end && strength[first] < threshold) first++;
  while (end > first && strength[end - 1] < threshold) end--;
  return frames.slice(first, end).map((t) => Math.max(0, t / frameRate + offset));
}
