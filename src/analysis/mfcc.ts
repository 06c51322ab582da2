/**
 * Mel-frequency cepstral coefficients (Davis & Mermelstein 1980): log mel-band energies, DCT-II.
 * The timbre description the section segmenter compares; c0 (overall level) is left out.
 */
import type { FrameFeatures } from "./chroma.ts";
import { applyFilterbank, createMelFilterbank } from "./filterbank.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import type { Spectrogram } from "./spectrogram.ts";

export const MFCC_PARAMETERS = defineParameters({
  bands: { unit: "", min: 8, max: 128, default: 40, integer: true, description: "mel bands" },
  coefficients: { unit: "", min: 1, max: 40, default: 13, integer: true, description: "cepstral coefficients kept, c1 … c13" },
  lowHz: { unit: "Hz", min: 0, max: 1000, default: 40, description: "lowest band edge" },
  highHz: { unit: "Hz", min: 1000, max: 24000, default: 8000, description: "highest band edge" },
  floorDb: { unit: "dB", min: -160, max: 0, default: -80, description: "level floor relative to a full-scale sine" },
});
export type MfccParameters = ParameterValues<typeof MFCC_PARAMETERS>;

export function computeMfcc(spec: Spectrogram, overrides: Partial<MfccParameters> = {}): FrameFeatures {
  const p = resolveParameters("mfcc", MFCC_PARAMETERS, overrides);
  const bank = createMelFilterbank(p.bands, spec.binCount, spec.binHz, p.lowHz, p.highHz);
  const energy = applyFilterbank(spec, bank);
  const floor = (spec.fftSize / 4) ** 2 * 10 ** (p.floorDb / 10);
  const B = p.bands;
  const C = p.coefficients;
  const dct = new Float64Array(C * B);
  for (let c = 0; c < C; c++) for (let b = 0; b < B; b++) dct[c * B + b] = Math.cos((Math.PI * (c + 1) * (b + 0.5)) / B) * Math.sqrt(2 / B);
  const values = new Float32Array(spec.frameCount * C);
  const logs = new Float64Array(B);
  for (let f = 0; f < spec.frameCount; f++) {
    for (let b = 0; b < B; b++) logs[b] = 10 * Math.log10(Math.max(energy[f * B + b], floor) / floor);
    for (let c = 0; c < C; c++) {
      let acc = 0;
      for (let b = 0; b < B; b++) acc += dct[c * B + b] * logs[b];
      values[f * C + c] = acc;
    }
  }
  return { frameRate: spec.frameRate, dimensions: C, values };
}
