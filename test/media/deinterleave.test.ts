import { test } from "node:test";
import assert from "node:assert/strict";
import { Deinterleaver, deinterleave } from "../../src/media/decode-audio.ts";

/** Interleaved float32 LE bytes of L = i, R = −i for i in [0, frames). */
function stereoBytes(frames: number): Buffer {
  const bytes = Buffer.alloc(frames * 8);
  for (let i = 0; i < frames; i++) {
    bytes.writeFloatLE(i, i * 8);
    bytes.writeFloatLE(-i, i * 8 + 4);
  }
  return bytes;
}

test("chunks split anywhere, even inside a sample, give the same channels as the whole buffer", () => {
  // 5000 frames against an estimate of 10 (the arrays start at 1024 frames), so they must grow;
  // cuts fall mid-sample.
  const bytes = stereoBytes(5000);
  const whole = deinterleave(bytes, 2);
  const splitter = new Deinterleaver(2, 10);
  for (let at = 0; at < bytes.length; at += 333) splitter.push(bytes.subarray(at, Math.min(bytes.length, at + 333)));
  const [left, right] = splitter.result();
  assert.equal(left.length, 5000);
  assert.deepEqual([...left], [...whole[0]]);
  assert.deepEqual([...right], [...whole[1]]);
  assert.equal(left[4999], 4999);
  assert.equal(right[4999], -4999);
});
