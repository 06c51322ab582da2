import { test } from "node:test";
import assert from "node:assert/strict";
import { median, percentile, rankPercentile, runningMax } from "../../src/analysis/statistics.ts";
import { mergeSpans } from "../../src/analysis/segments.ts";
import { forEachStftFrame } from "../../src/analysis/spectrogram.ts";

test("median is the upper median and leaves its input unsorted", () => {
  const values = [5, 1, 4, 2];
  assert.equal(median(values), 4); // sorted 1 2 4 5: the higher middle value, not 3
  assert.deepEqual(values, [5, 1, 4, 2]);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median(Float32Array.of(0.5)), 0.5);
  assert.ok(Number.isNaN(median([])));
});

test("percentile interpolates between ranks, rankPercentile picks one", () => {
  const values = [40, 10, 30, 20];
  assert.equal(percentile(values, 0), 10);
  assert.equal(percentile(values, 1), 40);
  assert.equal(percentile(values, 0.5), 25); // halfway between 20 and 30
  assert.ok(Number.isNaN(percentile([], 0.5)));
  assert.equal(rankPercentile(values, 0.5), 30); // rank ⌊0.5·4⌋ = 2 of 10 20 30 40
  assert.equal(rankPercentile(values, 0.9), 40);
  assert.equal(rankPercentile(values, 1), 40);
  assert.equal(rankPercentile([], 0.9), 0);
});

test("runningMax looks `back` and `ahead` values, clipped at the ends", () => {
  const x = [0, 5, 0, 0, 3, 0];
  assert.deepEqual(Array.from(runningMax(x, 1, 1)), [5, 5, 5, 3, 3, 3]);
  assert.deepEqual(Array.from(runningMax(x, 2, 0)), [0, 5, 5, 5, 3, 3]);
  assert.deepEqual(Array.from(runningMax(x, 0, 0)), x);
});

test("mergeSpans joins spans closer than the gap, without touching its input", () => {
  const spans = [
    { start: 0, end: 1 },
    { start: 1.2, end: 2 },
    { start: 1.5, end: 1.8 },
    { start: 3, end: 4 },
  ];
  assert.deepEqual(mergeSpans(spans, 0.25), [
    { start: 0, end: 2 },
    { start: 3, end: 4 },
  ]);
  assert.deepEqual(spans[0], { start: 0, end: 1 });
});

test("forEachStftFrame centres frame f on sample f·hop", () => {
  // An impulse at sample 64 with hop 32: frame 2 is centred on it, so the Hann window's peak (1)
  // scales it and every bin has magnitude 1; frame 3 has it on the window's zero first sample and
  // the others do not reach it.
  const signal = new Float32Array(129);
  signal[64] = 1;
  const peaks: number[] = [];
  forEachStftFrame(signal, { size: 64, hop: 32 }, (f, spectrum) => {
    let m = 0;
    for (let k = 0; k <= 32; k++) m = Math.max(m, Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]));
    peaks[f] = m;
  });
  assert.equal(peaks.length, 5); // ⌊129 / 32⌋ + 1
  assert.ok(Math.abs(peaks[2] - 1) < 1e-12);
  for (const f of [0, 1, 3, 4]) assert.ok(peaks[f] < 1e-12, `frame ${f}: ${peaks[f]}`);
});
