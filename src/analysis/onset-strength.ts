/**
 * Onset strength: log spectral flux on a mel filterbank, with SuperFlux's frequency max filter on
 * the reference frame so vibrato does not read as onsets (Böck & Widmer, DAFx 2013).
 */
import { applyFilterbank, createMelFilterbank } from "./filterbank.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { computeSpectrogram, type Spectrogram } from "./spectrogram.ts";

export const ONSET_STRENGTH_PARAMETERS = defineParameters({
  fftSize: { unit: "samples", min: 256, max: 8192, default: 2048, integer: true, description: "FFT length when no spectrogram is given [93 ms at 22.05 kHz, as librosa's beat tracker]" },
  hop: { unit: "samples", min: 32, max: 2048, default: 441, integer: true, description: "step between envelope values when no spectrogram is given [20 ms at 22.05 kHz]" },
  bands: { unit: "", min: 8, max: 256, default: 64, integer: true, description: "mel bands" },
  lowHz: { unit: "Hz", min: 0, max: 1000, default: 30, description: "lowest band edge" },
  highHz: { unit: "Hz", min: 1000, max: 24000, default: 11000, description: "highest band edge" },
  lag: { unit: "frames", min: 1, max: 8, default: 1, integer: true, description: "difference lag (SuperFlux uses ≈ 20 ms)" },
  floorDb: { unit: "dB", min: -160, max: 0, default: -80, description: "level floor relative to a full-scale sine; quieter content gives no flux" },
  bassHz: { unit: "Hz", min: 50, max: 500, default: 200, description: "upper edge of the bass flux used for downbeats" },
});
export type OnsetStrengthParameters = ParameterValues<typeof ONSET_STRENGTH_PARAMETERS>;

/** A per-frame envelope: value i belongs to time i / frameRate + (timeOffset ?? 0) seconds. */
export interface Envelope {
  readonly values: ArrayLike<number>;
  readonly frameRate: number;
  readonly timeOffset?: number;
}

export interface OnsetStrength extends Envelope {
  /** envelope values per second */
  readonly frameRate: number;
  /**
   * Seconds to add to frame times to get the onset time: a centred window sees a note's energy
   * rise before the note starts. fftSize/4 samples, measured on click tracks (−30 ms at 2048,
   * −10 ms at 1024 samples, 22.05 kHz).
   */
  readonly timeOffset: number;
  /** mean positive log-flux over all bands, per frame [dB] */
  readonly values: Float32Array;
  /** the same restricted to the bands below bassHz (kick drums, bass notes) [dB] */
  readonly bass: Float32Array;
}

export function computeOnsetStrength(
  input: { signal: Float32Array; sampleRate: number } | { spectrogram: Spectrogram },
  overrides: Partial<OnsetStrengthParameters> = {},
): OnsetStrength {
  const p = resolveParameters("onsetStrength", ONSET_STRENGTH_PARAMETERS, overrides);
  const spec = "spectrogram" in input ? input.spectrogram : computeSpectrogram(input.signal, input.sampleRate, { fftSize: p.fftSize, hop: p.hop });
  const bank = createMelFilterbank(p.bands, spec.binCount, spec.binHz, p.lowHz, p.highHz);
  const energy = applyFilterbank(spec, bank);
  // A full-scale sine under a Hann window has |X| ≈ fftSize/4 at its bin.
  const fullScale = (spec.fftSize / 4) ** 2;
  const floor = fullScale * 10 ** (p.floorDb / 10);
  const B = bank.bandCount;
  const level = new Float32Array(energy.length);
  for (let i = 0; i < energy.length; i++) level[i] = 10 * Math.log10(Math.max(energy[i], floor) / floor);
  let bassBands = 0;
  while (bassBands < B && bank.centres[bassBands] < p.bassHz) bassBands++;
  bassBands = Math.max(1, bassBands);
  const values = new Float32Array(spec.frameCount);
  const bass = new Float32Array(spec.frameCount);
  // Before the first frame the signal is taken as silence (level 0), so a hit at t = 0 is an onset.
  const silent = new Float32Array(B);
  for (let t = 0; t < spec.frameCount; t++) {
    const cur = t * B;
    const refFrame = t - p.lag >= 0 ? level.subarray((t - p.lag) * B, (t - p.lag + 1) * B) : silent;
    let sum = 0;
    let bassSum = 0;
    for (let b = 0; b < B; b++) {
      let r = refFrame[b];
      if (b > 0 && refFrame[b - 1] > r) r = refFrame[b - 1];
      if (b + 1 < B && refFrame[b + 1] > r) r = refFrame[b + 1];
      const d = level[cur + b] - r;
      if (d > 0) {
        sum += d;
        if (b < bassBands) bassSum += d;
      }
    }
    values[t] = sum / B;
    bass[t] = bassSum / bassBands;
  }
  // Against silence, frame 0's flux is the whole spectrum's level: cap it at the loudest real onset.
  if (spec.frameCount > 1) {
    let max = 0;
    let bassMax = 0;
    for (let t = 1; t < spec.frameCount; t++) {
      if (values[t] > max) max = values[t];
      if (bass[t] > bassMax) bassMax = bass[t];
    }
    values[0] = Math.min(values[0], max);
    bass[0] = Math.min(bass[0], bassMax);
  }
  return { frameRate: spec.frameRate, timeOffset: (0.25 * spec.fftSize) / spec.sampleRate, values, bass };
}
