/**
 * Chroma: spectral energy folded onto the 12 pitch classes (Bartsch & Wakefield 2005), each bin
 * given to its nearest equal-tempered pitch class (A4 = 440 Hz). Frames are scaled to a maximum of
 * 1; frames with no energy stay all-zero.
 */
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import type { Spectrogram } from "./spectrogram.ts";

export const CHROMA_PARAMETERS = defineParameters({
  lowHz: { unit: "Hz", min: 20, max: 500, default: 65, description: "lowest bin used (C2); below, 10.8 Hz bins cannot separate semitones" },
  highHz: { unit: "Hz", min: 1000, max: 11025, default: 4200, description: "highest bin used (C8 ≈ 4186 Hz)" },
});
export type ChromaParameters = ParameterValues<typeof CHROMA_PARAMETERS>;

export interface FrameFeatures {
  readonly frameRate: number;
  readonly dimensions: number;
  /** frame-major: values[frame * dimensions + d] */
  readonly values: Float32Array;
}

export function computeChroma(spec: Spectrogram, overrides: Partial<ChromaParameters> = {}): FrameFeatures {
  const p = resolveParameters("chroma", CHROMA_PARAMETERS, overrides);
  const k0 = Math.max(1, Math.ceil(p.lowHz / spec.binHz));
  const k1 = Math.min(spec.binCount - 1, Math.floor(p.highHz / spec.binHz));
  const pitchClass = new Int8Array(spec.binCount).fill(-1);
  for (let k = k0; k <= k1; k++) {
    const midi = 69 + 12 * Math.log2((k * spec.binHz) / 440);
    pitchClass[k] = ((Math.round(midi) % 12) + 12) % 12;
  }
  const values = new Float32Array(spec.frameCount * 12);
  for (let f = 0; f < spec.frameCount; f++) {
    const base = f * spec.binCount;
    const out = f * 12;
    for (let k = k0; k <= k1; k++) {
      const m = spec.magnitudes[base + k];
      values[out + pitchClass[k]] += m * m;
    }
    let max = 0;
    for (let c = 0; c < 12; c++) max = Math.max(max, values[out + c]);
    if (max > 0) for (let c = 0; c < 12; c++) values[out + c] /= max;
  }
  return { frameRate: spec.frameRate, dimensions: 12, values };
}
