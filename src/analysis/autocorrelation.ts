/** Autocorrelation through the FFT (Wiener–Khinchin), O(n log n). */
import FFT from "fft.js";

/**
 * r[l] = Σ x[i]·x[i+l] for l in 0..maxLag. With `unbiased`, r[l] is divided by (n − l) so that long
 * lags are not penalised for overlapping less.
 */
export function autocorrelate(x: ArrayLike<number>, maxLag: number, unbiased = true): Float64Array {
  const n = x.length;
  const lags = Math.max(0, Math.min(maxLag, n - 1));
  const out = new Float64Array(lags + 1);
  if (n === 0) return out;
  let size = 2;
  while (size < 2 * n) size *= 2;
  const fft = new FFT(size);
  const input = new Float64Array(size);
  for (let i = 0; i < n; i++) input[i] = x[i];
  const spectrum = new Float64Array(2 * size);
  fft.realTransform(spectrum, input);
  fft.completeSpectrum(spectrum);
  for (let k = 0; k < size; k++) {
    const re = spectrum[2 * k];
    const im = spectrum[2 * k + 1];
    spectrum[2 * k] = re * re + im * im;
    spectrum[2 * k + 1] = 0;
  }
  const back = new Float64Array(2 * size);
  fft.inverseTransform(back, spectrum);
  for (let l = 0; l <= lags; l++) out[l] = back[2 * l] / (unbiased ? n - l : 1);
  return out;
}
