/**
 * The 0–1 energy curve the planner reads: loudness relative to the song's own loud passages, so a
 * quiet acoustic song still spans the range. 1 = the song's 95th-percentile loudness, 0 = rangeDb
 * below it (or digital silence).
 */
import type { LoudnessCurve } from "./loudness.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { percentile } from "./statistics.ts";

export const ENERGY_CURVE_PARAMETERS = defineParameters({
  rangeDb: { unit: "LU", min: 6, max: 80, default: 30, description: "loudness range mapped onto 0–1" },
  referencePercentile: { unit: "%", min: 50, max: 100, default: 95, description: "percentile of the (gated) loudness that maps to 1" },
  gateLufs: { unit: "LUFS", min: -120, max: -20, default: -70, description: "absolute gate of BS.1770: quieter windows do not set the reference; a song entirely below it is silent (all 0)" },
});
export type EnergyCurveParameters = ParameterValues<typeof ENERGY_CURVE_PARAMETERS>;

export function computeEnergyCurve(loudness: LoudnessCurve, overrides: Partial<EnergyCurveParameters> = {}): Float32Array {
  const p = resolveParameters("energyCurve", ENERGY_CURVE_PARAMETERS, overrides);
  const out = new Float32Array(loudness.lufs.length);
  const gated = Array.from(loudness.lufs).filter((v) => v > p.gateLufs);
  if (gated.length === 0) return out;
  const reference = percentile(gated, p.referencePercentile / 100);
  for (let i = 0; i < out.length; i++) {
    const v = (loudness.lufs[i] - (reference - p.rangeDb)) / p.rangeDb;
    out[i] = Math.max(0, Math.min(1, v));
  }
  return out;
}
