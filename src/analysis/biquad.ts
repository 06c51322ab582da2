/** Second-order IIR sections designed by the RBJ Audio EQ Cookbook formulas (R. Bristow-Johnson). */

export interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/** High-pass at `fc` [Hz]; q = 1/√2 is Butterworth (maximally flat), 0.5 is critically damped. */
export function highPassBiquad(sampleRate: number, fc: number, q = Math.SQRT1_2): Biquad {
  const w0 = (2 * Math.PI * Math.min(fc, 0.45 * sampleRate)) / sampleRate;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  return { b0: (1 + cos) / 2 / a0, b1: -(1 + cos) / a0, b2: (1 + cos) / 2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/**
 * High shelf at `fc` [Hz] raising everything above it by `gainDb` [dB] (the BS.1770 K-weighting's
 * first stage: +4 dB at 1.5 kHz, q = 1/√2).
 */
export function highShelfBiquad(sampleRate: number, fc: number, gainDb: number, q: number): Biquad {
  const A = 10 ** (gainDb / 40);
  const w0 = (2 * Math.PI * fc) / sampleRate;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const sq = 2 * Math.sqrt(A) * alpha;
  const a0 = A + 1 - (A - 1) * cos + sq;
  return {
    b0: (A * (A + 1 + (A - 1) * cos + sq)) / a0,
    b1: (-2 * A * (A - 1 + (A + 1) * cos)) / a0,
    b2: (A * (A + 1 + (A - 1) * cos - sq)) / a0,
    a1: (2 * (A - 1 - (A + 1) * cos)) / a0,
    a2: (A + 1 - (A - 1) * cos - sq) / a0,
  };
}

/** The filtered signal (direct form I, run in float64), as a new array. */
export function applyBiquad(x: Float32Array, f: Biquad): Float32Array {
  const y = new Float32Array(x.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = f.b0 * x[i] + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    x2 = x1;
    x1 = x[i];
    y2 = y1;
    y1 = v;
    y[i] = v;
  }
  return y;
}
