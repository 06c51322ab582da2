/**
 * Vocal activity per frame (0–1) and as spans. Evidence per frame: a steady periodic run (YIN
 * voicing, F0 continuity) that is loud enough, weighted by the vocal-emphasis score (harmonic,
 * centred energy in the formant band, see vocal-emphasis.ts); an aperiodic frame keeps a share
 * of its emphasis, because YIN on a whole band mix often loses a sung note under the chords.
 * Periodicity alone is not enough — guitars and bass are periodic too — and emphasis alone is
 * not either (a snare's residue in the band). The curve is then smoothed and thresholded with
 * hysteresis; short gaps between words are bridged.
 */
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { curveToSpans, smoothCurve, type Span } from "./segments.ts";

export const VOCAL_ACTIVITY_PARAMETERS = defineParameters({
  minHz: { unit: "Hz", min: 40, max: 300, default: 70, description: "voiced frames below this F0 are not a voice (kick drums, bass)" },
  minEnergy: { unit: "", min: 0, max: 1, default: 0.25, description: "frames quieter than this on the 0–1 energy curve are not vocal" },
  maxStepSemitones: { unit: "semitones", min: 0.1, max: 12, default: 3, description: "a voice glides: a voiced run breaks where F0 jumps more than this between frames (kick drums sweep ≈ 7 semitones in 20 ms)" },
  minRunSeconds: { unit: "s", min: 0, max: 1, default: 0.06, description: "voiced runs shorter than this are not a voice" },
  smoothSeconds: { unit: "s", min: 0, max: 2, default: 0.3, description: "moving-average window on the frame decisions" },
  on: { unit: "", min: 0, max: 1, default: 0.5, description: "hysteresis: a span starts at this smoothed score" },
  off: { unit: "", min: 0, max: 1, default: 0.3, description: "hysteresis: and lasts while the score stays above this" },
  minGapSeconds: { unit: "s", min: 0, max: 5, default: 0.6, description: "pauses shorter than this inside a phrase are bridged" },
  unvoicedEmphasis: { unit: "", min: 0, max: 1, default: 0.4, description: "share of the emphasis weight an aperiodic frame keeps: in a band mix YIN on the whole mix often misses a sung note under chords, while the emphasis (harmonic, centred formant energy) still sees it" },
  minSpanSeconds: { unit: "s", min: 0, max: 5, default: 0.3, description: "spans shorter than this are dropped" },
});
export type VocalActivityParameters = ParameterValues<typeof VOCAL_ACTIVITY_PARAMETERS>;

export interface VocalActivity {
  readonly frameRate: number;
  /** smoothed vocal score per frame, 0–1 */
  readonly activity: Float32Array;
  readonly segments: Span[];
  /** 1 where the frame lies in a periodic run long and steady enough to be a voice */
  readonly voicedRun: Uint8Array;
}

export interface VocalEvidence {
  readonly frameRate: number;
  /** F0 per frame [Hz, 0 = unvoiced] */
  readonly f0: ArrayLike<number>;
  /** 0–1 energy per frame at the same rate */
  readonly energy: ArrayLike<number>;
  /** optional 0–1 per-frame weight from a vocal-emphasis step (how much of the frame is voice) */
  readonly emphasis?: ArrayLike<number>;
}

export function detectVocalActivity(evidence: VocalEvidence, duration: number, overrides: Partial<VocalActivityParameters> = {}): VocalActivity {
  const p = resolveParameters("vocalActivity", VOCAL_ACTIVITY_PARAMETERS, overrides);
  const n = evidence.f0.length;
  const raw = new Float32Array(n);
  const voicedRun = new Uint8Array(n);
  const voiced = (i: number) => evidence.f0[i] >= p.minHz && (evidence.energy[i] ?? 0) >= p.minEnergy;
  const minRun = Math.max(1, Math.round(p.minRunSeconds * evidence.frameRate));
  const maxStep = p.maxStepSemitones / 12; // octaves
  for (let i = 0; i < n; ) {
    if (!voiced(i)) {
      if (evidence.emphasis && (evidence.energy[i] ?? 0) >= p.minEnergy) raw[i] = p.unvoicedEmphasis * evidence.emphasis[i];
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && voiced(j) && Math.abs(Math.log2(evidence.f0[j] / evidence.f0[j - 1])) <= maxStep) j++;
    if (j - i >= minRun) {
      for (let k = i; k < j; k++) {
        raw[k] = evidence.emphasis ? evidence.emphasis[k] : 1;
        voicedRun[k] = 1;
      }
    }
    i = j;
  }
  const activity = smoothCurve(raw, Math.max(1, Math.round(p.smoothSeconds * evidence.frameRate) | 1));
  const segments = curveToSpans(activity, evidence.frameRate, duration, {
    on: p.on,
    off: p.off,
    minGapSeconds: p.minGapSeconds,
    minSpanSeconds: p.minSpanSeconds,
  });
  return { frameRate: evidence.frameRate, activity, segments, voicedRun };
}
