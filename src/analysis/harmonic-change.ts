/**
 * Harmonic change per frame: 1 − cosine similarity of the mean chroma just before and just after
 * the frame (a simplified harmonic change detection function, Harte, Sandler & Gasser 2006).
 * Chords tend to change on the bar, so this is downbeat evidence.
 */
import type { FrameFeatures } from "./chroma.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";

export const HARMONIC_CHANGE_PARAMETERS = defineParameters({
  windowSeconds: { unit: "s", min: 0.05, max: 4, default: 0.5, description: "length compared on each side of a frame (about one beat)" },
});
export type HarmonicChangeParameters = ParameterValues<typeof HARMONIC_CHANGE_PARAMETERS>;

export function computeHarmonicChange(chroma: FrameFeatures, overrides: Partial<HarmonicChangeParameters> = {}): { frameRate: number; values: Float32Array } {
  const p = resolveParameters("harmonicChange", HARMONIC_CHANGE_PARAMETERS, overrides);
  const d = chroma.dimensions;
  const n = chroma.values.length / d;
  const prefix = new Float64Array((n + 1) * d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) prefix[(i + 1) * d + c] = prefix[i * d + c] + chroma.values[i * d + c];
  const w = Math.max(1, Math.round(p.windowSeconds * chroma.frameRate));
  const values = new Float32Array(n);
  for (let i = 1; i < n; i++) {
    const a0 = Math.max(0, i - w);
    const b1 = Math.min(n, i + w);
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let c = 0; c < d; c++) {
      const before = prefix[i * d + c] - prefix[a0 * d + c];
      const after = prefix[b1 * d + c] - prefix[i * d + c];
      ab += before * after;
      aa += before * before;
      bb += after * after;
    }
    values[i] = aa > 0 && bb > 0 ? 1 - ab / Math.sqrt(aa * bb) : 0;
  }
  return { frameRate: chroma.frameRate, values };
}
