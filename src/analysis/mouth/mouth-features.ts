/**
 * Short-time features of the voice that drive the mouth, every 10 ms: how loud the voice band is,
 * where the first and second formant regions put their energy, how steeply the spectrum falls
 * above F1, and how much of the frame is fricative noise.
 *
 * Why these and not a phone recogniser: jaw opening follows F1 and the syllable envelope, lip
 * rounding lowers F2 and F3, lip spreading raises F2 (Stevens, "Acoustic Phonetics", 1998 ch. 6;
 * Fant 1960), and a bilabial closure is an energy gap with falling F2 on both sides. Measured on
 * the corpus (see mouth-track.ts), these cues time closures and open vowels about as well as
 * PocketSphinx's phone loop, at 1/300 of its time.
 */
import { forEachStftFrame, frameCountFor, hannWindow } from "../spectrogram.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "../parameters.ts";

export const MOUTH_FEATURE_PARAMETERS = defineParameters({
  hopSeconds: { unit: "s", min: 0.005, max: 0.04, default: 0.01, description: "step between feature frames [10 ms: a quarter of a 25 fps video frame]" },
  windowSeconds: { unit: "s", min: 0.01, max: 0.1, default: 0.03, description: "analysis window; rounded up to a power of two in samples [30 ms → 1024 at 22.05 kHz]" },
});
export type MouthFeatureParameters = ParameterValues<typeof MOUTH_FEATURE_PARAMETERS>;

export interface MouthFeatures {
  /** feature frames per second */
  readonly rate: number;
  readonly length: number;
  /** level of the voice band (150–4000 Hz) [dB re full scale] */
  readonly voiceDb: Float32Array;
  /** power-weighted mean frequency in 250–1100 Hz (the F1 region) [Hz] */
  readonly f1Hz: Float32Array;
  /** power-weighted mean frequency in 800–3200 Hz (the F2 region) [Hz] */
  readonly f2Hz: Float32Array;
  /** level of 1.1–3.2 kHz relative to 250–1100 Hz [dB]: low for rounded back vowels, high for I/E */
  readonly tiltDb: Float32Array;
  /** share of the power above 4 kHz, 0–1: fricatives (S, F, SH) */
  readonly hiss: Float32Array;
}

export function computeMouthFeatures(signal: Float32Array, sampleRate: number, overrides: Partial<MouthFeatureParameters> = {}): MouthFeatures {
  const p = resolveParameters("mouthFeatures", MOUTH_FEATURE_PARAMETERS, overrides);
  const hop = Math.max(1, Math.round(p.hopSeconds * sampleRate));
  const size = 2 ** Math.ceil(Math.log2(Math.max(64, p.windowSeconds * sampleRate)));
  const length = frameCountFor(signal.length, hop);
  const binHz = sampleRate / size;
  const bin = (f: number) => Math.max(1, Math.min(size / 2, Math.round(f / binHz)));
  const [v0, v1] = [bin(150), bin(4000)];
  const [a0, a1] = [bin(250), bin(1100)];
  const [b0, b1] = [bin(800), bin(3200)];
  const [c0, c1] = [bin(1100), bin(3200)];
  const h0 = bin(4000);
  const hTop = bin(Math.min(9000, sampleRate / 2 - binHz));
  const window = hannWindow(size);
  // Window energy, so levels read as dB of a full-scale sine regardless of the window length.
  let windowSum = 0;
  for (let i = 0; i < size; i++) windowSum += window[i];
  const norm = 4 / (windowSum * windowSum);
  const power = new Float64Array(size / 2 + 1);
  const voiceDb = new Float32Array(length);
  const f1Hz = new Float32Array(length);
  const f2Hz = new Float32Array(length);
  const tiltDb = new Float32Array(length);
  const hiss = new Float32Array(length);
  const tiny = 1e-12;
  forEachStftFrame(signal, { size, hop, frameCount: length }, (f, out) => {
    for (let k = 0; k <= size / 2; k++) power[k] = (out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1]) * norm;
    let voice = 0;
    for (let k = v0; k <= v1; k++) voice += power[k];
    let f1Power = 0;
    let f1Moment = 0;
    for (let k = a0; k <= a1; k++) {
      f1Power += power[k];
      f1Moment += power[k] * k * binHz;
    }
    let f2Power = 0;
    let f2Moment = 0;
    for (let k = b0; k <= b1; k++) {
      f2Power += power[k];
      f2Moment += power[k] * k * binHz;
    }
    let upper = 0;
    for (let k = c0; k <= c1; k++) upper += power[k];
    let high = 0;
    for (let k = h0; k <= hTop; k++) high += power[k];
    voiceDb[f] = 10 * Math.log10(voice + tiny);
    f1Hz[f] = f1Power > tiny ? f1Moment / f1Power : 0;
    f2Hz[f] = f2Power > tiny ? f2Moment / f2Power : 0;
    tiltDb[f] = 10 * Math.log10((upper + tiny) / (f1Power + tiny));
    hiss[f] = high / (high + voice + tiny);
  });
  return { rate: sampleRate / hop, length, voiceDb, f1Hz, f2Hz, tiltDb, hiss };
}
