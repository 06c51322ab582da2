import { test } from "node:test";
import assert from "node:assert/strict";
import { fps, frameCountFor, frameToSeconds, frameIndex, secondsToFrame, secondsToNearestFrame, seconds } from "../../src/core/units.ts";

test("seconds ↔ frames at rational rates", () => {
  assert.equal(secondsToFrame(seconds(2), fps(25)), 50);
  assert.equal(secondsToFrame(seconds(1.9999), fps(25)), 49);
  assert.equal(secondsToNearestFrame(seconds(1.99), fps(25)), 50);
  assert.equal(frameToSeconds(frameIndex(50), fps(25)), 2);
  // NTSC: 30000/1001 fps, frame 30 starts at 1.001 s.
  assert.equal(frameToSeconds(frameIndex(30), fps(30000, 1001)), 1.001);
});

test("frame count matches the audio within half a frame, with no drift over 10 minutes", () => {
  for (const rate of [fps(24), fps(25), fps(30)]) {
    for (const duration of [3, 36.02, 599.987]) {
      const frames = frameCountFor(seconds(duration), rate);
      assert.ok(Math.abs(frames / (rate.num / rate.den) - duration) <= 0.5 / (rate.num / rate.den) + 1e-9);
    }
  }
});
