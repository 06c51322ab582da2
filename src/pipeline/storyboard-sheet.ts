/** `mvgen storyboard DIR`: the sheet of a planned video, one rendered thumbnail per shot. */
import { join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { readArtifact } from "./artifact-store.ts";
import { drawFrame } from "../render/index.ts";
import { prepareTimeline } from "./prepare-timeline.ts";
import { drawStoryboardSheet } from "../render/draw-storyboard-sheet.ts";
import { secondsToNearestFrame, seconds } from "../core/units.ts";

export async function renderStoryboardSheet(dir: string): Promise<Buffer> {
  const storyboard = await readArtifact("storyboard", join(dir, "storyboard.json"));
  const timeline = await readArtifact("timeline", join(dir, "timeline.json"));
  const prepared = await prepareTimeline(timeline);
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
