/**
 * Band-limited resampling (windowed sinc), so every later step runs at one analysis rate and its
 * frame sizes are the same whatever the source rate (8–48 kHz).
 */
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";

export const RESAMPLE_PARAMETERS = defineParameters({
  zeroCrossings: {
    unit: "",
    min: 2,
    max: 64,
    default: 8,
    integer: true,
    description: "sinc zero crossings each side of the kernel; 8 keeps aliasing below about -50 dB at a quarter of the speed of 32",
  },
  rolloff: {
    unit: "",
    min: 0.5,
    max: 1,
    default: 0.92,
    description: "cut-off as a fraction of the lower Nyquist frequency (leaves room for the window's transition band)",
  },
});
export type ResampleParameters = ParameterValues<typeof RESAMPLE_PARAMETERS>;

/** `signal` at `fromRate` Hz resampled to `toRate` Hz. Returns the input itself when the rates match. */
export function resample(
  signal: Float32Array,
  fromRate: number,
  toRate: number,
  overrides: Partial<ResampleParameters> = {},
): Float32Array {
  if (fromRate === toRate || signal.length === 0) return signal;
  const p = resolveParameters("resample", RESAMPLE_PARAMETERS, overrides);
  const ratio = toRate / fromRate;
  const outLength = Math.max(0, Math.round(signal.length * ratio));
  const out = new Float32Array(outLength);
  // Cut-off in cycles per input sample; below both Nyquist frequencies.
  const cutoff = 0.5 * Math.min(1, ratio) * p.rolloff;
  const half = Math.ceil(p.zeroCrossings / (2 * cutoff)); // kernel half-width [input samples]
  // Tabulate the windowed sinc finely and interpolate linearly: much cheaper than sin() per tap.
  const steps = 512; // table entries per input sample
  const table = new Float32Array(half * steps + 2);
  for (let i = 0; i < table.length; i++) {
    const x = i / steps;
    const window = x >= half ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * x) / half); // Hann
    const arg = 2 * cutoff * x;
    table[i] = 2 * cutoff * (x === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg)) * window;
  }
  const n = signal.length;
  const step = fromRate / toRate;
  if (Number.isInteger(step)) {
    // Integer decimation: every output uses the same taps, so tabulate them once.
    const taps = new Float32Array(2 * half + 1);
    for (let j = -half; j <= half; j++) taps[j + half] = table[Math.abs(j) * steps];
    for (let o = 0; o < outLength; o++) {
      const centre = o * step;
      const first = Math.max(0, centre - half);
      const last = Math.min(n - 1, centre + half);
      let acc = 0;
      for (let i = first; i <= last; i++) acc += signal[i] * taps[i - centre + half];
      out[o] = acc;
    }
    return out;
  }
  for (let o = 0; o < outLength; o++) {
    const centre = o / ratio;
    const first = Math.max(0, Math.ceil(centre - half));
    const last = Math.min(n - 1, Math.floor(centre + half));
    let acc = 0;
    for (let i = first; i <= last; i++) {
      const pos = Math.abs(i - centre) * steps;
      const k = pos | 0;
      const w = table[k] + (table[k + 1] - table[k]) * (pos - k);
      acc += signal[i] * w;
    }
    out[o] = acc;
  }
  return out;
}
