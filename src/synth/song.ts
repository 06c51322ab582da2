/**
 * A song mvgen writes itself, with exact truth: drums at a known tempo, a bass line, and a sung
 * vowel melody on known vocal segments. The demo renders it and the tests use it as a fixture, so
 * neither needs anything outside the repository. Pure and seeded: same options → same samples.
 */
import { createRandom } from "../core/random.ts";
import type { PcmAudio } from "../core/audio.ts";
import type { Span } from "../core/schemas/common.ts";
import { hz } from "../core/units.ts";

export interface SongPart {
  /** Bars of 4 beats. */
  readonly bars: number;
  readonly vocals: boolean;
  /** Drum level, 0–1. */
  readonly drums: number;
  /** Semitones added to the melody (a chorus sits higher). */
  readonly lift?: number;
}

export interface SongOptions {
  readonly bpm: number;
  readonly parts: readonly SongPart[];
  /** [Hz]; 44100 by default. */
  readonly sampleRate?: number;
  /** Fundamental of the melody's root [Hz]: ≈ 130 for a male voice, ≈ 260 for a female one. */
  readonly voiceRoot?: number;
  readonly seed?: number;
  /** Cut the song short at this many seconds (a test fixture of 3 s, say). */
  readonly maxSeconds?: number;
}

export interface SongTruth {
  readonly bpm: number;
  /** [s] every beat. */
  readonly beats: number[];
  /** [s] the first beat of every bar. */
  readonly downbeats: number[];
  /** [s] where the voice sings. */
  readonly vocalSegments: Span[];
  readonly duration: number;
}

export interface SynthesizedSong {
  readonly audio: PcmAudio;
  readonly truth: SongTruth;
}

/** The demo's structure: intro, verse, chorus, verse, chorus, outro at 120 BPM (≈ 40 s). */
export const DEMO_SONG: SongOptions = {
  bpm: 120,
  parts: [
    { bars: 2, vocals: false, drums: 0.5 },
    { bars: 4, vocals: true, drums: 0.7 },
    { bars: 4, vocals: true, drums: 1, lift: 5 },
    { bars: 2, vocals: false, drums: 0.8 },
    { bars: 4, vocals: true, drums: 1, lift: 5 },
    { bars: 2, vocals: false, drums: 0.4 },
  ],
  voiceRoot: 220,
  seed: 7,
};

/** Vowel formants [Hz] and bandwidths: classic Peterson–Barney-like values for a sung a/e/i/o/u. */
const VOWELS: ReadonlyArray<readonly [number, number, number]> = [
  [800, 1200, 2500], // a
  [450, 1900, 2600], // e
  [300, 2300, 3000], // i
  [500, 850, 2500], // o
  [330, 750, 2400], // u
];

/** A pentatonic phrase in semitones above the root, one note per beat, 8 beats long. */
const MELODY = [0, 3, 5, 7, 5, 3, 7, 10];

export function synthesizeSong(options: SongOptions): SynthesizedSong {
  const rate = options.sampleRate ?? 44100;
  const beat = 60 / options.bpm;
  const totalBars = options.parts.reduce((sum, p) => sum + p.bars, 0);
  const fullSeconds = totalBars * 4 * beat;
  const duration = Math.min(fullSeconds, options.maxSeconds ?? Infinity);
  const length = Math.round(duration * rate);
  const left = new Float32Array(length);
  const right = new Float32Array(length);
  const random = createRandom(options.seed ?? 1);
  const noise = Float32Array.from({ length: Math.round(0.3 * rate) }, () => random.next() * 2 - 1);

  const beats: number[] = [];
  const downbeats: number[] = [];
  const vocalSegments: Span[] = [];
  let bar = 0;
  for (const part of options.parts) {
    const partStart = bar * 4 * beat;
    if (part.vocals && partStart < duration) {
      const end = Math.min(duration, partStart + part.bars * 4 * beat - 0.5 * beat);
      vocalSegments.push({ start: round3(partStart), end: round3(end) });
    }
    for (let b = 0; b < part.bars * 4; b++) {
      const t = partStart + b * beat;
      if (t >= duration) break;
      beats.push(round3(t));
      if (b % 4 === 0) downbeats.push(round3(t));
      const inBar = b % 4;
      if (inBar === 0 || inBar === 2) addKick(left, right, t, rate, part.drums);
      if (inBar === 1 || inBar === 3) addSnare(left, right, t, rate, part.drums, noise);
      addHat(left, right, t, rate, part.drums * 0.6, noise);
      addHat(left, right, t + beat / 2, rate, part.drums * 0.35, noise);
      addBass(left, right, t, beat, rate, MELODY[(b + bar * 4) % 8] % 12);
      if (part.vocals) {
        const note = (bar * 4 + b) % 8;
        // Legato within a part; the part's last note is half a beat, so the segment ends there.
        const noteLength = b === part.bars * 4 - 1 ? beat * 0.5 : beat;
        const f0 = (options.voiceRoot ?? 220) * 2 ** ((MELODY[note] + (part.lift ?? 0)) / 12);
        addSungNote(left, right, t, noteLength, f0, VOWELS[(note * 3 + bar) % VOWELS.length], rate);
      }
    }
    bar += part.bars;
  }
  normalise(left, right, 0.89);
  return {
    audio: { sampleRate: hz(rate), channels: [left, right] },
    truth: { bpm: options.bpm, beats, downbeats, vocalSegments, duration: length / rate },
  };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function span(t: number, seconds: number, rate: number, length: number): [number, number] {
  const start = Math.round(t * rate);
  return [start, Math.min(length, start + Math.round(seconds * rate))];
}

function addKick(l: Float32Array, r: Float32Array, t: number, rate: number, level: number): void {
  const [a, b] = span(t, 0.35, rate, l.length);
  let phase = 0;
  for (let i = a; i < b; i++) {
    const x = (i - a) / rate;
    // Pitch falls 150 → 50 Hz in ≈ 50 ms: the thump of a kick drum.
    const f = 50 + 100 * Math.exp(-x / 0.05);
    phase += (2 * Math.PI * f) / rate;
    const v = 0.9 * level * Math.sin(phase) * Math.exp(-x / 0.12);
    l[i] += v;
    r[i] += v;
  }
}

function addSnare(l: Float32Array, r: Float32Array, t: number, rate: number, level: number, noise: Float32Array): void {
  const [a, b] = span(t, 0.25, rate, l.length);
  for (let i = a; i < b; i++) {
    const x = (i - a) / rate;
    const v = level * (0.45 * noise[(i - a) % noise.length] * Math.exp(-x / 0.06) + 0.3 * Math.sin(2 * Math.PI * 185 * x) * Math.exp(-x / 0.04));
    l[i] += v;
    r[i] += v;
  }
}

function addHat(l: Float32Array, r: Float32Array, t: number, rate: number, level: number, noise: Float32Array): void {
  const [a, b] = span(t, 0.05, rate, l.length);
  let previous = 0;
  for (let i = a; i < b; i++) {
    const x = (i - a) / rate;
    const n = noise[(i * 7) % noise.length];
    const v = level * 0.25 * (n - previous) * Math.exp(-x / 0.015); // first difference ≈ a high-pass
    previous = n;
    l[i] += 0.7 * v; // hats sit left of centre, so stereo input differs from mono
    r[i] += 0.3 * v;
  }
}

function addBass(l: Float32Array, r: Float32Array, t: number, beat: number, rate: number, semitone: number): void {
  const [a, b] = span(t, beat * 0.9, rate, l.length);
  const f = 55 * 2 ** (semitone / 12);
  for (let i = a; i < b; i++) {
    const x = (i - a) / rate;
    const env = Math.min(1, x / 0.01) * Math.exp(-x / 0.4);
    const v = 0.22 * env * (Math.sin(2 * Math.PI * f * x) + 0.3 * Math.sin(4 * Math.PI * f * x));
    l[i] += v;
    r[i] += v;
  }
}

/** Additive voice: harmonics of f0 weighted by the vowel's formant envelope, with vibrato. */
function addSungNote(
  l: Float32Array,
  r: Float32Array,
  t: number,
  seconds: number,
  f0: number,
  formants: readonly [number, number, number],
  rate: number,
): void {
  const [a, b] = span(t, seconds, rate, l.length);
  const harmonics = Math.max(1, Math.floor(4000 / f0));
  const gains = new Float64Array(harmonics + 1);
  for (let k = 1; k <= harmonics; k++) {
    const f = k * f0;
    let g = 0;
    formants.forEach((formant, i) => {
      const bandwidth = 80 + 40 * i;
      g += (1 / (i + 1)) / (1 + ((f - formant) / bandwidth) ** 2);
    });
    gains[k] = g / Math.sqrt(k);
  }
  const phases = new Float64Array(harmonics + 1);
  const attack = 0.03;
  const release = 0.05;
  for (let i = a; i < b; i++) {
    const x = (i - a) / rate;
    const env = Math.min(1, x / attack) * Math.min(1, (seconds - x) / release);
    // 5.5 Hz vibrato of ±0.5 semitone (≈ ±3 %), typical of a trained singer.
    const f = f0 * (1 + 0.03 * Math.sin(2 * Math.PI * 5.5 * x) * Math.min(1, x / 0.2));
    let v = 0;
    for (let k = 1; k <= harmonics; k++) {
      phases[k] += (2 * Math.PI * k * f) / rate;
      v += gains[k] * Math.sin(phases[k]);
    }
    v *= 0.3 * Math.max(0, env);
    l[i] += v;
    r[i] += v;
  }
}

function normalise(l: Float32Array, r: Float32Array, peak: number): void {
  let max = 0;
  for (let i = 0; i < l.length; i++) max = Math.max(max, Math.abs(l[i]), Math.abs(r[i]));
  if (max === 0) return;
  const g = peak / max;
  for (let i = 0; i < l.length; i++) {
    l[i] *= g;
    r[i] *= g;
  }
}
