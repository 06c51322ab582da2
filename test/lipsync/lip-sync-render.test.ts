/**
 * The warp on the tests' own drawn portrait (the face detector finds it and its mesh lands on the
 * drawn lips): an open mouth darkens the mouth and moves the chin, nothing outside the lower face
 * changes, and every frame is a function of its number alone.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadImage } from "@napi-rs/canvas";
import { createFaceDetector } from "../../src/vision/face-detector.ts";
import { faceBoxFromMesh, landmarksFromMesh } from "../../src/vision/face-landmarks.ts";
import { photoLandmarks } from "../../src/pipeline/photo-landmarks.ts";
import { parseArtifact } from "../../src/core/artifact.ts";
import type { Timeline } from "../../src/core/schemas/timeline.ts";
import type { PerformerFace } from "../../src/core/schemas/performer.ts";
import { prepareRender, renderFrame } from "../../src/render/index.ts";
import { blinkAt } from "../../src/render/lip-sync/face-life.ts";
import { drawPortrait } from "../helpers/fixtures.ts";

const W = 320;
const H = 400;
const FRAMES = 6;

async function portraitTimeline(): Promise<{ timeline: Timeline; bytes: Buffer; lips: { x: number; y: number; w: number; h: number } }> {
  const bytes = drawPortrait(W, H);
  const detector = await createFaceDetector();
  try {
    const result = await detector.analyze(bytes, { mask: false });
    const face = result.faces[0];
    assert.ok(face, "the drawn portrait has a face");
    const box = faceBoxFromMesh(face.mesh);
    const landmarks = landmarksFromMesh(face.mesh);
    const xs = landmarks.lipsOuter.map((p) => p[0]);
    const ys = landmarks.lipsOuter.map((p) => p[1]);
    const lips = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
    // Frames: rest, wide open, rest, round, closed (M), open; the blink seed keeps the eyes open here.
    const open = [0, 0.9, 0, 0.5, 0, 0.9];
    const timeline = parseArtifact("timeline", {
      artifact: "timeline",
      version: 1,
      seed: 3,
      fps: { num: 25, den: 1 },
      width: W,
      height: H,
      frameCount: FRAMES,
      audio: { path: "/dev/null", duration: FRAMES / 25 },
      photos: [
        {
          path: "portrait.png",
          width: W,
          height: H,
          face: { x: box.x / W, y: box.y / H, width: box.width / W, height: box.height / H },
          landmarks: photoLandmarks({ landmarks } as PerformerFace),
        },
      ],
      look: { name: "plain", background: ["#000000", "#000000"], accent: "#ffffff", tint: { color: "#ffffff", strength: 0 }, saturation: 1, contrast: 1, vignette: 0, grain: 0 },
      clips: [{ start: 0, end: FRAMES, source: { kind: "photo", photo: 0, view: { x: 0.5, y: 0.5, zoom: 1 } }, camera: { move: "push-in", intensity: 0, easing: "linear" }, transitionIn: { kind: "cut", frames: 0 } }],
      beats: [],
      downbeats: [],
      energy: new Array(FRAMES).fill(0.5),
      mouth: { open, round: [0, 0, 0, 0.9, 0, 0], spread: new Array(FRAMES).fill(0), visemes: "XAXOMA" },
    });
    return { timeline, bytes, lips };
  } finally {
    await detector.close();
  }
}

const luma = (data: Uint8Array, x: number, y: number) => 0.299 * data[(y * W + x) * 4] + 0.587 * data[(y * W + x) * 4 + 1] + 0.114 * data[(y * W + x) * 4 + 2];

function meanLuma(data: Uint8Array, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0, n = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(H, Math.ceil(y1)); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(W, Math.ceil(x1)); x++) {
      sum += luma(data, x, y);
      n++;
    }
  }
  return sum / n;
}

/** The widest run, in any row of the lips' box, of pixels as dark as the painted mouth interior (luma < 60). */
function darkOpeningWidth(data: Uint8Array, lips: { x: number; y: number; w: number; h: number }): number {
  let widest = 0;
  for (let y = Math.floor(lips.y); y < lips.y + lips.h * 2; y++) {
    let n = 0;
    for (let x = Math.floor(lips.x - 5); x < lips.x + lips.w + 5; x++) if (luma(data, x, y) < 60) n++;
    widest = Math.max(widest, n);
  }
  return widest;
}

test("an open mouth shows a dark interior, a closed (M) one the photo's own lips, a round (O) one a narrower opening; the rest of the frame is untouched", async () => {
  const { timeline, bytes, lips } = await portraitTimeline();
  const prepared = prepareRender(timeline, [await loadImage(bytes)]);
  // Frames share nothing: render out of order, and frame 2 twice.
  const f2 = Uint8Array.from(renderFrame(timeline, 2, prepared));
  const f1 = Uint8Array.from(renderFrame(timeline, 1, prepared));
  const f0 = Uint8Array.from(renderFrame(timeline, 0, prepared));
  assert.deepEqual(Uint8Array.from(renderFrame(timeline, 2, prepared)), f2, "the same frame twice gives the same bytes");
  const centre = { x: lips.x + lips.w / 2, y: lips.y + lips.h / 2 };
  const restMouth = meanLuma(f0, centre.x - lips.w * 0.25, centre.y - 1, centre.x + lips.w * 0.25, centre.y + lips.h);
  const openMouth = meanLuma(f1, centre.x - lips.w * 0.25, centre.y - 1, centre.x + lips.w * 0.25, centre.y + lips.h);
  assert.ok(openMouth < restMouth - 15, `the open mouth is darker: ${openMouth.toFixed(1)} vs ${restMouth.toFixed(1)} at rest`);
  // M (frame 4): lips pressed together, so no interior shows and the mouth reads as at rest
  // (measured: 141 vs 138 at rest, 81 wide open; no dark run at all against 35 px wide open).
  const closed = Uint8Array.from(renderFrame(timeline, 4, prepared));
  const closedMouth = meanLuma(closed, centre.x - lips.w * 0.25, centre.y - 1, centre.x + lips.w * 0.25, centre.y + lips.h);
  assert.ok(Math.abs(closedMouth - restMouth) < 8, `the M mouth looks as at rest: ${closedMouth.toFixed(1)} vs ${restMouth.toFixed(1)}`);
  assert.ok(darkOpeningWidth(closed, lips) <= 2, `the M mouth shows ${darkOpeningWidth(closed, lips)} px of interior`);
  // O (frame 3, half open and rounded): an opening, narrower than the wide A of frame 5 (measured 24 vs 35 px).
  const round = Uint8Array.from(renderFrame(timeline, 3, prepared));
  const wideA = Uint8Array.from(renderFrame(timeline, 5, prepared));
  const roundMouth = meanLuma(round, centre.x - lips.w * 0.25, centre.y - 1, centre.x + lips.w * 0.25, centre.y + lips.h);
  assert.ok(roundMouth < restMouth - 15, `the O mouth is open: ${roundMouth.toFixed(1)} vs ${restMouth.toFixed(1)} at rest`);
  const [roundWidth, wideWidth] = [darkOpeningWidth(round, lips), darkOpeningWidth(wideA, lips)];
  assert.ok(roundWidth > 0 && roundWidth < 0.85 * wideWidth, `the O opening is ${roundWidth} px wide, the A opening ${wideWidth} px`);
  // Above the eyes and in the corners nothing moves but the (tiny) head sway: compare rest with open.
  let far = 0;
  for (let y = 0; y < lips.y - lips.h * 3; y++) for (let x = 0; x < W; x++) far = Math.max(far, Math.abs(luma(f0, x, y) - luma(f1, x, y)));
  assert.ok(far < 24, `lip sync changed pixels far above the mouth by ${far.toFixed(1)}`);
});

test("blinks come every few seconds, from the seed alone", () => {
  const fps = 25;
  const frames = 60 * fps;
  const shut = Array.from({ length: frames }, (_, n) => blinkAt(n, fps, 9));
  let blinks = 0;
  for (let n = 1; n < frames; n++) if (shut[n] >= 0.5 && shut[n - 1] < 0.5) blinks++;
  assert.ok(blinks >= 8 && blinks <= 30, `${blinks} blinks in a minute`);
  assert.deepEqual(shut.slice(500, 600), Array.from({ length: 100 }, (_, i) => blinkAt(500 + i, fps, 9)));
  assert.notDeepEqual(shut, Array.from({ length: frames }, (_, n) => blinkAt(n, fps, 10)));
});
