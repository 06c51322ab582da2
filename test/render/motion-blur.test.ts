/** Motion blur by stacked copies: a thin line smears into an even, dimmer streak. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import { drawSmeared, drawZoomSmeared } from "../../src/render/transitions/motion-blur.ts";

const W = 32;
const H = 4;

/** Black with a one-pixel white column at x = 16. */
function line(): Canvas {
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#000";
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = "#fff";
  ctx.fillRect(16, 0, 1, H);
  return canvas;
}

function row(canvas: Canvas): number[] {
  const data = canvas.getContext("2d").getImageData(0, 1, W, 1).data;
  return Array.from({ length: W }, (_, x) => data[4 * x]);
}

test("drawSmeared spreads a 1-px line evenly over the smear, at a share of its brightness", () => {
  const out = createCanvas(W, H);
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#000";
  ctx.fillRect(0, 0, W, H);
  // 9 copies 1 px apart, centred on the line: columns 12–20 each get one copy, 1/9 of the white.
  drawSmeared(ctx, line(), 0, 0, 8, 0, 9);
  const values = row(out);
  const lit = values.map((v, x) => [x, v] as const).filter(([, v]) => v > 0);
  assert.deepEqual(lit.map(([x]) => x), [12, 13, 14, 15, 16, 17, 18, 19, 20], `lit columns ${JSON.stringify(values)}`);
  // ±5: each of the nine blends rounds to 8 bits, and the errors add up (measured 24–28 for 28.3).
  for (const [x, v] of lit) assert.ok(Math.abs(v - 255 / 9) <= 5, `column ${x} is ${v}, not ≈ 255/9 (a copy drawn opaque?): ${JSON.stringify(values)}`);
  assert.equal(ctx.globalAlpha, 1);
});

test("drawSmeared with one tap draws the image once, unmoved and opaque", () => {
  const out = createCanvas(W, H);
  drawSmeared(out.getContext("2d"), line(), 0, 0, 8, 0, 1);
  assert.deepEqual(row(out), row(line()));
});

test("drawZoomSmeared averages its copies the same way", () => {
  const out = createCanvas(W, H);
  const ctx = out.getContext("2d");
  ctx.imageSmoothingEnabled = false;
  // Scales 1 and 2 about the centre: the line lands at column 16 in one copy and 16–17 in the other.
  drawZoomSmeared(ctx, line(), W, H, 1, 2, 2);
  const values = row(out);
  assert.ok(Math.abs(values[16] - 255) <= 1, `column 16 is lit by both copies: ${values[16]}`);
  assert.ok(values[17] > 0 && values[17] < 255 && Math.abs(values[17] - 128) <= 2, `column 17 is half lit: ${values[17]}`);
});
