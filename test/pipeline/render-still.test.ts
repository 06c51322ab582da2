/**
 * `mvgen frame` draws a frame exactly as the video's render threads do — also a cut-out shot,
 * which needs the person mask (the still used to draw it without, showing the photo's own
 * background where the video shows the setting).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { planMusicVideo } from "../../src/pipeline/render-music-video.ts";
import { renderFramePng } from "../../src/pipeline/render-still.ts";
import { renderFrames } from "../../src/pipeline/render-frames.ts";
import { tempDir, writeSongWav } from "../helpers/fixtures.ts";

test("the still of a cut-out frame is the render threads' frame, pixel for pixel", async () => {
  const dir = tempDir();
  const { timeline } = await planMusicVideo({ audio: writeSongWav(dir, 4) }, { workDir: join(dir, "work") });
  const clip = timeline.clips.find((c) => c.source.kind === "photo" && c.source.background !== undefined && timeline.photos[c.source.photo].mask);
  assert.ok(clip, "the plan has a cut-out shot");
  const n = Math.floor((clip.start + clip.end) / 2);

  const png = await loadImage(await renderFramePng(timeline, n));
  const canvas = createCanvas(timeline.width, timeline.height);
  canvas.getContext("2d").drawImage(png, 0, 0);
  const still = canvas.getContext("2d").getImageData(0, 0, timeline.width, timeline.height).data;

  let threaded: Uint8Array | undefined;
  await renderFrames(timeline, { start: n, end: n + 1 }, async (_, rgba) => void (threaded = new Uint8Array(rgba)), { renderThreads: 2 });
  assert.ok(threaded);
  let differing = 0;
  for (let i = 0; i < still.length; i++) if (still[i] !== threaded[i]) differing++;
  assert.equal(differing, 0, `${differing} of ${still.length} bytes differ at frame ${n}`);
});
