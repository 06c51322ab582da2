/** The film treatment's colour steps, measured on known pixels. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createCanvas } from "@napi-rs/canvas";
import { applyLook } from "../../src/render/apply-look.ts";
import type { PreparedRender } from "../../src/render/prepare-render.ts";
import type { Look } from "../../src/core/schemas/common.ts";

const W = 256;
const H = 2;
const NEUTRAL: Look = {
  name: "test",
  background: ["#000000", "#000000"],
  accent: "#ffffff",
  tint: { color: "#ffffff", strength: 0 },
  saturation: 1,
  contrast: 1,
  vignette: 0,
  grain: 0,
};

/** Row 0 a grey ramp 0–255, row 1 one colour; returns both rows after applyLook. */
function treat(look: Look, colour: readonly [number, number, number]): { ramp: number[]; colour: number[] } {
  const frame = createCanvas(W, H);
  const ctx = frame.getContext("2d");
  const image = ctx.createImageData(W, H);
  for (let x = 0; x < W; x++) {
    image.data.set([x, x, x, 255], 4 * x);
    image.data.set([...colour, 255], 4 * (W + x));
  }
  ctx.putImageData(image, 0, 0);
  const prepared = { width: W, height: H, frame, ctx, vignette: undefined, grain: [] } as unknown as PreparedRender;
  applyLook(ctx, look, prepared, 1, 0);
  const out = ctx.getImageData(0, 0, W, H).data;
  return { ramp: Array.from({ length: W }, (_, x) => out[4 * x]), colour: [out[4 * W], out[4 * W + 1], out[4 * W + 2]] };
}

test("a neutral look leaves the frame as it is", () => {
  const { ramp, colour } = treat(NEUTRAL, [200, 100, 50]);
  assert.deepEqual(ramp, Array.from({ length: W }, (_, x) => x));
  assert.deepEqual(colour, [200, 100, 50]);
});

for (const contrast of [1.05, 1.2, 1.5, 0.7]) {
  test(`contrast ${contrast} is c·x − (c − 1)/2 about mid-grey, clipped`, () => {
    const { ramp } = treat({ ...NEUTRAL, contrast }, [0, 0, 0]);
    for (let x = 0; x < W; x++) {
      const want = Math.min(255, Math.max(0, contrast * (x - 127.5) + 127.5));
      assert.ok(Math.abs(ramp[x] - want) <= 2.5, `grey ${x} became ${ramp[x]}, not ≈ ${want.toFixed(1)}`);
    }
  });
}

test("saturation above 1 pushes a colour's channels apart and keeps a grey grey", () => {
  const { ramp, colour } = treat({ ...NEUTRAL, saturation: 1.5 }, [180, 120, 90]);
  assert.ok(colour[0] > 180 && colour[2] < 90, `[180, 120, 90] became ${colour}`);
  assert.ok(colour[0] - colour[2] > 1.3 * 90, `spread ${colour[0] - colour[2]}`);
  for (let x = 0; x < W; x += 15) assert.ok(Math.abs(ramp[x] - x) <= 1, `grey ${x} became ${ramp[x]}`);
});

test("saturation below 1 still takes colour away", () => {
  const { colour } = treat({ ...NEUTRAL, saturation: 0 }, [180, 120, 90]);
  assert.ok(Math.max(...colour) - Math.min(...colour) <= 2, `[180, 120, 90] at saturation 0 became ${colour}`);
});
