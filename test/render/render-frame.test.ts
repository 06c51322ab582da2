/** Tiny frames compared pixel by pixel: the renderer draws exactly what the Timeline says. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createCanvas, type Image } from "@napi-rs/canvas";
import { prepareRender, renderFrame } from "../../src/render/index.ts";
import type { Clip, Timeline } from "../../src/core/schemas/timeline.ts";
import { parseArtifact } from "../../src/core/artifact.ts";
import { ease } from "../../src/core/easing.ts";

/** A 4×4 "photo" whose every pixel differs, as a canvas (drawable like a decoded image). */
function photo(seed: number): Image {
  const canvas = createCanvas(4, 4);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(4, 4);
  for (let i = 0; i < 16; i++) {
    image.data.set([(i * 16 + seed * 7) % 256, (255 - i * 13 + seed) % 256, (i * 37 + seed * 3) % 256, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
  return canvas as unknown as Image;
}

const still = { move: "push-in", intensity: 0, easing: "linear" } as const;
const clip = (start: number, end: number, photoIndex: number, transitionIn: Clip["transitionIn"] = { kind: "cut", frames: 0 }): Clip => ({
  start,
  end,
  source: { kind: "photo", photo: photoIndex, view: { x: 0.5, y: 0.5, zoom: 1 } },
  camera: still,
  transitionIn,
});

function timeline(clips: Clip[], saturation = 1): Timeline {
  const frameCount = clips[clips.length - 1].end;
  return parseArtifact("timeline", {
    artifact: "timeline",
    version: 1,
    seed: 1,
    fps: { num: 25, den: 1 },
    width: 4,
    height: 4,
    frameCount,
    audio: { path: "/dev/null", duration: frameCount / 25 },
    photos: [
      { path: "a.png", width: 4, height: 4 },
      { path: "b.png", width: 4, height: 4 },
    ],
    look: {
      name: "neutral",
      background: ["#000000", "#000000"],
      accent: "#ffffff",
      tint: { color: "#808080", strength: 0 },
      saturation,
      contrast: 1,
      vignette: 0,
      grain: 0,
    },
    clips,
    beats: [],
    downbeats: [],
    energy: new Array(frameCount).fill(0.5),
  });
}

const pixels = (image: Image): Uint8Array => {
  const canvas = image as unknown as ReturnType<typeof createCanvas>;
  return new Uint8Array(canvas.getContext("2d").getImageData(0, 0, 4, 4).data);
};

test("a still photo clip at zoom 1 reproduces the photo exactly", () => {
  const photos = [photo(1), photo(2)];
  const t = timeline([clip(0, 3, 0)]);
  const frame = renderFrame(t, 1, prepareRender(t, photos));
  assert.deepEqual([...frame], [...pixels(photos[0])]);
});

test("saturation 0 turns every pixel grey at the photo's luminance", () => {
  const photos = [photo(1), photo(2)];
  const t = timeline([clip(0, 3, 0)], 0);
  const frame = renderFrame(t, 0, prepareRender(t, photos));
  const source = pixels(photos[0]);
  for (let i = 0; i < 16; i++) {
    const [r, g, b] = frame.subarray(i * 4, i * 4 + 3);
    assert.ok(Math.abs(r - g) <= 1 && Math.abs(g - b) <= 1, `pixel ${i} is grey: ${r},${g},${b}`);
    const luminance = 0.3 * source[i * 4] + 0.59 * source[i * 4 + 1] + 0.11 * source[i * 4 + 2];
    assert.ok(Math.abs(r - luminance) <= 2, `pixel ${i}: ${r} vs luminance ${luminance.toFixed(1)}`);
  }
});

test("a crossfade centred on the cut mixes the two shots by its eased progress", () => {
  const photos = [photo(1), photo(2)];
  const t = timeline([clip(0, 2, 0), clip(2, 4, 1, { kind: "crossfade", frames: 2 })]);
  const prepared = prepareRender(t, photos);
  const a = pixels(photos[0]);
  const b = pixels(photos[1]);
  // Window = frames 1 and 2; progress at frame centres 0.25 and 0.75.
  for (const [n, p] of [[1, 0.25], [2, 0.75]] as const) {
    const mix = ease("ease-in-out", p);
    const frame = renderFrame(t, n, prepared);
    for (let i = 0; i < 64; i++) {
      const expected = a[i] * (1 - mix) + b[i] * mix;
      assert.ok(Math.abs(frame[i] - expected) <= 1.01, `frame ${n} byte ${i}: ${frame[i]} vs ${expected.toFixed(2)}`);
    }
  }
  assert.deepEqual([...renderFrame(t, 0, prepared)], [...a], "before the window: the first shot alone");
  assert.deepEqual([...renderFrame(t, 3, prepared)], [...b], "after the window: the second shot alone");
});

test("frames are a function of n alone: rendering out of order gives the same bytes", () => {
  const photos = [photo(1), photo(2)];
  const t = timeline([clip(0, 2, 0), clip(2, 4, 1, { kind: "dip-to-black", frames: 2 })]);
  const prepared = prepareRender(t, photos);
  const forward = [0, 1, 2, 3].map((n) => [...renderFrame(t, n, prepared)]);
  const backward = [3, 2, 1, 0].map((n) => [...renderFrame(t, n, prepared)]).reverse();
  assert.deepEqual(backward, forward);
});
