import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeAudio } from "../../src/analysis/analyze.ts";
import { runningMedian } from "../../src/analysis/median-filter.ts";
import { computeSpectrogram } from "../../src/analysis/spectrogram.ts";
import { computeVocalEmphasis } from "../../src/analysis/vocal-emphasis.ts";
import { segmentF1 } from "../../src/analysis/metrics.ts";
import { hz } from "../../src/core/units.ts";
import { drumLoop, mix, noise, voicedTone } from "./signals.ts";

const RATE = 22050;
const SECONDS = 20;

test("the running median equals a sorted window's middle value, with zeros beyond the edges", () => {
  const rnd = noise(3);
  const src = Float32Array.from({ length: 3 * 40 }, () => rnd());
  for (const width of [1, 3, 9, 17]) {
    const out = new Float32Array(src.length);
    runningMedian(src, 1, 3, out, 1, 3, 40, width); // every third value, starting at 1
    for (let k = 0; k < 40; k++) {
      const window: number[] = [];
      for (let j = k - (width >> 1); j <= k + (width >> 1); j++) window.push(j >= 0 && j < 40 ? src[1 + 3 * j] : 0);
      window.sort((a, b) => a - b);
      assert.equal(out[1 + 3 * k], Math.fround(window[width >> 1]), `width ${width}, k ${k}`);
    }
  }
});

test("a centred voice is emphasised and the same voice hard-panned is not", () => {
  const voice = voicedTone(220, 2, 8, 10, RATE);
  const zeros = new Float32Array(voice.length);
  const weightIn = (left: Float32Array, right: Float32Array) => {
    const mid = left.map((v, i) => 0.5 * (v + right[i]));
    const side = left.map((v, i) => 0.5 * (v - right[i]));
    const e = computeVocalEmphasis(computeSpectrogram(mid, RATE), side);
    const a = Math.round(3 * e.frameRate);
    const b = Math.round(7 * e.frameRate);
    return { weight: e.weight.slice(a, b).reduce((s, v) => s + v, 0) / (b - a), centre: e.centre.slice(a, b).reduce((s, v) => s + v, 0) / (b - a) };
  };
  const centred = weightIn(voice, voice);
  assert.ok(centred.weight > 0.9 && centred.centre > 0.99, JSON.stringify(centred));
  const panned = weightIn(voice, zeros);
  assert.ok(panned.weight < 0.05 && panned.centre < 0.01, JSON.stringify(panned));
});

test("a bass line and a pitched instrument panned to one side are not singing; a centred voice is", () => {
  // The bass: periodic, loud and above the 70 Hz voice floor, but its 12 partials end at
  // 12 × 75 Hz × 1.02 (vibrato) ≈ 920 Hz, below the 1–4 kHz formant band.
  const bass = voicedTone(75, 2, 18, SECONDS, RATE, 0.5);
  const drums = drumLoop(120, SECONDS, RATE);
  const low = mix(drums, bass);
  assert.deepEqual(analyzeAudio({ sampleRate: hz(RATE), channels: [low, low] }).vocalSegments, []);
  // The instrument: voice-like partials up to 4 kHz, but only in the left channel.
  const instrument = voicedTone(330, 4, 16, SECONDS, RATE);
  assert.deepEqual(analyzeAudio({ sampleRate: hz(RATE), channels: [instrument, new Float32Array(instrument.length)] }).vocalSegments, []);
  const voice = voicedTone(200, 6, 12, SECONDS, RATE);
  const withVoice = analyzeAudio({ sampleRate: hz(RATE), channels: [mix(instrument, voice, bass), mix(voice, bass)] });
  const score = segmentF1(withVoice.vocalSegments, [{ start: 6, end: 12 }], SECONDS);
  assert.ok(score.f1 >= 0.85, `vocal F1 ${score.f1.toFixed(3)}, segments ${JSON.stringify(withVoice.vocalSegments)}`);
});
