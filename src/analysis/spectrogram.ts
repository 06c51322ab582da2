/**
 * Short-time Fourier magnitudes. Frame i is centred on sample i·hop (the signal is zero-padded at
 * both ends), so frame times are exactly i·hop/sampleRate seconds.
 */
import FFT from "fft.js";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";

export const SPECTROGRAM_PARAMETERS = defineParameters({
  fftSize: { unit: "samples", min: 64, max: 16384, default: 2048, integer: true, description: "window and FFT length, a power of two [93 ms at 22.05 kHz]" },
  hop: { unit: "samples", min: 1, max: 16384, default: 441, integer: true, description: "step between frames [20 ms at 22.05 kHz]" },
});
export type SpectrogramParameters = ParameterValues<typeof SPECTROGRAM_PARAMETERS>;

export interface Spectrogram {
  readonly sampleRate: number;
  readonly fftSize: number;
  readonly hop: number;
  readonly frameCount: number;
  /** fftSize / 2 + 1 */
  readonly binCount: number;
  /** frames per second = sampleRate / hop */
  readonly frameRate: number;
  /** Hz per bin = sampleRate / fftSize */
  readonly binHz: number;
  /** |X|, frame-major: magnitudes[frame * binCount + bin]. */
  readonly magnitudes: Float32Array;
}

const hannCache = new Map<number, Float64Array>();
/** Periodic Hann window of length n (cached: windows are pure functions of n). */
export function hannWindow(n: number): Float64Array {
  let w = hannCache.get(n);
  if (!w) {
    w = new Float64Array(n);
    for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
    hannCache.set(n, w);
  }
  return w;
}

export function frameCountFor(sampleCount: number, hop: number): number {
  return sampleCount === 0 ? 0 : Math.floor(sampleCount / hop) + 1;
}

export interface StftFraming {
  /** window and FFT length [samples], a power of two */
  readonly size: number;
  /** step between frames [samples] */
  readonly hop: number;
  /** frames to run; frameCountFor(signal.length, hop) when omitted */
  readonly frameCount?: number;
}

/**
 * The short-time transform every spectral step shares: frame f is the `size` samples centred on
 * sample f·hop (zero outside the signal), times a periodic Hann window, through a real FFT.
 * `visit(f, spectrum)` gets the complex spectrum interleaved (re, im of bin k at 2k, 2k + 1;
 * bins 0 … size/2 are filled). The array is reused: read it inside `visit`, do not keep it.
 */
export function forEachStftFrame(signal: Float32Array, framing: StftFraming, visit: (frame: number, spectrum: Float64Array) => void): void {
  const { size, hop } = framing;
  const frameCount = framing.frameCount ?? frameCountFor(signal.length, hop);
  const fft = new FFT(size);
  const window = hannWindow(size);
  const frame = new Float64Array(size);
  const out = new Float64Array(2 * size);
  const half = size / 2;
  for (let f = 0; f < frameCount; f++) {
    const start = f * hop - half;
    for (let i = 0; i < size; i++) {
      const s = start + i;
      frame[i] = s >= 0 && s < signal.length ? signal[s] * window[i] : 0;
    }
    fft.realTransform(out, frame);
    visit(f, out);
  }
}

export function computeSpectrogram(
  signal: Float32Array,
  sampleRate: number,
  overrides: Partial<SpectrogramParameters> = {},
): Spectrogram {
  const p = resolveParameters("spectrogram", SPECTROGRAM_PARAMETERS, overrides);
  const n = p.fftSize;
  if ((n & (n - 1)) !== 0) throw new RangeError(`spectrogram.fftSize = ${n} is not a power of two; use 1024 or 2048.`);
  const binCount = n / 2 + 1;
  const frameCount = frameCountFor(signal.length, p.hop);
  const magnitudes = new Float32Array(frameCount * binCount);
  forEachStftFrame(signal, { size: n, hop: p.hop, frameCount }, (f, out) => {
    const base = f * binCount;
    for (let k = 0; k < binCount; k++) {
      const re = out[2 * k];
      const im = out[2 * k + 1];
      magnitudes[base + k] = Math.sqrt(re * re + im * im);
    }
  });
  return { sampleRate, fftSize: n, hop: p.hop, frameCount, binCount, frameRate: sampleRate / p.hop, binHz: sampleRate / n, magnitudes };
}
