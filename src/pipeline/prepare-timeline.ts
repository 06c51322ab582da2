/**
 * A timeline made ready to draw: its photos and person masks decoded and handed to prepareRender.
 * Every place that draws frames (the render threads, one-thread renders, `mvgen frame`, storyboard
 * sheets) goes through here, so each draws a shot the same way — a cut-out needs its mask.
 */
import type { Image } from "@napi-rs/canvas";
import type { Timeline } from "../core/schemas/timeline.ts";
import { loadPhoto } from "../media/photo.ts";
import { prepareRender, type PreparedRender } from "../render/index.ts";

/** `images`: the photos already decoded (in timeline order), to skip decoding them again. */
export async function prepareTimeline(timeline: Timeline, images?: readonly Image[]): Promise<PreparedRender> {
  const photos = images ?? (await Promise.all(timeline.photos.map((p, i) => loadPhoto(p.path, `photo ${i + 1}`).then((l) => l.image))));
  const masks = await Promise.all(timeline.photos.map((p, i) => (p.mask ? loadPhoto(p.mask, `photo ${i + 1}'s mask`).then((m) => m.image) : undefined)));
  return prepareRender(timeline, photos, masks);
}
