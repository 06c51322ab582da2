/**
 * What the lip sync costs per 480p frame (issue: ≤ 4 ms), for `npm run bench`: a 60 s song with
 * two portraits is planned once; then every frame in which the mouth is open (the track says so
 * and the clip mouths it) is drawn on one thread with the timeline as planned and again with the
 * lip sync switched off, in alternating passes so both see the same machine. Prints one JSON line.
 */
import { drawFrame } from "../src/render/index.ts";
import { planMusicVideo } from "../src/pipeline/render-music-video.ts";
import { prepareTimeline } from "../src/pipeline/prepare-timeline.ts";
import type { Timeline } from "../src/core/schemas/timeline.ts";

const [song, ...photos] = process.argv.slice(2);
const plan = await planMusicVideo({ audio: song, images: photos, resolution: "480p", aspect: "16:9" });
const withLips = plan.timeline;
const without: Timeline = { ...withLips, clips: withLips.clips.map((c) => ({ ...c, lipSync: false })) };
const frames: number[] = [];
for (const clip of withLips.clips) {
  if (!clip.lipSync || clip.source.kind !== "photo") continue;
  for (let n = clip.start; n < clip.end; n++) if ((withLips.mouth?.open[n] ?? 0) > 0.05) frames.push(n);
}
const time = async (timeline: Timeline) => {
  const prepared = await prepareTimeline(timeline, plan.images);
  const started = performance.now();
  for (const n of frames) drawFrame(timeline, n, prepared);
  return (performance.now() - started) / frames.length;
};
// Warm-up, then three alternating passes each; the median per-frame time of each.
await time(withLips);
await time(without);
const a: number[] = [];
const b: number[] = [];
for (let pass = 0; pass < 3; pass++) {
  a.push(await time(withLips));
  b.push(await time(without));
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1];
process.stdout.write(`${JSON.stringify({ frames: frames.length, withMs: median(a), withoutMs: median(b), costMs: median(a) - median(b) })}\n`);
