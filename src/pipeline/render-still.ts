/** One frame of a timeline as a PNG: `mvgen frame`, previews, and storyboard thumbnails. */
import type { Image } from "@napi-rs/canvas";
import type { Timeline } from "../core/schemas/timeline.ts";
import { loadPhoto } from "../media/photo.ts";
import { drawFrame, prepareRender } from "../render/index.ts";

export async function renderFramePng(timeline: Timeline, n: number, images?: readonly Image[]): Promise<Buffer> {
  const photos = images ?? (await Promise.all(timeline.photos.map((p, i) => loadPhoto(p.path, `photo ${i + 1}`).then((l) => l.image))));
  const prepared = prepareRender(timeline, photos);
  drawFrame(timeline, n, prepared);
  return prepared.frame.encode("png");
}
