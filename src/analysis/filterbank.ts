/**
 * Triangular filterbanks on a spectrogram's bins (mel scale, Slaney/HTK-style formula
 * mel = 2595·log10(1 + f/700)). Stored sparse: each band keeps its first bin and its weights.
 */
import type { Spectrogram } from "./spectrogram.ts";

export interface Filterbank {
  readonly bandCount: number;
  readonly binCount: number;
  readonly firstBin: Int32Array;
  readonly weights: readonly Float32Array[];
  /** centre frequency of each band [Hz] */
  readonly centres: Float64Array;
}

const hzToMel = (f: number) => 2595 * Math.log10(1 + f / 700);
const melToHz = (m: number) => 700 * (10 ** (m / 2595) - 1);

/**
 * `bandCount` triangles evenly spaced in mel between lowHz and highHz. A band narrower than one
 * bin still gets the nearest bin, so no band is empty at low frequencies.
 */
export function createMelFilterbank(bandCount: number, binCount: number, binHz: number, lowHz: number, highHz: number): Filterbank {
  const top = Math.min(highHz, (binCount - 1) * binHz);
  const lowMel = hzToMel(Math.max(0, lowHz));
  const highMel = hzToMel(Math.max(top, lowHz + binHz));
  const edges = new Float64Array(bandCount + 2);
  for (let i = 0; i < edges.length; i++) edges[i] = melToHz(lowMel + ((highMel - lowMel) * i) / (bandCount + 1));
  const firstBin = new Int32Array(bandCount);
  const weights: Float32Array[] = [];
  const centres = new Float64Array(bandCount);
  for (let b = 0; b < bandCount; b++) {
    const lo = edges[b];
    const mid = edges[b + 1];
    const hi = edges[b + 2];
    centres[b] = mid;
    let k0 = Math.max(0, Math.ceil(lo / binHz));
    let k1 = Math.min(binCount - 1, Math.floor(hi / binHz));
    if (k1 < k0) {
      k0 = k1 = Math.min(binCount - 1, Math.round(mid / binHz));
    }
    const w = new Float32Array(k1 - k0 + 1);
    for (let k = k0; k <= k1; k++) {
      const f = k * binHz;
      const v = f <= mid ? (f - lo) / Math.max(1e-9, mid - lo) : (hi - f) / Math.max(1e-9, hi - mid);
      w[k - k0] = Math.max(0, Math.min(1, v));
    }
    if (w.every((x) => x === 0)) w.fill(1);
    firstBin[b] = k0;
    weights.push(w);
  }
  return { bandCount, binCount, firstBin, weights, centres };
}

/** Band energies per frame, frame-major [frame * bandCount + band], from |X|² (power). */
export function applyFilterbank(spec: Spectrogram, bank: Filterbank, magnitudes: Float32Array = spec.magnitudes): Float32Array {
  const out = new Float32Array(spec.frameCount * bank.bandCount);
  for (let f = 0; f < spec.frameCount; f++) {
    const base = f * spec.binCount;
    for (let b = 0; b < bank.bandCount; b++) {
      const w = bank.weights[b];
      const k0 = base + bank.firstBin[b];
      let acc = 0;
      for (let j = 0; j < w.length; j++) {
        const m = magnitudes[k0 + j];
        acc += w[j] * m * m;
      }
      out[f * bank.bandCount + b] = acc;
    }
  }
  return out;
}
