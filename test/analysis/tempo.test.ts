import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeAudio } from "../../src/analysis/analyze.ts";
import { beatFMeasure } from "../../src/analysis/metrics.ts";
import { hz } from "../../src/core/units.ts";
import { clickTrack } from "./signals.ts";

for (const bpm of [80, 97, 120, 140, 174]) {
  test(`a click track at ${bpm} BPM gives ${bpm} BPM (±1 %) and beat F-measure ≥ 0.95`, () => {
    const { signal, beats } = clickTrack(bpm, 20, 22050);
    const analysis = analyzeAudio({ sampleRate: hz(22050), channels: [signal] });
    assert.ok(Math.abs(analysis.tempo.bpm - bpm) <= 0.01 * bpm, `tempo ${analysis.tempo.bpm} BPM, expected ${bpm}`);
    const f = beatFMeasure(analysis.beats, beats);
    assert.ok(f >= 0.95, `beat F-measure ${f.toFixed(3)}`);
    assert.ok(analysis.tempo.confidence > 0.5, `confidence ${analysis.tempo.confidence}`);
    // Downbeats are every fourth beat, all of them beats.
    assert.ok(analysis.downbeats.length >= Math.floor(analysis.beats.length / 4));
    for (const d of analysis.downbeats) assert.ok(analysis.beats.includes(d));
  });
}

test("the click track at 120 BPM gives the same tempo at 8 kHz and 48 kHz, in stereo", () => {
  for (const rate of [8000, 48000]) {
    const { signal } = clickTrack(120, 12, rate);
    const analysis = analyzeAudio({ sampleRate: hz(rate), channels: [signal, signal] });
    assert.ok(Math.abs(analysis.tempo.bpm - 120) <= 1.2, `${rate} Hz: ${analysis.tempo.bpm} BPM`);
  }
});
