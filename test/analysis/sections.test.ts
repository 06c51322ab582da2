import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeAudio } from "../../src/analysis/analyze.ts";
import { hz } from "../../src/core/units.ts";
import { drumLoop, mix, noise } from "./signals.ts";

const RATE = 22050;

/** Sustained chord (sawtooth-like partials) between start and end [s]. */
function chord(frequencies: number[], start: number, end: number, seconds: number, gain = 0.08): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = Math.round(start * RATE); i < Math.min(out.length, Math.round(end * RATE)); i++) {
    const t = i / RATE;
    let v = 0;
    for (const f of frequencies) for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f * h * t) / h;
    out[i] = gain * v;
  }
  return out;
}

test("a two-part signal is split at its known boundary (24 s, a downbeat at 120 BPM)", () => {
  const seconds = 48;
  const drums = drumLoop(120, seconds, RATE, 0.4);
  const partA = chord([261.63, 329.63, 392.0], 0, 24, seconds); // C major
  const partB = chord([185.0, 220.0, 277.18, 369.99], 24, seconds, seconds, 0.12); // F♯ minor, louder
  const hiss = new Float32Array(seconds * RATE);
  const rnd = noise(5);
  for (let i = 24 * RATE; i < hiss.length; i++) hiss[i] = 0.05 * rnd(); // brighter timbre in part B
  const analysis = analyzeAudio({ sampleRate: hz(RATE), channels: [mix(drums, partA, partB, hiss)] });
  const boundaries = analysis.sections.slice(1).map((s) => s.start);
  assert.ok(boundaries.some((b) => Math.abs(b - 24) <= 0.5), `boundaries ${boundaries.join(", ")}; expected one at 24 s`);
  assert.ok(analysis.sections.length <= 3, `${analysis.sections.length} sections`);
  // Boundaries sit on downbeats.
  for (const b of boundaries) assert.ok(analysis.downbeats.some((d) => Math.abs(d - b) < 1e-6), `${b} is not a downbeat`);
  const atBoundary = analysis.sections.find((s) => Math.abs(s.start - 24) <= 0.5)!;
  const before = analysis.sections[analysis.sections.indexOf(atBoundary) - 1];
  assert.ok(atBoundary.energy > before.energy, "the louder second part has the higher section energy");
});

test("repeated parts share a section group: A B A B", () => {
  const seconds = 64;
  const drums = drumLoop(120, seconds, RATE, 0.4);
  const parts = [0, 16, 32, 48].map((start, k) =>
    k % 2 === 0 ? chord([261.63, 329.63, 392.0], start, start + 16, seconds) : chord([185.0, 220.0, 277.18, 369.99], start, start + 16, seconds, 0.12),
  );
  const analysis = analyzeAudio({ sampleRate: hz(RATE), channels: [mix(drums, ...parts)] });
  const at = (t: number) => analysis.sections.find((s) => s.start <= t && t < s.end)!;
  const summary = analysis.sections.map((s) => `${s.start}–${s.end}:${s.group}`).join(" ");
  assert.equal(analysis.sections[0].group, 0, summary);
  assert.equal(at(40).group, at(8).group, summary);
  assert.equal(at(56).group, at(24).group, summary);
  assert.notEqual(at(24).group, at(8).group, summary);
});
