/**
 * Downbeats for a bar of `beatsPerBar` beats: the bar phase whose beats carry the most evidence of
 * a bar start — bass onsets (kick drums, bass notes) and harmonic change (chords change on the
 * bar), the two cues rule-based downbeat trackers rely on (Goto 2001; Davies & Plumbley 2006).
 */
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";

export const DOWNBEAT_TRACKER_PARAMETERS = defineParameters({
  beatsPerBar: { unit: "beats", min: 2, max: 12, default: 4, integer: true, description: "bar length (4/4 assumed)" },
  windowSeconds: { unit: "s", min: 0, max: 0.2, default: 0.05, description: "± window around a beat in which evidence is taken (its maximum)" },
  harmonicWeight: { unit: "", min: 0, max: 10, default: 1, description: "weight of harmonic change relative to bass onsets" },
});
export type DownbeatTrackerParameters = ParameterValues<typeof DOWNBEAT_TRACKER_PARAMETERS>;

export interface DownbeatEvidence {
  readonly frameRate: number;
  /** bass onset strength per frame */
  readonly bass: ArrayLike<number>;
  /** harmonic (chroma) change per frame, optional */
  readonly harmonicChange?: { readonly frameRate: number; readonly values: ArrayLike<number> };
}

export interface Downbeats {
  readonly downbeats: number[];
  /** index into beats of the first downbeat */
  readonly phase: number;
  readonly beatsPerBar: number;
  /** 0 = no phase stood out (e.g. identical clicks), 1 = one phase carries all the evidence */
  readonly confidence: number;
}

function peakAround(values: ArrayLike<number>, rate: number, t: number, window: number): number {
  const a = Math.max(0, Math.round((t - window) * rate));
  const b = Math.min(values.length - 1, Math.round((t + window) * rate));
  let m = 0;
  for (let i = a; i <= b; i++) if (values[i] > m) m = values[i];
  return m;
}

function normalised(xs: number[]): number[] {
  const mean = xs.reduce((a, v) => a + v, 0) / Math.max(1, xs.length);
  const sd = Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, xs.length));
  return xs.map((v) => (sd > 1e-9 ? (v - mean) / sd : 0));
}

export function trackDownbeats(beats: readonly number[], evidence: DownbeatEvidence, overrides: Partial<DownbeatTrackerParameters> = {}): Downbeats {
  const p = resolveParameters("downbeatTracker", DOWNBEAT_TRACKER_PARAMETERS, overrides);
  const bpb = p.beatsPerBar;
  if (beats.length === 0) return { downbeats: [], phase: 0, beatsPerBar: bpb, confidence: 0 };
  const bass = normalised(beats.map((t) => peakAround(evidence.bass, evidence.frameRate, t, p.windowSeconds)));
  const hc = evidence.harmonicChange;
  const harmonic = hc ? normalised(beats.map((t) => peakAround(hc.values, hc.frameRate, t, p.windowSeconds))) : beats.map(() => 0);
  const score = new Float64Array(bpb);
  const count = new Float64Array(bpb);
  beats.forEach((_, i) => {
    score[i % bpb] += bass[i] + p.harmonicWeight * harmonic[i];
    count[i % bpb] += 1;
  });
  let phase = 0;
  for (let k = 0; k < bpb; k++) {
    score[k] /= Math.max(1, count[k]);
    if (score[k] > score[phase] + 1e-9) phase = k;
  }
  const others = [...score].filter((_, k) => k !== phase);
  const runnerUp = others.length ? Math.max(...others) : 0;
  // The per-beat evidence is z-scored, so a margin of 1 standard deviation is a clear bar start.
  const confidence = Math.max(0, Math.min(1, score[phase] - runnerUp));
  const downbeats = beats.filter((_, i) => i % bpb === phase);
  return { downbeats, phase, beatsPerBar: bpb, confidence };
}
