/**
 * What the lip sync costs per 480p frame (issue: ≤ 4 ms), for `npm run bench`: a 60 s song with
 * two portraits is planned once; then every frame in which the mouth is open (the track says so
 * and the clip mouths it) is drawn on one thread with the timeline as planned and again with the
 * lip sync switched off, in alternating passes so both see the same machine. Prints one JSON line.
 */
import { loadPhoto } from "../src/media/photo.ts";
import { drawFrame, prepareRender } from "../src/render/index.ts";
import { planMusicVideo } from "../src/pipeline/render-music-video.ts";
import type { Timeline } from "../src/core/schemas/timeline.ts";

const [song, ...photos] = process.argv.slice(2);
const plan = await planMusicVideo({ audio: song, images: photos, resolution: "480p", aspect: "16:9" });
const withLips = plan.timeline;
const without: Timeline = { ...withLips, clips: withLips.clips.map((c) => ({ ...c, lipSync: false })) };
const masks = await Promise.all(withLips.photos.map((p, i) => (p.mask ? loadPhoto(p.mask, `photo ${i + 1}'s mask`).then((m) => m.image) : undefined)));
const images = await Promise.all(withLips.photos.map((p, i) => loadPhoto(p.path, `photo ${i + 1}`).then((l) => l.image)));
const frames: number[] = [];
for (const clip of withLips.clips) {
  if (!clip.lipSync || clip.source.kind !== "photo") continue;
  for (let n = clip.start; n < clip.end; n++) if ((withLips.mouth?.open[n] ?? 0) > 0.05) frames.push(n);
}
const time = (timeline: Timeline) => {
  const prepared = prepareRender(timeline, images, masks);
  const started = performance.now();
  for (const n of frames) drawFrame(timeline, n, prepared);
  return (performance.now() - started) / frames.length;
};
// Warm-up, then three alternating passes each; the median per-frame time of each.
time(withLips);
time(without);
const a: number[] = [];
const b: number[] = [];
for (let pass = 0; pass < 3; pass++) {
  a.push(time(withLips));
  b.push(time(without));
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1];
process.stdout.write(`${JSON.stringify({ frames: frames.length, withMs: median(a), withoutMs: median(b), costMs: median(a) - median(b) })}\n`);
