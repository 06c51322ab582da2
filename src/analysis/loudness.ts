/**
 * Loudness with the K-weighting of ITU-R BS.1770-4 (a +4 dB high shelf at 1.5 kHz modelling the
 * head, then a 38 Hz high-pass; biquads from the RBJ cookbook as in pyloudnorm, so any sample rate
 * works), mean square over a sliding window, summed over channels, in LUFS.
 */
import { highPassBiquad, highShelfBiquad } from "./biquad.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";

export const LOUDNESS_PARAMETERS = defineParameters({
  rate: { unit: "Hz", min: 1, max: 200, default: 50, description: "loudness values per second" },
  windowSeconds: { unit: "s", min: 0.02, max: 3, default: 0.4, description: "integration window (BS.1770 momentary loudness: 0.4 s)" },
});
export type LoudnessParameters = ParameterValues<typeof LOUDNESS_PARAMETERS>;

/** Loudness of digital silence [LUFS]: the floor the curve never goes below. */
export const SILENCE_LUFS = -120;

export interface LoudnessCurve {
  readonly rate: number;
  /** value i is the loudness of the window centred at i / rate [LUFS] */
  readonly lufs: Float32Array;
}

/**
 * Sum of squares of the K-weighted signal in consecutive blocks of `block` samples (the shelf and
 * the high-pass run as one cascade; the filtered signal itself is never stored, so a 10-minute
 * song costs kilobytes, not a second copy of the audio).
 */
export function kWeightedBlockPower(x: Float32Array, sampleRate: number, block: number): Float64Array {
  const s = highShelfBiquad(sampleRate, 1500, 4, 1 / Math.SQRT2);
  const h = highPassBiquad(sampleRate, 38, 0.5);
  const out = new Float64Array(Math.ceil(x.length / block));
  let x1 = 0, x2 = 0, u1 = 0, u2 = 0, v1 = 0, v2 = 0;
  for (let b = 0; b < out.length; b++) {
    const end = Math.min(x.length, (b + 1) * block);
    let acc = 0;
    for (let i = b * block; i < end; i++) {
      const xi = x[i];
      const u = s.b0 * xi + s.b1 * x1 + s.b2 * x2 - s.a1 * u1 - s.a2 * u2;
      const v = h.b0 * u + h.b1 * u1 + h.b2 * u2 - h.a1 * v1 - h.a2 * v2;
      x2 = x1;
      x1 = xi;
      u2 = u1;
      u1 = u;
      v2 = v1;
      v1 = v;
      acc += v * v;
    }
    out[b] = acc;
  }
  return out;
}

/**
 * Loudness value i is the window of ±windowSeconds/2 around i / rate, rounded to whole blocks of
 * 1/rate seconds (a 0.4 s window at 50 values/s is exactly 20 blocks).
 */
export function computeLoudness(
  channels: readonly Float32Array[],
  sampleRate: number,
  overrides: Partial<LoudnessParameters> = {},
): LoudnessCurve {
  const p = resolveParameters("loudness", LOUDNESS_PARAMETERS, overrides);
  const n = channels[0]?.length ?? 0;
  const count = n === 0 ? 0 : Math.floor((n / sampleRate) * p.rate) + 1;
  const block = Math.max(1, Math.round(sampleRate / p.rate));
  const blocks = Math.ceil(n / block);
  const power = new Float64Array(blocks);
  for (const channel of channels) {
    const b = kWeightedBlockPower(channel, sampleRate, block);
    for (let i = 0; i < blocks; i++) power[i] += b[i];
  }
  const prefix = new Float64Array(blocks + 1);
  for (let i = 0; i < blocks; i++) prefix[i + 1] = prefix[i] + power[i];
  const half = Math.max(1, Math.round((p.windowSeconds * p.rate) / 2)); // [blocks]
  const lufs = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(blocks, i + half);
    const ms = b > a ? (prefix[b] - prefix[a]) / (2 * half * block) : 0;
    lufs[i] = ms > 0 ? Math.max(SILENCE_LUFS, -0.691 + 10 * Math.log10(ms)) : SILENCE_LUFS;
  }
  return { rate: p.rate, lufs };
}

/** BS.1770 integrated loudness: mean power of 400 ms blocks above −70 LUFS and above (ungated mean − 10 LU). */
export function integratedLoudness(curve: LoudnessCurve): number {
  const blocks = Array.from(curve.lufs).filter((v) => v > -70);
  if (blocks.length === 0) return SILENCE_LUFS;
  const meanPower = (vs: number[]) => vs.reduce((a, v) => a + 10 ** ((v + 0.691) / 10), 0) / vs.length;
  const relative = -0.691 + 10 * Math.log10(meanPower(blocks)) - 10;
  const gated = blocks.filter((v) => v > relative);
  return -0.691 + 10 * Math.log10(meanPower(gated.length ? gated : blocks));
}
