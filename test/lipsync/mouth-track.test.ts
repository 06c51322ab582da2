/** The mouth track from audio with known truth: the project's own synthesised song and tones. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeAudio } from "../../src/analysis/analyze.ts";
import { computeMouthTrack, criticallyDamped } from "../../src/analysis/mouth/mouth-track.ts";
import { visemeOfPhone } from "../../src/analysis/mouth/visemes.ts";
import { mixToMono } from "../../src/core/audio.ts";
import { hz } from "../../src/core/units.ts";
import { synthesizeSong } from "../../src/synth/song.ts";

const RATE = 22050;
const FPS = 25;

test("the mouth moves where the song is sung and rests closed where only the band plays (0.8 s from the truth: the analysis may start a segment early)", () => {
  const song = synthesizeSong({
    bpm: 120,
    parts: [
      { bars: 2, vocals: false, drums: 1 },
      { bars: 4, vocals: true, drums: 1 },
      { bars: 2, vocals: false, drums: 1 },
    ],
    sampleRate: RATE,
    seed: 11,
  });
  const samples = mixToMono(song.audio);
  const analysis = analyzeAudio({ sampleRate: hz(RATE), channels: [samples] });
  const frameCount = Math.round((samples.length / RATE) * FPS);
  const track = computeMouthTrack({ samples, sampleRate: RATE, vocalActivity: analysis.vocalActivity, vocalSegments: analysis.vocalSegments, fps: FPS, frameCount });
  assert.equal(track.open.length, frameCount);
  assert.equal(track.visemes.length, frameCount);
  const sung = (n: number) => song.truth.vocalSegments.some((s) => (n + 0.5) / FPS >= s.start + 0.3 && (n + 0.5) / FPS < s.end - 0.3);
  const silent = (n: number) => song.truth.vocalSegments.every((s) => (n + 0.5) / FPS < s.start - 0.8 || (n + 0.5) / FPS > s.end + 0.8);
  let inside = 0, open = 0;
  for (let n = 0; n < frameCount; n++) {
    if (silent(n)) {
      assert.equal(track.open[n], 0, `frame ${n} (${(n / FPS).toFixed(2)} s): drums alone opened the mouth to ${track.open[n]}`);
      assert.equal(track.visemes[n], "X");
    }
    if (sung(n)) {
      inside++;
      if (track.open[n] > 0.2) open++;
    }
  }
  assert.ok(open / inside >= 0.7, `only ${open} of ${inside} sung frames have the mouth open`);
});

test("a gap between two sung vowels closes the lips; the vowels open them", () => {
  // "a — m — a": two 0.4 s vowels on a 200 Hz voice, a 0.12 s murmur 30 dB down between them.
  const seconds = 1.6;
  const samples = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < samples.length; i++) {
    const t = i / RATE;
    const level = t >= 0.4 && t < 0.8 ? 1 : t >= 0.92 && t < 1.32 ? 1 : t >= 0.8 && t < 0.92 ? 0.03 : 0;
    let v = 0;
    // Harmonics shaped by an "a" (F1 800 Hz, F2 1200 Hz).
    for (let h = 1; h * 200 < 5000; h++) {
      const f = h * 200;
      const gain = 1 / (1 + ((f - 800) / 150) ** 2) + 0.6 / (1 + ((f - 1200) / 200) ** 2) + 0.05;
      v += gain * Math.sin(2 * Math.PI * f * t);
    }
    samples[i] = 0.1 * level * v;
  }
  const frameCount = Math.round(seconds * FPS);
  const vocalActivity = { rate: FPS, values: Array.from({ length: frameCount }, (_, n) => (n / FPS >= 0.35 && n / FPS < 1.4 ? 1 : 0)) };
  const track = computeMouthTrack({ samples, sampleRate: RATE, vocalActivity, fps: FPS, frameCount });
  const at = (t: number) => Math.floor(t * FPS);
  assert.ok(track.open[at(0.6)] > 0.5, `vowel: open ${track.open[at(0.6)]}`);
  assert.ok(track.open[at(1.1)] > 0.5, `vowel: open ${track.open[at(1.1)]}`);
  assert.ok(track.open[at(0.86)] < 0.1, `closure: open ${track.open[at(0.86)]}, visemes ${track.visemes}`);
  assert.equal(track.visemes[at(0.86)], "M");
  assert.equal(track.visemes[at(0.6)], "A");
  assert.equal(track.open[at(0.1)], 0);
});

test("phones map to the visemes animators use", () => {
  assert.equal(visemeOfPhone("m"), "M");
  assert.equal(visemeOfPhone("B"), "M");
  assert.equal(visemeOfPhone("f"), "F");
  assert.equal(visemeOfPhone("iy1"), "I");
  assert.equal(visemeOfPhone("aa"), "A");
  assert.equal(visemeOfPhone("uw"), "O");
  assert.equal(visemeOfPhone("pau"), "X");
  assert.equal(visemeOfPhone("t"), "C");
});

test("the jaw's critically damped smoothing neither delays nor overshoots", () => {
  const rate = 100;
  const pulse = new Float64Array(200);
  for (let i = 90; i < 110; i++) pulse[i] = 1;
  const out = criticallyDamped(pulse, 6, rate);
  let peak = 0;
  for (let i = 1; i < out.length; i++) if (out[i] > out[peak]) peak = i;
  // The pulse's centre is 99.5: forwards-then-backwards keeps the peak there (no lag).
  assert.ok(Math.abs(peak - 99.5) <= 1, `peak at ${peak}`);
  const step = new Float64Array(200);
  step.fill(1, 50);
  const stepped = criticallyDamped(step, 6, rate);
  assert.ok(Math.max(...stepped) <= 1 + 1e-9 && Math.min(...stepped) >= -1e-9, "no overshoot");
  assert.ok(Math.abs(stepped[50] - 0.5) < 0.05, `half way at the step: ${stepped[50]}`);
});

test("inside a vocal segment a pause keeps the jaw at the phrase floor; after the segment it relaxes to rest", () => {
  // Two vowels with 0.5 s of silence between them, one segment around both.
  const seconds = 3;
  const samples = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < samples.length; i++) {
    const t = i / RATE;
    const on = (t >= 0.5 && t < 1.0) || (t >= 1.5 && t < 2.0);
    samples[i] = on ? 0.2 * Math.sin(2 * Math.PI * 220 * t) + 0.1 * Math.sin(2 * Math.PI * 660 * t) : 0;
  }
  const frameCount = Math.round(seconds * FPS);
  const vocalActivity = { rate: FPS, values: Array.from({ length: frameCount }, (_, n) => ((n / FPS >= 0.5 && n / FPS < 1.0) || (n / FPS >= 1.5 && n / FPS < 2.0) ? 1 : 0)) };
  const track = computeMouthTrack({ samples, sampleRate: RATE, vocalActivity, vocalSegments: [{ start: 0.5, end: 2.0 }], fps: FPS, frameCount });
  const at = (t: number) => Math.floor(t * FPS);
  assert.ok(track.open[at(1.25)] >= 0.2, `pause inside the phrase: open ${track.open[at(1.25)]}`);
  assert.ok(track.open[at(2.04)] > 0.1, `just after the phrase the jaw is still relaxing: ${track.open[at(2.04)]}`);
  assert.equal(track.open[at(2.6)], 0);
  assert.equal(track.visemes[at(2.6)], "X");
});

test("a segment that starts before the voice keeps the lips shut until the first sound; syllables ride on the phrase floor", () => {
  // The segment opens 0.3 s before the voice (the analysis smooths its activity curve); then a loud
  // vowel and one 20 dB quieter, whose own opening is below the phrase floor.
  const seconds = 2.5;
  const samples = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < samples.length; i++) {
    const t = i / RATE;
    const level = t >= 0.8 && t < 1.2 ? 0.3 : t >= 1.3 && t < 1.7 ? 0.03 : 0;
    samples[i] = level * (Math.sin(2 * Math.PI * 220 * t) + 0.5 * Math.sin(2 * Math.PI * 660 * t));
  }
  const frameCount = Math.round(seconds * FPS);
  const vocalActivity = { rate: FPS, values: Array.from({ length: frameCount }, (_, n) => (n / FPS >= 0.5 && n / FPS < 1.7 ? 1 : 0)) };
  const track = computeMouthTrack({ samples, sampleRate: RATE, vocalActivity, vocalSegments: [{ start: 0.5, end: 1.7 }], fps: FPS, frameCount });
  const at = (t: number) => Math.floor(t * FPS);
  for (const t of [0.52, 0.6, 0.68]) assert.equal(track.open[at(t)], 0, `before the first sound at ${t} s`);
  const loud = track.open[at(1.0)];
  const quiet = track.open[at(1.5)];
  // On the floor, not clipped to it: the quiet vowel still opens the jaw a little more.
  assert.ok(quiet >= 0.25, `the quiet vowel rides on the floor (0.22): ${quiet}`);
  assert.ok(loud > quiet + 0.1, `the loud vowel opens wider than the quiet one: ${loud} vs ${quiet}`);
});
