/** One frame of a timeline as a PNG: `mvgen frame`, previews, and storyboard thumbnails. */
import type { Image } from "@napi-rs/canvas";
import type { Timeline } from "../core/schemas/timeline.ts";
import { drawFrame } from "../render/index.ts";
import { prepareTimeline } from "./prepare-timeline.ts";

export async function renderFramePng(timeline: Timeline, n: number, images?: readonly Image[]): Promise<Buffer> {
  const prepared = await prepareTimeline(timeline, images);
  drawFrame(timeline, n, prepared);
  return prepared.frame.encode("png");
}
