/**
 * The mouth track: per video frame, how far the jaw is open, how rounded and how spread the lips
 * are, and which mouth shape (viseme) that is. Pure DSP on the song's samples plus the analysis'
 * vocal-activity curve; no model, no recogniser.
 *
 * Choice, measured per 25 fps frame against the corpus' Festival phone labels (lip-sync note):
 *   this track: M/B/P frames closed 1.00 (speech) / 0.73 (sung Daisy), open-vowel frames open
 *   1.00 / 0.85, viseme class agreement 0.49 / 0.44, in 34 / 85 ms;
 *   PocketSphinx 0.8 phone loop (Debian `pocketsphinx-en-us`, allphone mode) mapped to the same
 *   classes: closed 0.50 / 0.80, in a vowel 1.00 / 0.92, class agreement 0.53 / 0.70, in 9 s / 35 s
 *   (3–4× real time with wide beams) — and a phone recogniser trained on read speech has no
 *   answer for a voice over a band. It names vowels better; the timing of closures and openings,
 *   which is what viewers judge, is as good or better here at 1/300 of the time, with no model.
 *
 * Steps, all from 10 ms features (mouth-features.ts):
 *   1. level of the voice band relative to the singer's loud frames → syllable envelope;
 *   2. jaw = envelope × vowel height, from the F1 region's centroid relative to the singer's own
 *      (open vowels have a higher F1 than close ones; a soprano's are all higher than a bass');
 *   3. rounding from a low F2 with a steep spectral tilt, spreading from a high F2;
 *   4. closures: a valley ≈ 9 dB below the syllable peaks on both sides (within 120 ms), without
 *      fricative noise in it or a hissing burst at its end — labial stops and nasal murmurs, not
 *      T/K/S/TH and not the tail of a fading note; held until the release (`closureHold`);
 *   5. coarticulation: a Gaussian over ±2σ = 60 ms and a critically damped jaw, then closures cut
 *      back in (lips do close fully, whatever the neighbours); the track leads by `anticipation`;
 *   6. everything is gated by the phrases: a vocal segment trimmed to its first and last sound
 *      (inside it the singer is mid-phrase, pauses included, and the jaw rides on `phraseFloor`);
 *      no singer, no mouth movement. After a phrase the jaw relaxes to rest over `releaseSeconds`.
 *      Without segments the activity curve gates.
 */
import { defineParameters, resolveParameters, type ParameterValues } from "../parameters.ts";
import { mergeSpans } from "../segments.ts";
import { rankPercentile, runningMax } from "../statistics.ts";
import { computeMouthFeatures, type MouthFeatures } from "./mouth-features.ts";
import { NEUTRAL_TARGET, PHONE_TARGETS, phoneAt } from "./phone-targets.ts";
import type { Viseme } from "./visemes.ts";

export const MOUTH_TRACK_PARAMETERS = defineParameters({
  referencePercentile: { unit: "%", min: 50, max: 100, default: 90, description: "percentile of the voice-band level over sung frames taken as 'full voice' (0 dB)" },
  quietDb: { unit: "dB", min: -60, max: -5, default: -26, description: "level relative to full voice at which the jaw is closed" },
  loudDb: { unit: "dB", min: -30, max: 0, default: -5, description: "level relative to full voice at which the envelope is 1" },
  closedF1: { unit: "Hz", min: 200, max: 600, default: 360, description: "F1-region centroid of a close vowel (I, U), when the song has too few sung frames to measure the singer's own range" },
  openF1: { unit: "Hz", min: 400, max: 1000, default: 700, description: "F1-region centroid of an open vowel (A), likewise the fallback" },
  heightSpread: { unit: "sd", min: 1, max: 8, default: 3, description: "width of the close → open vowel scale in standard deviations of the singer's F1-region centroid over sung frames, centred on its mean (speaker normalisation, Lobanov 1971: vowel height is relative to the voice)" },
  heightWeight: { unit: "", min: 0, max: 1, default: 0.5, description: "share of the jaw opening set by vowel height; the rest follows the syllable envelope alone" },
  dipDb: { unit: "dB", min: 2, max: 30, default: 9, description: "drop below the neighbouring peaks at which a closure is half sure" },
  dipSeconds: { unit: "s", min: 0.02, max: 0.4, default: 0.12, description: "half-width of the window the neighbouring peaks are taken in [about one syllable]" },
  smoothSeconds: { unit: "s", min: 0, max: 0.2, default: 0.03, description: "σ of the coarticulation smoothing" },
  anticipation: { unit: "s", min: 0, max: 0.1, default: 0.02, description: "the mouth moves this long before the sound (Massaro: visible speech leads the audio by ≈ 20–100 ms)" },
  activityOn: { unit: "", min: 0, max: 1, default: 0.5, description: "without vocal segments: vocal activity at which the mouth is fully free to move" },
  activityOff: { unit: "", min: 0, max: 1, default: 0.25, description: "without vocal segments: vocal activity below which the mouth rests closed" },
  phraseFloor: { unit: "", min: 0, max: 0.5, default: 0.22, description: "jaw opening inside a sung phrase that the syllables ride on: singers keep the jaw loose between syllables and close it for M/B/P only" },
  segmentMargin: { unit: "s", min: 0, max: 1, default: 0.12, description: "a phrase's first and last sound are looked for this far outside its vocal segment (the segments come from a curve smoothed over ≈ 0.3 s)" },
  closureHold: { unit: "s", min: 0, max: 0.1, default: 0.03, description: "the lips stay closed this long after the deepest part of a closure dip (until the release)" },
  releaseSeconds: { unit: "s", min: 0, max: 1, default: 0.3, description: "after a phrase's last sound the jaw relaxes from the phrase floor to rest over this long, instead of snapping shut" },
  burstHiss: { unit: "", min: 0, max: 1.2, default: 0.3, description: "share of power above 4 kHz, in a dip or its release (−20…+40 ms), above which the dip is a T/K/S/TH and not a lip closure" },
  lyricFloor: { unit: "", min: 0, max: 1, default: 0.5, description: "with lyrics: least loudness envelope a sung phone's shape is drawn with — a quiet word is still mouthed" },
  lyricWeight: { unit: "", min: 0, max: 1, default: 1, description: "with lyrics: share of the jaw, rounding and spreading taken from the phone rather than the spectrum" },
  lyricBreath: { unit: "", min: 0, max: 1, default: 0.3, description: "with lyrics: jaw opening of the breath taken through the mouth before a phrase that follows a pause (speakers and singers open ≈ 0.1–0.4 s before the first sound)" },
  lyricPhraseFloor: { unit: "", min: 0, max: 0.5, default: 0.05, description: "with lyrics: the phrase floor (phraseFloor) — the phones say where the consonants are, so the jaw may rise between syllables as a speaker's does" },
  lyricGap: { unit: "s", min: 0, max: 1, default: 0.25, description: "with lyrics: words closer than this belong to one phrase (the jaw stays loose between them)" },
  jawHz: { unit: "Hz", min: 1, max: 20, default: 10, description: "natural frequency of the jaw's critically damped response (applied forwards and backwards: no lag) [10 Hz, run both ways, keeps 64 % of a 5 Hz syllable cycle (fast speech, GRID: 4–6 syllables/s); 6 Hz kept 35 %]" },
});
export type MouthTrackParameters = ParameterValues<typeof MOUTH_TRACK_PARAMETERS>;

export interface MouthTrack {
  /** video frames per second the values are sampled at (frame n covers [n/fps, (n+1)/fps)) */
  readonly fps: number;
  /** jaw opening per frame, 0 (lips together) – 1 (wide open) */
  readonly open: number[];
  /** lip rounding per frame, 0–1 (O, U, W) */
  readonly round: number[];
  /** lip spreading per frame, 0–1 (I, E, S) */
  readonly spread: number[];
  /** one viseme letter per frame (see visemes.ts) */
  readonly visemes: string;
}

export interface MouthTrackInput {
  /** the song, mono */
  readonly samples: Float32Array;
  readonly sampleRate: number;
  /** the analysis' vocal-activity curve, 0–1 */
  readonly vocalActivity: { readonly rate: number; readonly values: readonly number[] };
  /**
   * the analysis' vocal segments [s]: outside them (± `segmentMargin`) the mouth rests, whatever
   * the activity curve's tail says. Omitted: the curve alone decides.
   */
  readonly vocalSegments?: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  /** video frame rate and length */
  readonly fps: number;
  readonly frameCount: number;
  /** precomputed features (the eval reuses them); computed from the samples otherwise */
  readonly features?: MouthFeatures;
  /**
   * The lyrics' phones on the song's clock (src/analysis/lyrics), sorted: where one sounds, its
   * shape replaces the spectral guess (closures exactly on M/B/P and nowhere else, vowel height
   * from the vowel), scaled by the voice's loudness; its words are sung phrases.
   */
  readonly phones?: ReadonlyArray<{ readonly phone: string; readonly start: number; readonly end: number }>;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const smoothstep = (x: number, a: number, b: number) => {
  const t = clamp01((x - a) / (b - a));
  return t * t * (3 - 2 * t);
};
const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function computeMouthTrack(input: MouthTrackInput, overrides: Partial<MouthTrackParameters> = {}): MouthTrack {
  const p = resolveParameters("mouthTrack", MOUTH_TRACK_PARAMETERS, overrides);
  const f = input.features ?? computeMouthFeatures(input.samples, input.sampleRate);
  const n = f.length;
  const activityAt = (t: number) => sampleCurve(input.vocalActivity, t);

  // 1. Reference: the singer's full voice, from the frames the analysis says are sung.
  const sung: number[] = [];
  for (let i = 0; i < n; i++) if (activityAt(i / f.rate) >= 0.5) sung.push(f.voiceDb[i]);
  const pool = sung.length >= 10 ? sung : Array.from(f.voiceDb);
  const reference = rankPercentile(pool, p.referencePercentile / 100);

  // 2–4. Per feature frame targets.
  const open = new Float64Array(n);
  const round = new Float64Array(n);
  const spread = new Float64Array(n);
  const closure = new Float64Array(n);
  const fricative = new Float64Array(n);
  const rel = new Float64Array(n);
  for (let i = 0; i < n; i++) rel[i] = f.voiceDb[i] - reference;
  // Vowel height relative to the singer's own F1 range: the F1-region centroid of sung, voiced
  // frames, mean ± heightSpread/2 standard deviations → close … open. Too few: the fixed scale.
  const voiced: number[] = [];
  for (let i = 0; i < n; i++) if (activityAt(i / f.rate) >= 0.5 && rel[i] >= p.quietDb + 10) voiced.push(f.f1Hz[i]);
  const heightOf = heightScale(voiced, p);
  // A closure is a valley: lower than the syllables on both sides, not the tail of a fading note.
  const reach = Math.max(1, Math.round(p.dipSeconds * f.rate));
  const before = runningMax(rel, reach, 0);
  const after = runningMax(rel, 0, reach);
  // The lips close for M/B/P only. Their dips are quiet above 4 kHz and so is their release; a T, K,
  // S or TH dip hisses in the gap or bursts at its end (Stevens 1998 ch. 7: the alveolar and velar
  // bursts are strong above 3–4 kHz, the labial one weak and diffuse). Other dips raise the jaw to
  // the phrase floor with the lips still parted, which is also what the face does.
  const burst = runningMax(f.hiss, Math.round(0.02 * f.rate), Math.round(0.04 * f.rate));
  for (let i = 0; i < n; i++) {
    const envelope = smoothstep(rel[i], p.quietDb, p.loudDb);
    const height = heightOf(f.f1Hz[i]);
    const noise = smoothstep(f.hiss[i], 0.12, 0.35);
    open[i] = envelope * (1 - p.heightWeight + p.heightWeight * height) * (1 - 0.5 * noise);
    // Rounded vowels: F2 below ≈ 1.2 kHz and a spectrum that falls off steeply above it.
    round[i] = envelope * clamp01((1450 - f.f2Hz[i]) / 450) * smoothstep(-f.tiltDb[i], 12, 22);
    spread[i] = Math.max(envelope, noise) * clamp01((f.f2Hz[i] - 1500) / 700);
    // A dip between syllables with no hiss in it: a stop closure or a nasal murmur. Peaks below
    // the quiet level do not make syllables, so their dips do not count either.
    const rim = Math.min(before[i], after[i]);
    const labial = 1 - smoothstep(burst[i], p.burstHiss - 0.1, p.burstHiss + 0.1);
    closure[i] = smoothstep(rim - rel[i], p.dipDb - 4, p.dipDb + 4) * (1 - noise) * labial * smoothstep(rim, p.quietDb, p.quietDb + 8);
    fricative[i] = noise * smoothstep(rel[i], p.quietDb - 10, p.quietDb + 6) * (1 - smoothstep(f.hiss[i], 0.4, 0.6));
  }
  // Lyrics: the phone says what the mouth does, the voice how strongly.
  const phones = input.phones && input.phones.length > 0 ? input.phones : undefined;
  // The lyrics' words as phrases (joined across gaps under `lyricGap`); the first one, and each
  // after a pause, begins with a breath.
  const lyricPhrases = (phones ? mergeSpans(phones, p.lyricGap) : []).map((ph, k, all) => ({ ...ph, breath: k === 0 || ph.start - all[k - 1].end >= BREATH_PAUSE_SECONDS }));
  const height = new Float64Array(n).fill(-1);
  if (phones) {
    for (let i = 0; i < n; i++) {
      const sounding = phoneAt(phones, i / f.rate);
      if (!sounding) continue;
      const target = PHONE_TARGETS[sounding.phone] ?? NEUTRAL_TARGET;
      const envelope = Math.max(p.lyricFloor, smoothstep(rel[i], p.quietDb, p.loudDb));
      const w = p.lyricWeight;
      open[i] = w * envelope * target.open + (1 - w) * open[i];
      round[i] = w * envelope * target.round + (1 - w) * round[i];
      spread[i] = w * envelope * target.spread + (1 - w) * spread[i];
      closure[i] = target.closed;
      fricative[i] = target.fricative;
      height[i] = target.open;
    }
    // The breath before each phrase that follows a pause: a raised-cosine opening over the 0.4 s
    // before its first sound, closing again by the sound (which may be a B).
    for (const phrase of lyricPhrases) {
      if (!phrase.breath || p.lyricBreath <= 0) continue;
      for (let i = Math.max(0, Math.floor((phrase.start - BREATH_SECONDS) * f.rate)); i < Math.min(n, Math.floor(phrase.start * f.rate)); i++) {
        const x = (i / f.rate - (phrase.start - BREATH_SECONDS)) / BREATH_SECONDS; // 0 … 1
        open[i] = Math.max(open[i], p.lyricBreath * 0.5 * (1 - Math.cos(2 * Math.PI * x)));
      }
    }
  }

  // 5. Coarticulation, then the closures cut back in, then anticipation (a shift in time).
  const sigma = p.smoothSeconds * f.rate;
  // The jaw is a mass on muscles: a critically damped response (no overshoot) rather than a
  // Gaussian, so it eases through dips instead of dropping into each one (GRID's real speaker).
  const openS = criticallyDamped(gaussianSmooth(open, sigma), p.jawHz, f.rate);
  const roundS = gaussianSmooth(round, sigma * 1.5);
  const spreadS = gaussianSmooth(spread, sigma * 1.5);
  // Lips stay shut until the release burst, which comes at the dip's end: hold each closure
  // `closureHold` longer (a running max looking back), then soften its edges.
  const closureS = gaussianSmooth(runningMax(closure, Math.round(p.closureHold * f.rate), 0), sigma * 0.4);
  const lead = p.anticipation;
  const phraseFloor = phones ? p.lyricPhraseFloor : p.phraseFloor;

  // 6. Phrases: each vocal segment trimmed (or stretched by up to `segmentMargin`) to its first and
  // last voice-band frame above `quietDb`. The segments come from an activity curve smoothed over
  // ≈ 0.3 s, so they often begin a few frames before the voice; a phrase that starts with M/B/P
  // (GRID's "bin …", "place …") must keep the lips shut until the burst, and a jaw held on the
  // phrase floor after the last sound is a mouth hanging open in silence.
  const segments = input.vocalSegments;
  const segmentPhrases = (segments ?? []).map((sg) => {
    const lo = Math.max(0, Math.floor((sg.start - p.segmentMargin) * f.rate));
    const hi = Math.min(n - 1, Math.ceil((sg.end + p.segmentMargin) * f.rate));
    let first = -1, last = -1;
    for (let i = lo; i <= hi; i++) {
      if (rel[i] < p.quietDb) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0) return { start: sg.start, end: sg.end };
    return { start: Math.max(sg.start - p.segmentMargin, first / f.rate - lead), end: Math.min(sg.end + p.segmentMargin, (last + 1) / f.rate) };
  });
  // With lyrics, their words are sung phrases too (a segment the analysis missed still sings).
  const phrases = phones
    ? [...segmentPhrases, ...lyricPhrases.map((ph) => ({ start: ph.start - lead - (ph.breath ? BREATH_SECONDS : 0), end: ph.end }))]
    : segmentPhrases;

  // 7. Video frames: the mean over the frame's span, gated by the phrases.
  const openOut: number[] = [];
  const roundOut: number[] = [];
  const spreadOut: number[] = [];
  let visemes = "";
  for (let k = 0; k < input.frameCount; k++) {
    const t0 = k / input.fps + lead;
    const t1 = (k + 1) / input.fps + lead;
    const a = Math.max(0, Math.min(n - 1, Math.floor(t0 * f.rate)));
    const b = Math.max(a + 1, Math.min(n, Math.ceil(t1 * f.rate)));
    let o = 0, r = 0, s = 0, c = 0, fr = 0, h = 0;
    for (let i = a; i < b; i++) {
      o += openS[i];
      r += roundS[i];
      s += spreadS[i];
      c = Math.max(c, closureS[i]);
      fr += fricative[i];
      h += height[i] >= 0 ? height[i] : heightOf(f.f1Hz[i]);
    }
    const m = n === 0 ? 1 : b - a;
    const centre = (k + 0.5) / input.fps;
    // Inside a phrase the singer is mid-phrase: a breath or a held rest does not drop the jaw to
    // rest (the segments already bridge such gaps).
    const gate = segments || phones ? (phrases.some((ph) => centre >= ph.start && centre < ph.end) ? 1 : 0) : smoothstep(activityAt(centre), p.activityOff, p.activityOn);
    // After the phrase's last sound the jaw relaxes to rest instead of snapping shut.
    const since = Math.min(...phrases.map((ph) => (centre >= ph.end ? centre - ph.end : Infinity)));
    const release = since < p.releaseSeconds ? phraseFloor * (1 - smoothstep(since, 0, p.releaseSeconds)) : 0;
    const shut = smoothstep(c, 0.3, 0.6);
    // The syllables ride on the floor rather than being cut off below it: max(o, floor) would flatten
    // every quiet syllable into the same plateau.
    const jaw = Math.max(clamp01((phraseFloor + (1 - phraseFloor) * (o / m)) * (1 - shut)) * gate, release * (1 - shut));
    const rd = clamp01(r / m) * gate;
    const sp = clamp01(s / m) * gate * (1 - 0.6 * rd);
    openOut.push(round3(jaw));
    roundOut.push(round3(rd));
    spreadOut.push(round3(sp));
    visemes += visemeFor(Math.max(gate, release > 0.05 ? 1 : 0), shut, fr / m, jaw, rd, sp, h / m);
  }
  return { fps: input.fps, open: openOut, round: roundOut, spread: spreadOut, visemes };
}

/** [s] the breath before a phrase takes (with lyrics). */
const BREATH_SECONDS = 0.4;
/** [s] the least pause after which a lyric phrase starts with a breath (shorter ones are sung through). */
const BREATH_PAUSE_SECONDS = 0.6;

function visemeFor(gate: number, shut: number, fricative: number, open: number, round: number, spread: number, height: number): Viseme {
  if (gate < 0.5) return "X";
  if (shut >= 0.5) return "M";
  if (fricative >= 0.5 && open < 0.35) return spread >= 0.4 ? "I" : "F";
  if (round >= 0.4 && round >= spread) return "O";
  if (open >= 0.5 && height >= 0.5) return "A";
  if (spread >= 0.4) return "I";
  if (open < 0.08) return "X";
  return "C";
}

/**
 * Vowel height 0 (close) – 1 (open) from an F1-region centroid [Hz]: relative to the singer's own
 * centroids over voiced sung frames (mean ± spread/2 sd; sd at least 40 Hz, so a monotone chant
 * does not swing the jaw on noise), or the fixed closedF1…openF1 scale with fewer than 50 such
 * frames [0.5 s].
 */
function heightScale(voiced: readonly number[], p: MouthTrackParameters): (f1: number) => number {
  if (voiced.length < 50) return (f1) => clamp01((f1 - p.closedF1) / (p.openF1 - p.closedF1));
  const mean = voiced.reduce((s, x) => s + x, 0) / voiced.length;
  const sd = Math.max(40, Math.sqrt(voiced.reduce((s, x) => s + (x - mean) ** 2, 0) / voiced.length));
  return (f1) => clamp01(0.5 + (f1 - mean) / (p.heightSpread * sd));
}

/** Linear interpolation of a curve at time t [s]; 0 outside it. */
function sampleCurve(curve: { readonly rate: number; readonly values: readonly number[] }, t: number): number {
  const { values, rate } = curve;
  if (values.length === 0) return 0;
  const x = t * rate;
  if (x <= 0) return values[0];
  if (x >= values.length - 1) return values[values.length - 1];
  const i = Math.floor(x);
  return values[i] + (values[i + 1] - values[i]) * (x - i);
}

/**
 * A critically damped second-order response (x'' = ω²(u − x) − 2ωx', ω = 2π·hz) run forwards and
 * then backwards over the series sampled at `rate`, so it smooths without delaying.
 */
export function criticallyDamped(values: Float64Array, hz: number, rate: number): Float64Array {
  const w = 2 * Math.PI * hz;
  const dt = 1 / rate;
  const pass = (input: Float64Array, backwards: boolean) => {
    const out = new Float64Array(input.length);
    const n = input.length;
    if (n === 0) return out;
    let x = input[backwards ? n - 1 : 0];
    let v = 0;
    // Semi-implicit Euler in 4 sub-steps per sample: stable for ω·dt up to ≈ 8.
    const h = dt / 4;
    for (let k = 0; k < n; k++) {
      const i = backwards ? n - 1 - k : k;
      for (let s = 0; s < 4; s++) {
        v += (w * w * (input[i] - x) - 2 * w * v) * h;
        x += v * h;
      }
      out[i] = x;
    }
    return out;
  };
  return pass(pass(values, false), true);
}

/** Gaussian smoothing with σ in frames (σ < 0.3 returns a copy), edges renormalised. */
function gaussianSmooth(values: Float64Array, sigma: number): Float64Array {
  if (sigma < 0.3) return Float64Array.from(values);
  const half = Math.ceil(sigma * 2.5);
  const kernel = new Float64Array(2 * half + 1);
  for (let j = -half; j <= half; j++) kernel[j + half] = Math.exp(-(j * j) / (2 * sigma * sigma));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let acc = 0;
    let w = 0;
    for (let j = -half; j <= half; j++) {
      const k = i + j;
      if (k < 0 || k >= values.length) continue;
      acc += values[k] * kernel[j + half];
      w += kernel[j + half];
    }
    out[i] = w > 0 ? acc / w : 0;
  }
  return out;
}
