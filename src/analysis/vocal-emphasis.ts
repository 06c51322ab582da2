/**
 * Vocal emphasis: how much of each frame looks like a lead voice rather than the band, from two
 * separations on the magnitude spectrogram.
 *
 * 1. Harmonic/percussive separation by median filtering (Fitzgerald, DAFx 2010): a median along
 *    time keeps sustained partials (harmonic), a median along frequency keeps broadband clicks
 *    (percussive); the Wiener-style soft mask H²/(H² + (β·P)²) (librosa's `hpss` with power 2
 *    and margin β) takes the drums out of the voice band.
 * 2. Centre extraction on stereo: with mid M = (L+R)/2 and side S = (L−R)/2,
 *    (|M|² − |S|²) / (|M|² + |S|²) = 2·Re(L·R*) / (|L|² + |R|²), the inter-channel similarity of
 *    Avendano & Jot (JAES 2004) without its phase-sign ambiguity: 1 for a centre-panned source
 *    (mixes put the lead vocal there), 0 for a hard-panned one or uncorrelated reverb, < 0
 *    (clipped to 0) for out-of-phase width effects. Mono input is all centre.
 *
 * The per-frame evidence is the harmonic, centred energy in the formant band (1–4 kHz: the
 * second and third formants and the singer's formant at ≈ 2.5–3.5 kHz, Sundberg 1974), in dB
 * relative to the song's own loud frames. Guitars, bass and pads of an intro put most of their
 * harmonic energy below 1 kHz or at the sides; a sung line lifts this band by 10–20 dB. The
 * weight is a logistic in dB so a quiet verse is down-weighted smoothly, not cut.
 */
import { runningMedian } from "./median-filter.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { forEachStftFrame, type Spectrogram } from "./spectrogram.ts";
import { percentile, runningMax } from "./statistics.ts";

export const VOCAL_EMPHASIS_PARAMETERS = defineParameters({
  lowHz: { unit: "Hz", min: 200, max: 3000, default: 1000, description: "lower edge of the formant band (F2 of most vowels lies above it)" },
  highHz: { unit: "Hz", min: 1500, max: 8000, default: 4000, description: "upper edge of the formant band (singer's formant ≈ 2.5–3.5 kHz)" },
  harmonicSeconds: { unit: "s", min: 0.05, max: 2, default: 0.34, description: "length of the median along time that defines 'harmonic' [17 frames at 50 frames/s]; longer treats vibrato as percussive" },
  percussiveHz: { unit: "Hz", min: 20, max: 2000, default: 180, description: "width of the median along frequency that defines 'percussive' [9 bands of 21.5 Hz at 22.05 kHz]" },
  separationMargin: { unit: "", min: 1, max: 4, default: 2, description: "β of Driedger, Müller & Disch (ISMIR 2014): a bin is harmonic as far as H exceeds β·P, so noise (snare, breath, H ≈ P) scores 1/(1+β²) = 0.2 instead of 0.5" },
  referencePercentile: { unit: "%", min: 50, max: 100, default: 95, description: "percentile of the whole band's level (over non-silent frames) taken as 0 dB" },
  bandFloorDb: { unit: "dB", min: 0, max: 120, default: 35, description: "the band's reference is at least the whole spectrum's reference minus this (a band holding only leakage is not a reference)" },
  midpointDb: { unit: "dB", min: -60, max: 0, default: -20, description: "band level relative to the reference at which the weight is 0.5" },
  holdSeconds: { unit: "s", min: 0, max: 1, default: 0.15, description: "the level is the maximum within ± this: formant energy dips between syllables and on consonants [≈ one syllable at 4–7 syllables/s]" },
  slopeDb: { unit: "dB", min: 0.5, max: 20, default: 3, description: "logistic slope: the weight goes from 0.27 to 0.73 over 2·slopeDb" },
  silenceDb: { unit: "dB", min: -200, max: 0, default: -100, description: "band power [dB re 1] below which a frame is silent and does not set the reference" },
});
export type VocalEmphasisParameters = ParameterValues<typeof VOCAL_EMPHASIS_PARAMETERS>;

export interface VocalEmphasis {
  /** frames per second (the spectrogram's) */
  readonly frameRate: number;
  /** harmonic, centred formant-band level relative to the song's reference, per frame [dB] */
  readonly levelDb: Float32Array;
  /** 0–1 per frame: how much the frame looks like a lead voice */
  readonly weight: Float32Array;
  /** 0–1 per frame: the share of the band's harmonic energy that is centre-panned (1 for mono) */
  readonly centre: Float32Array;
}

/**
 * `mid` is the spectrogram of (L+R)/2 (the mono mix); `side` is the signal (L−R)/2 at the same
 * sample rate, or null for mono input. The side is transformed here with mid's window and hop,
 * keeping only the band powers this step needs (a full side spectrogram of a 10-minute song
 * would hold another 120 MB).
 */
export function computeVocalEmphasis(mid: Spectrogram, side: Float32Array | null, overrides: Partial<VocalEmphasisParameters> = {}): VocalEmphasis {
  const p = resolveParameters("vocalEmphasis", VOCAL_EMPHASIS_PARAMETERS, overrides);
  const { frameCount: frames, binCount: bins, binHz, magnitudes: mag } = mid;
  const levelDb = new Float32Array(frames);
  const weight = new Float32Array(frames);
  const centre = new Float32Array(frames).fill(1);
  if (frames === 0) return { frameRate: mid.frameRate, levelDb, weight, centre };
  // Medians run on bands of `pool` bins (≈ 20 Hz): voice partials lie ≥ 80 Hz apart, so the
  // separation is unchanged while the filtering costs a half or a quarter.
  const pool = Math.max(1, Math.round(20 / binHz));
  const bandHz = pool * binHz;
  const b0 = Math.min(bins - 1, Math.max(1, Math.round(p.lowHz / binHz)));
  const bandCount = Math.max(1, Math.floor((Math.min(bins, Math.round(p.highHz / binHz)) - b0) / pool));
  const timeWidth = Math.max(1, Math.round(p.harmonicSeconds * mid.frameRate)) | 1;
  const freqWidth = Math.max(1, Math.round(p.percussiveHz / bandHz)) | 1;
  // The frequency median needs half a kernel beyond the band on each side.
  const margin = Math.min(Math.floor((b0 - 1) / pool), freqWidth >> 1);
  const first = b0 - margin * pool;
  const width = Math.min(bandCount + 2 * margin, Math.floor((bins - first) / pool));
  const pooled = new Float32Array(frames * width);
  const mid2 = new Float32Array(frames * width);
  for (let f = 0; f < frames; f++) {
    for (let b = 0; b < width; b++) {
      let amplitude = 0;
      let m2 = 0;
      for (let k = first + b * pool, end = k + pool; k < end; k++) {
        const m = mag[f * bins + k];
        amplitude += m;
        m2 += m * m;
      }
      pooled[f * width + b] = amplitude;
      mid2[f * width + b] = m2;
    }
  }
  const sidePowers = side ? bandPowers(side, mid, first, pool, width) : null;
  const side2 = sidePowers?.band ?? null;
  const harmonic = new Float32Array(frames * width);
  const percussive = new Float32Array(frames * width);
  const scratch = new Float64Array(Math.max(timeWidth, freqWidth));
  for (let b = margin; b < margin + bandCount; b++) runningMedian(pooled, b, width, harmonic, b, width, frames, timeWidth, scratch);
  for (let f = 0; f < frames; f++) runningMedian(pooled, f * width, 1, percussive, f * width, 1, width, freqWidth, scratch);
  const margin2 = p.separationMargin * p.separationMargin;
  const power = new Float64Array(frames);
  const bandPower = new Float64Array(frames);
  const framePower = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    let total = 0;
    let harmonicSum = 0;
    for (let b = margin; b < margin + bandCount; b++) {
      const i = f * width + b;
      const h2 = harmonic[i] * harmonic[i];
      const q2 = percussive[i] * percussive[i];
      const mask = h2 + margin2 * q2 > 0 ? h2 / (h2 + margin2 * q2) : 0;
      const m2 = mid2[i];
      let c = 1;
      if (side2) c = m2 + side2[i] > 0 ? Math.max(0, (m2 - side2[i]) / (m2 + side2[i])) : 0;
      harmonicSum += mask * m2;
      sum += mask * c * m2;
      total += m2 + (side2 ? side2[i] : 0);
    }
    power[f] = sum;
    bandPower[f] = total;
    let all = 0;
    for (let k = 0; k < bins; k++) all += mag[f * bins + k] * mag[f * bins + k];
    if (sidePowers) all += sidePowers.total[f];
    framePower[f] = all;
    centre[f] = harmonicSum > 0 ? sum / harmonicSum : 1;
  }
  const silence = 10 ** (p.silenceDb / 10);
  const bandLevels: number[] = [];
  const frameLevels: number[] = [];
  for (let f = 0; f < frames; f++) {
    if (bandPower[f] > silence) bandLevels.push(10 * Math.log10(bandPower[f]));
    if (framePower[f] > silence) frameLevels.push(10 * Math.log10(framePower[f]));
  }
  if (bandLevels.length === 0) return { frameRate: mid.frameRate, levelDb: levelDb.fill(p.silenceDb), weight, centre };
  // 0 dB is the loud level of the whole formant band (mid + side, harmonic + percussive), so the
  // emphasised part is measured against everything that sounds there. Floor: when the band
  // holds nothing but leakage (a bass line, a snare's tail), that leakage must not become the
  // reference, so the band's reference is at least the whole spectrum's minus bandFloorDb.
  const reference = Math.max(percentile(bandLevels, p.referencePercentile / 100), percentile(frameLevels, p.referencePercentile / 100) - p.bandFloorDb);
  for (let f = 0; f < frames; f++) levelDb[f] = power[f] > silence ? 10 * Math.log10(power[f]) - reference : p.silenceDb;
  const hold = Math.round(p.holdSeconds * mid.frameRate); // [frames] each side
  const held = runningMax(levelDb, hold, hold);
  for (let f = 0; f < frames; f++) weight[f] = 1 / (1 + Math.exp(-(held[f] - p.midpointDb) / p.slopeDb));
  return { frameRate: mid.frameRate, levelDb, weight, centre };
}

/**
 * Power of `signal` in `width` bands of `pool` bins from bin `first`, and over all bins, per frame,
 * with the framing of `like` (same window, FFT size, hop and frame count).
 */
function bandPowers(signal: Float32Array, like: Spectrogram, first: number, pool: number, width: number): { band: Float32Array; total: Float64Array } {
  const frames = like.frameCount;
  const band = new Float32Array(frames * width);
  const total = new Float64Array(frames);
  forEachStftFrame(signal, { size: like.fftSize, hop: like.hop, frameCount: frames }, (f, out) => {
    let sum = 0;
    for (let k = 0; k <= like.fftSize / 2; k++) sum += out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1];
    total[f] = sum;
    for (let b = 0; b < width; b++) {
      let p = 0;
      for (let k = first + b * pool, end = k + pool; k < end; k++) p += out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1];
      band[f * width + b] = p;
    }
  });
  return { band, total };
}

/** The weight at another frame rate (nearest frame in time), e.g. onto the 50 Hz pitch frames. */
export function emphasisAt(emphasis: VocalEmphasis, frameRate: number, count: number): Float32Array {
  const out = new Float32Array(count);
  const n = emphasis.weight.length;
  for (let i = 0; i < count; i++) {
    const j = Math.round((i / frameRate) * emphasis.frameRate);
    out[i] = n ? emphasis.weight[Math.max(0, Math.min(n - 1, j))] : 0;
  }
  return out;
}
