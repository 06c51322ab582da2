import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeAudio } from "../../src/analysis/analyze.ts";
import { parseArtifact } from "../../src/core/artifact.ts";
import { hz } from "../../src/core/units.ts";
import { clickTrack, noise } from "./signals.ts";

function checkArtifact(analysis: ReturnType<typeof analyzeAudio>, duration: number): void {
  parseArtifact("analysis", JSON.parse(JSON.stringify(analysis)));
  assert.ok(Math.abs(analysis.duration - duration) < 1e-3);
  // Sections tile [0, duration].
  if (analysis.sections.length) {
    assert.equal(analysis.sections[0].start, 0);
    assert.ok(Math.abs(analysis.sections[analysis.sections.length - 1].end - duration) <= 1e-3);
    for (let i = 1; i < analysis.sections.length; i++) assert.equal(analysis.sections[i].start, analysis.sections[i - 1].end);
  }
  for (const list of [analysis.beats, analysis.downbeats, analysis.onsets]) {
    for (let i = 0; i < list.length; i++) {
      assert.ok(list[i] >= 0 && list[i] <= duration, `${list[i]} outside [0, ${duration}]`);
      if (i) assert.ok(list[i] > list[i - 1]);
    }
  }
  for (const curve of [analysis.energy, analysis.vocalActivity]) for (const v of curve.values) assert.ok(v >= 0 && v <= 1);
}

test("degenerate inputs give a valid artifact, never a throw", () => {
  const cases: Array<[string, Float32Array[], number]> = [
    ["empty", [new Float32Array(0)], 22050],
    ["no channels", [], 22050],
    ["silence", [new Float32Array(22050 * 5)], 22050],
    ["0.5 s clip", [clickTrack(120, 0.5, 22050).signal], 22050],
    ["one sample", [new Float32Array([0.5])], 44100],
    ["8 kHz stereo noise", [0, 1].map(() => Float32Array.from({ length: 8000 * 3 }, noise(3))), 8000],
    ["48 kHz clipped", [Float32Array.from({ length: 48000 * 2 }, (_, i) => (Math.sin(i / 5) > 0 ? 1 : -1))], 48000],
    ["NaN samples", [Float32Array.from({ length: 22050 }, (_, i) => (i % 100 === 0 ? NaN : 0.1))], 22050],
  ];
  for (const [name, channels, rate] of cases) {
    const analysis = analyzeAudio({ sampleRate: hz(rate), channels });
    checkArtifact(analysis, (channels[0]?.length ?? 0) / rate);
    assert.ok(analysis.sections.length <= 1 || analysis.duration > 10, name);
  }
  const silent = analyzeAudio({ sampleRate: hz(22050), channels: [new Float32Array(22050 * 5)] });
  assert.deepEqual(silent.beats, []);
  assert.equal(silent.voice.class, "none");
  assert.deepEqual(silent.vocalSegments, []);
  assert.ok(silent.energy.values.every((v) => v === 0));
});

test("the artifact is byte-stable and progress runs from 0 to 1", () => {
  const { signal } = clickTrack(120, 6, 22050);
  const seen: number[] = [];
  const a = analyzeAudio({ sampleRate: hz(22050), channels: [signal] }, { onProgress: (f) => seen.push(f) });
  const b = analyzeAudio({ sampleRate: hz(22050), channels: [signal] });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.equal(seen[0], 0);
  assert.equal(seen[seen.length - 1], 1);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1]);
  checkArtifact(a, 6);
});

test("integrated loudness of a full-scale 997 Hz sine in one channel is −3.01 LUFS (BS.1770-4)", () => {
  const rate = 48000;
  const sine = Float32Array.from({ length: 10 * rate }, (_, i) => Math.sin((2 * Math.PI * 997 * i) / rate));
  const a = analyzeAudio({ sampleRate: hz(rate), channels: [sine] });
  // ±0.2 LU: EBU Tech 3341 asks ±0.1 LU of a meter at 48 kHz; the analysis runs at 22.05 kHz,
  // where the cookbook K-weighting shelf and the 0.4 s windows cut at the ends add ≈ 0.1 LU.
  assert.ok(Math.abs(a.loudness.integratedLufs - -3.01) < 0.2, `${a.loudness.integratedLufs} LUFS`);
  const quiet = analyzeAudio({ sampleRate: hz(rate), channels: [sine.map((v) => v * 0.1)] });
  assert.ok(Math.abs(quiet.loudness.integratedLufs - -23.01) < 0.2, `${quiet.loudness.integratedLufs} LUFS`);
});
