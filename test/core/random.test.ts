import { test } from "node:test";
import assert from "node:assert/strict";
import { createRandom, noise } from "../../src/core/random.ts";

test("the same seed gives the same sequence; forks are independent of use", () => {
  const a = createRandom(42);
  const b = createRandom(42);
  assert.deepEqual([a.next(), a.next(), a.int(1, 6)], [b.next(), b.next(), b.int(1, 6)]);
  const fresh = createRandom(42).fork("shots").next();
  const used = createRandom(42);
  used.next();
  assert.equal(used.fork("shots").next(), fresh);
  assert.notEqual(createRandom(43).next(), createRandom(42).next());
});

test("noise is stateless and uniform enough", () => {
  assert.equal(noise(7, 100), noise(7, 100));
  const values = Array.from({ length: 10_000 }, (_, i) => noise(1, i));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  assert.ok(values.every((v) => v >= 0 && v < 1));
});
