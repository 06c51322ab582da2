/**
 * Global tempo from the autocorrelation of the onset envelope, weighted by a broad log-normal
 * prior (Ellis 2007 uses one centred at 120 BPM), with an octave guard: when the periodicity at
 * twice the tempo is as strong as at the chosen tempo, every beat of the faster pulse is real, so
 * the faster one is the beat (a 174 BPM click track must not come out as 87).
 */
import { autocorrelate } from "./autocorrelation.ts";
import type { Envelope } from "./onset-strength.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";

export const TEMPO_PARAMETERS = defineParameters({
  minBpm: { unit: "BPM", min: 20, max: 120, default: 50, description: "slowest tempo considered" },
  maxBpm: { unit: "BPM", min: 120, max: 400, default: 240, description: "fastest tempo considered" },
  priorBpm: { unit: "BPM", min: 40, max: 240, default: 120, description: "centre of the log-normal tempo prior (Ellis 2007; Moelants & McKinney: preferred tempo ≈ 120)" },
  priorOctaves: { unit: "octaves", min: 0.1, max: 10, default: 0.7, description: "standard deviation of the prior; 0.7 makes a drum loop whose bar repeats more clearly than its beat come out at 120, not 60 (corpus loop_garzul)" },
  doubleRatio: { unit: "", min: 0, max: 1.5, default: 0.9, description: "octave guard: take the double tempo when its periodicity is at least this fraction of the chosen one's" },
  maxDoubledBpm: { unit: "BPM", min: 100, max: 400, default: 200, description: "the octave guard never doubles above this tempo" },
  octaveWeight: { unit: "", min: 0, max: 1, default: 0.5, description: "weight of the periodicity at twice and half a period in its score" },
  detrendSeconds: { unit: "s", min: 0.1, max: 10, default: 1, description: "moving-average window removed from the envelope first (level changes are not periodicity)" },
});
export type TempoParameters = ParameterValues<typeof TEMPO_PARAMETERS>;

export interface TempoEstimate {
  /** 0 when no periodicity was found (silence, very short input) */
  readonly bpm: number;
  readonly confidence: number;
  /** beat period in envelope frames (fractional); 0 when bpm is 0 */
  readonly periodFrames: number;
}

/** Centred moving average of length ≈ window (odd), by a running sum. */
export function movingAverage(x: ArrayLike<number>, window: number): Float64Array {
  const n = x.length;
  const half = Math.max(0, Math.floor(window / 2));
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + x[i];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(n, i + half + 1);
    out[i] = (prefix[b] - prefix[a]) / (b - a);
  }
  return out;
}

/** Position and height of the parabola through (i−1, i, i+1). */
function parabolicPeak(y: ArrayLike<number>, i: number): { x: number; y: number } {
  if (i <= 0 || i >= y.length - 1) return { x: i, y: y[i] };
  const a = y[i - 1];
  const b = y[i];
  const c = y[i + 1];
  const d = a - 2 * b + c;
  if (d >= 0) return { x: i, y: b };
  const off = Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / d));
  return { x: i + off, y: b - 0.25 * (a - c) * off };
}

export function estimateTempo(onset: Envelope, overrides: Partial<TempoParameters> = {}): TempoEstimate {
  const p = resolveParameters("tempo", TEMPO_PARAMETERS, overrides);
  const none: TempoEstimate = { bpm: 0, confidence: 0, periodFrames: 0 };
  const { values: onsetEnvelope, frameRate } = onset;
  const n = onsetEnvelope.length;
  const minLag = Math.max(2, Math.floor((60 * frameRate) / p.maxBpm));
  // Need at least two periods of the slowest tempo we test.
  const maxLag = Math.min(Math.ceil((60 * frameRate) / p.minBpm), Math.floor(n / 2));
  if (maxLag <= minLag + 2) return none;
  const trend = movingAverage(onsetEnvelope, Math.round(p.detrendSeconds * frameRate));
  // Detrend, then smooth over ±1 frame: a period that falls between two lags then still gives one
  // clear peak, instead of two half-height ones that lose to an octave.
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = onsetEnvelope[Math.max(0, i - 1)] - trend[Math.max(0, i - 1)];
    const b = onsetEnvelope[i] - trend[i];
    const c = onsetEnvelope[Math.min(n - 1, i + 1)] - trend[Math.min(n - 1, i + 1)];
    x[i] = 0.25 * a + 0.5 * b + 0.25 * c;
  }
  const acf = autocorrelate(x, 2 * maxLag + 2);
  if (!(acf[0] > 1e-12)) return none;
  for (let l = acf.length - 1; l >= 0; l--) acf[l] /= acf[0];
  const at = (lag: number) => {
    if (lag < 0 || lag > acf.length - 1) return 0;
    const i = Math.floor(lag);
    const f = lag - i;
    return Math.max(0, i + 1 < acf.length ? acf[i] * (1 - f) + acf[i + 1] * f : acf[i]);
  };

  const bpmOf = (lag: number) => (60 * frameRate) / lag;
  const prior = (lag: number) => Math.exp(-0.5 * (Math.log2(bpmOf(lag) / p.priorBpm) / p.priorOctaves) ** 2);
  // Metrical support of a period: its own periodicity plus half-weighted periodicity at twice and
  // half the period (the bar-level and tatum-level pulses that a syncopated drum loop shows more
  // clearly than the beat itself; cf. Percival & Tzanetakis 2014, "enhanced autocorrelation").
  const support = (lag: number) => at(lag) + p.octaveWeight * (at(2 * lag) + at(lag / 2));
  let best = -1;
  let bestScore = -Infinity;
  for (let l = minLag; l <= maxLag; l++) {
    const isPeak = acf[l] >= acf[l - 1] && acf[l] >= acf[l + 1];
    if (!isPeak || acf[l] <= 0) continue;
    const score = support(l) * prior(l);
    if (score > bestScore) {
      bestScore = score;
      best = l;
    }
  }
  if (best < 0) return none;
  let peak = parabolicPeak(acf, best);

  // Octave guard.
  const halfLag = peak.x / 2;
  if (bpmOf(halfLag) <= p.maxDoubledBpm && halfLag >= 2) {
    let j = Math.round(halfLag);
    for (const k of [j - 1, j + 1]) if (k >= 1 && k < acf.length - 1 && acf[k] > acf[j]) j = k;
    const half = parabolicPeak(acf, j);
    if (half.y >= p.doubleRatio * peak.y) peak = half;
  }

  // Confidence: how far the chosen period's support stands above the typical support in range
  // (1 for a perfectly periodic click track, near 0 for noise).
  let mean = 0;
  for (let l = minLag; l <= maxLag; l++) mean += support(l);
  mean /= maxLag - minLag + 1;
  const top = 1 + 2 * p.octaveWeight;
  const confidence = Math.max(0, Math.min(1, (support(peak.x) - mean) / Math.max(1e-9, top - mean)));
  return { bpm: bpmOf(peak.x), confidence, periodFrames: peak.x };
}

/**
 * BPM from tracked beats: the least-squares slope of beat time against beat number (skipped beats
 * counted by rounding each interval to whole periods). More precise than the autocorrelation lag,
 * which is quantised to envelope frames (±1.7 % at 174 BPM and 100 frames/s).
 */
export function tempoFromBeats(beats: readonly number[], approximateBpm: number): number {
  if (beats.length < 4 || !(approximateBpm > 0)) return approximateBpm;
  const period = 60 / approximateBpm;
  const index: number[] = [0];
  for (let i = 1; i < beats.length; i++) index.push(index[i - 1] + Math.max(1, Math.round((beats[i] - beats[i - 1]) / period)));
  const n = beats.length;
  const mx = index.reduce((a, v) => a + v, 0) / n;
  const my = beats.reduce((a, v) => a + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (index[i] - mx) * (beats[i] - my);
    sxx += (index[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  // Keep the autocorrelation estimate when the fit disagrees wildly (tempo changes mid-song).
  if (!(slope > 0) || Math.abs(Math.log2(slope / period)) > 0.1) return approximateBpm;
  return 60 / slope;
}
