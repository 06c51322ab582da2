/**
 * Cleans an F0 track: a voiced frame an octave (or a fifth-and-octave) away from the median of its
 * neighbours is moved onto the neighbours' octave, and a lone outlier is replaced by that median.
 * YIN's typical errors are such single-frame jumps, e.g. at drum hits.
 */
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { median } from "./statistics.ts";

export const PITCH_SMOOTHER_PARAMETERS = defineParameters({
  radius: { unit: "frames", min: 1, max: 20, default: 3, integer: true, description: "neighbours on each side whose median is the reference [±60 ms at 50 frames/s]" },
  toleranceSemitones: { unit: "semitones", min: 0.1, max: 12, default: 2, description: "deviation from the reference above which a frame is corrected" },
});
export type PitchSmootherParameters = ParameterValues<typeof PITCH_SMOOTHER_PARAMETERS>;

export function smoothPitch(f0: Float32Array, overrides: Partial<PitchSmootherParameters> = {}): Float32Array {
  const p = resolveParameters("pitchSmoother", PITCH_SMOOTHER_PARAMETERS, overrides);
  const out = new Float32Array(f0);
  const tolerance = p.toleranceSemitones / 12; // octaves
  const around: number[] = [];
  for (let i = 0; i < f0.length; i++) {
    if (!(f0[i] > 0)) continue;
    around.length = 0;
    for (let j = Math.max(0, i - p.radius); j <= Math.min(f0.length - 1, i + p.radius); j++) if (j !== i && f0[j] > 0) around.push(f0[j]);
    if (around.length < p.radius) continue; // too few voiced neighbours to judge
    const reference = median(around);
    const deviation = Math.log2(f0[i] / reference);
    if (Math.abs(deviation) <= tolerance) continue;
    const octaves = Math.round(deviation);
    const shifted = f0[i] / 2 ** octaves;
    out[i] = octaves !== 0 && Math.abs(Math.log2(shifted / reference)) <= tolerance ? shifted : reference;
  }
  return out;
}
