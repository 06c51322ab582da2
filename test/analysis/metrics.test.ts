import { test } from "node:test";
import assert from "node:assert/strict";
import { beatFMeasure, segmentF1 } from "../../src/analysis/metrics.ts";

test("beat F-measure counts matches within ±70 ms, each reference beat once", () => {
  assert.equal(beatFMeasure([1, 2, 3], [1, 2, 3]), 1);
  assert.equal(beatFMeasure([], []), 1);
  assert.equal(beatFMeasure([1], []), 0);
  // 1.06 matches 1; 2.08 is outside the window; the duplicate 1.01 matches nothing.
  const f = beatFMeasure([1.06, 1.01, 2.08], [1, 2]);
  const precision = 1 / 3;
  const recall = 1 / 2;
  assert.ok(Math.abs(f - (2 * precision * recall) / (precision + recall)) < 1e-12);
});

test("segment F1 compares spans frame by frame", () => {
  assert.equal(segmentF1([{ start: 1, end: 2 }], [{ start: 1, end: 2 }], 5).f1, 1);
  const half = segmentF1([{ start: 1, end: 2 }], [{ start: 1, end: 3 }], 5);
  assert.ok(Math.abs(half.precision - 1) < 1e-9 && Math.abs(half.recall - 0.5) < 0.02);
});
