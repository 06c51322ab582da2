/** `mvgen storyboard DIR`: the sheet of a planned video, one rendered thumbnail per shot. */
import { join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { readArtifact } from "./artifact-store.ts";
import { loadPhoto } from "../media/photo.ts";
import { drawFrame, prepareRender } from "../render/index.ts";
import { drawStoryboardSheet } from "../render/draw-storyboard-sheet.ts";
import { secondsToNearestFrame, seconds } from "../core/units.ts";

export async function renderStoryboardSheet(dir: string): Promise<Buffer> {
  const storyboard = await readArtifact("storyboard", join(dir, "storyboard.json"));
  const timeline = await readArtifact("timeline", join(dir, "timeline.json"));
  const images = await Promise.all(timeline.photos.map((p, i) => loadPhoto(p.path, `photo ${i + 1}`).then((l) => l.image)));
  const masks = await Promise.all(timeline.photos.map((p, i) => (p.mask ? loadPhoto(p.mask, `photo ${i + 1}'s mask`).then((m) => m.image) : undefined)));
  const prepared = prepareRender(timeline, images, masks);
  const entries = storyboard.shots.map((shot) => {
    // The middle of the shot: past any transition, representative of the camera move.
    const n = Math.min(timeline.frameCount - 1, secondsToNearestFrame(seconds((shot.start + shot.end) / 2), timeline.fps));
    drawFrame(timeline, n, prepared);
    const thumbnail = createCanvas(timeline.width, timeline.height);
    thumbnail.getContext("2d").drawImage(prepared.frame, 0, 0);
    return { shot, thumbnail };
  });
  const words = storyboard.style.matched.filter((m) => m.word).map((m) => `${m.word} → ${m.chose}`);
  const title = `${storyboard.shots.length} shots · ${storyboard.style.look.name} look · ${storyboard.style.environment}${words.length ? ` · ${words.slice(0, 4).join("; ")}` : ""}`;
  return drawStoryboardSheet(entries, title);
}
