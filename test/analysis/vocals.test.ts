import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeAudio } from "../../src/analysis/analyze.ts";
import { segmentF1 } from "../../src/analysis/metrics.ts";
import { hz } from "../../src/core/units.ts";
import { drumLoop, mix, voicedTone } from "./signals.ts";

const RATE = 22050;
const SECONDS = 20;

test("a voiced tone over drums is found as one vocal segment, with its pitch and voice class", () => {
  for (const [f0, voiceClass] of [[130, "male"], [260, "female"]] as const) {
    const signal = mix(drumLoop(120, SECONDS, RATE), voicedTone(f0, 6, 12, SECONDS, RATE));
    const analysis = analyzeAudio({ sampleRate: hz(RATE), channels: [signal, signal] });
    const score = segmentF1(analysis.vocalSegments, [{ start: 6, end: 12 }], SECONDS);
    assert.ok(score.f1 >= 0.9, `F0 ${f0} Hz: vocal F1 ${score.f1.toFixed(3)}, segments ${JSON.stringify(analysis.vocalSegments)}`);
    assert.equal(analysis.voice.class, voiceClass);
    assert.ok(Math.abs(Math.log2(analysis.voice.medianF0! / f0)) < 0.05, `median F0 ${analysis.voice.medianF0}`);
    // The pitch curve is voiced inside the segment and 0 outside it.
    const at = (t: number) => analysis.pitch.values[Math.round(t * analysis.pitch.rate)];
    const inside = analysis.pitch.values.slice(7 * analysis.pitch.rate, 11 * analysis.pitch.rate);
    const onPitch = inside.filter((v) => Math.abs(Math.log2(v / f0)) < 0.05).length / inside.length;
    assert.ok(onPitch >= 0.9, `only ${(100 * onPitch).toFixed(0)} % of the frames in 7–11 s are within 5 % of ${f0} Hz`);
    assert.equal(at(3), 0);
  }
});

test("drums alone are not singing", () => {
  const analysis = analyzeAudio({ sampleRate: hz(RATE), channels: [drumLoop(120, SECONDS, RATE)] });
  assert.deepEqual(analysis.vocalSegments, []);
  assert.equal(analysis.voice.class, "none");
});
