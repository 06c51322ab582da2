/**
 * F0 by YIN (de Cheveigné & Kawahara, JASA 2002): the cumulative-mean-normalised difference
 * function d'(τ), the first dip below an absolute threshold, parabolic interpolation. The
 * difference function is computed through one complex FFT per frame (both signals packed into
 * the real and imaginary parts), O(W log W) instead of O(W·τmax).
 */
import FFT from "fft.js";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";

export const PITCH_TRACKER_PARAMETERS = defineParameters({
  minHz: { unit: "Hz", min: 30, max: 500, default: 60, description: "lowest F0 searched (bass voices ≈ 70 Hz)" },
  maxHz: { unit: "Hz", min: 200, max: 2000, default: 1000, description: "highest F0 searched (soprano C6 ≈ 1047 Hz)" },
  windowSeconds: { unit: "s", min: 0.01, max: 0.2, default: 0.04, description: "integration window W; must hold one period of minHz" },
  threshold: { unit: "", min: 0.01, max: 1, default: 0.3, description: "YIN absolute threshold on d'(τ); the paper uses 0.1–0.2, but formant-synthesised and breathy voices (espeak-ng in the corpus) sit at 0.2–0.4" },
  silenceDb: { unit: "dBFS", min: -120, max: 0, default: -55, description: "frames with RMS below this are unvoiced without analysis" },
});
export type PitchTrackerParameters = ParameterValues<typeof PITCH_TRACKER_PARAMETERS>;

export interface PitchTrack {
  readonly frameRate: number;
  /** F0 [Hz] per frame, 0 when unvoiced */
  readonly f0: Float32Array;
  /** best F0 candidate even when unvoiced [Hz], 0 in silence */
  readonly candidate: Float32Array;
  /** min d'(τ) per frame: 0 = perfectly periodic, ≥ 1 = noise */
  readonly aperiodicity: Float32Array;
}

/**
 * Frame i is centred at time i / frameRate (frames = floor(duration·frameRate) + 1).
 */
export function trackPitch(
  signal: Float32Array,
  sampleRate: number,
  frameRate: number,
  overrides: Partial<PitchTrackerParameters> = {},
): PitchTrack {
  const p = resolveParameters("pitchTracker", PITCH_TRACKER_PARAMETERS, overrides);
  const n = signal.length;
  const frames = n === 0 ? 0 : Math.floor((n / sampleRate) * frameRate) + 1;
  const f0 = new Float32Array(frames);
  const candidate = new Float32Array(frames);
  const aperiodicity = new Float32Array(frames).fill(1);
  const tauMax = Math.ceil(sampleRate / p.minHz);
  const tauMin = Math.max(2, Math.floor(sampleRate / p.maxHz));
  const W = Math.max(tauMax, Math.round(p.windowSeconds * sampleRate));
  let size = 2;
  while (size < W + tauMax + 1) size *= 2;
  const fft = new FFT(size);
  const z = new Float64Array(2 * size);
  const Z = new Float64Array(2 * size);
  const prod = new Float64Array(2 * size);
  const r = new Float64Array(2 * size);
  const seg = new Float64Array(W + tauMax + 1);
  const squares = new Float64Array(W + tauMax + 2);
  const dprime = new Float64Array(tauMax + 2);
  const silence = W * 10 ** (p.silenceDb / 10);

  for (let i = 0; i < frames; i++) {
    const start = Math.round((i / frameRate) * sampleRate) - (W >> 1) - (tauMax >> 1);
    let energy = 0;
    for (let j = 0; j < seg.length; j++) {
      const s = start + j;
      const v = s >= 0 && s < n ? signal[s] : 0;
      seg[j] = v;
      if (j < W) energy += v * v;
    }
    if (energy < silence) continue;
    squares[0] = 0;
    for (let j = 0; j < seg.length; j++) squares[j + 1] = squares[j] + seg[j] * seg[j];
    // Pack a = seg[0..W) (real) and b = seg[0..W+tauMax] (imaginary) into one transform.
    z.fill(0);
    for (let j = 0; j < seg.length; j++) {
      if (j < W) z[2 * j] = seg[j];
      z[2 * j + 1] = seg[j];
    }
    fft.transform(Z, z);
    // A[k] = (Z[k] + conj Z[-k]) / 2, B[k] = (Z[k] − conj Z[-k]) / 2i; cross-spectrum conj(A)·B.
    for (let k = 0; k < size; k++) {
      const m = (size - k) % size;
      const zr = Z[2 * k];
      const zi = Z[2 * k + 1];
      const wr = Z[2 * m];
      const wi = -Z[2 * m + 1];
      const ar = 0.5 * (zr + wr);
      const ai = 0.5 * (zi + wi);
      const br = 0.5 * (zi - wi);
      const bi = -0.5 * (zr - wr);
      prod[2 * k] = ar * br + ai * bi;
      prod[2 * k + 1] = ar * bi - ai * br;
    }
    fft.inverseTransform(r, prod);
    // d(τ) = Σ a² + Σ_{τ..τ+W} b² − 2 r(τ);  d'(τ) = d(τ)·τ / Σ_{1..τ} d
    const e0 = squares[W];
    let running = 0;
    dprime[0] = 1;
    for (let tau = 1; tau <= tauMax; tau++) {
      const d = Math.max(0, e0 + (squares[tau + W] - squares[tau]) - 2 * r[2 * tau]);
      running += d;
      dprime[tau] = running > 0 ? (d * tau) / running : 1;
    }
    let tau = -1;
    for (let t = tauMin; t < tauMax; t++) {
      if (dprime[t] < p.threshold) {
        while (t + 1 < tauMax && dprime[t + 1] < dprime[t]) t++;
        tau = t;
        break;
      }
    }
    let voiced = true;
    if (tau < 0) {
      voiced = false;
      tau = tauMin;
      for (let t = tauMin; t < tauMax; t++) if (dprime[t] < dprime[tau]) tau = t;
    }
    let refined = tau;
    let depth = dprime[tau];
    if (tau > 1 && tau < tauMax) {
      const a = dprime[tau - 1];
      const b = dprime[tau];
      const c = dprime[tau + 1];
      const den = a - 2 * b + c;
      if (den > 0) {
        const off = Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den));
        refined = tau + off;
        depth = b - 0.25 * (a - c) * off;
      }
    }
    const hzValue = sampleRate / refined;
    candidate[i] = hzValue;
    aperiodicity[i] = Math.max(0, Math.min(1, depth));
    if (voiced) f0[i] = hzValue;
  }
  return { frameRate, f0, candidate, aperiodicity };
}
