/**
 * Planning quality over the corpus songs: cuts on beats, shot lengths per section, framing
 * variety, and — for 9:16 — whether the singing face stays inside the central 80 % of the width
 * in every lip-sync frame (measured through the renderer's own placement, camera moves included).
 */
import { join } from "node:path";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { planMusicVideo } from "../../src/pipeline/render-music-video.ts";
import { placePhoto } from "../../src/render/draw-photo.ts";
import { clipPose } from "../../src/render/render-frame.ts";
import { fpsToNumber } from "../../src/core/units.ts";
import type { Timeline } from "../../src/core/schemas/timeline.ts";

export interface PlanEvalRow {
  item: string;
  metric: string;
  value: number | string;
  target?: string;
}

const SONGS = [
  "synthetic/mix_120bpm.wav",
  "songs/vocadito/vocadito_1.wav",
  "songs/fantasma/mp3/Fantasma_-_Los_Rombos.mp3",
  "songs/karissa_hobbs/Karissa_Hobbs_-_Lets_Go_Fishin.hq.ogg",
];
const FACE = "faces/london/042_03.jpg";

export async function evaluatePlan(corpus: string): Promise<PlanEvalRow[]> {
  const rows: PlanEvalRow[] = [];
  const work = await mkdtemp(join(tmpdir(), "mvgen-eval-plan-"));
  try {
    for (const song of SONGS.map((s) => join(corpus, s)).filter(existsSync)) {
      const item = song.slice(corpus.length + 1);
      const plan = await planMusicVideo({ audio: song, images: [join(corpus, FACE)], aspect: "9:16", seed: 1 }, { workDir: work });
      const { timeline, storyboard, analysis } = plan;
      const beatFrames = analysis.beats.map((b) => Math.round(b * fpsToNumber(timeline.fps)));
      const cuts = timeline.clips.slice(1).map((c) => c.start);
      const onBeat = cuts.filter((c) => beatFrames.some((b) => Math.abs(b - c) <= 1)).length;
      rows.push({ item, metric: "cuts within ±1 frame of a beat", value: pct(onBeat, cuts.length), target: "≥ 98 %" });
      const byLabel = new Map<string, number[]>();
      for (const shot of storyboard.shots) {
        const label = storyboard.scenes.find((s) => shot.start >= s.start && shot.start < s.end)?.label ?? "?";
        byLabel.set(label, [...(byLabel.get(label) ?? []), shot.end - shot.start]);
      }
      for (const [label, lengths] of byLabel) {
        const mean = lengths.reduce((s, x) => s + x, 0) / lengths.length;
        rows.push({
          item,
          metric: `shot length ${label} (n=${lengths.length}) mean/min/max s`,
          value: `${mean.toFixed(2)} / ${Math.min(...lengths).toFixed(2)} / ${Math.max(...lengths).toFixed(2)}`,
          target: label === "intro" || label === "outro" ? "≥ 0.6" : "0.6–8",
        });
      }
      const framings = new Set(storyboard.shots.filter((s) => s.content === "performer").map((s) => s.framing));
      rows.push({ item, metric: "distinct framings of the one photo", value: framings.size, target: "≥ 5" });
      const [inside, total] = faceInsideCentre(timeline, plan.images.map((i) => ({ width: i.width, height: i.height })));
      rows.push({ item, metric: "9:16 lip-sync frames with the face in the central 80 %", value: pct(inside, total), target: "100 %" });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return rows;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)} %`;
}

/** Replays each lip-sync clip's camera frame by frame and checks the face box against the width. */
function faceInsideCentre(timeline: Timeline, sizes: ReadonlyArray<{ width: number; height: number }>): [number, number] {
  let inside = 0;
  let total = 0;
  for (const clip of timeline.clips) {
    if (!clip.lipSync || clip.source.kind !== "photo") continue;
    const ref = timeline.photos[clip.source.photo];
    if (!ref.face) continue;
    const size = sizes[clip.source.photo];
    const prepared = { canvas: { width: size.width, height: size.height }, scale: 1 } as unknown as Parameters<typeof placePhoto>[0];
    // A photo with landmarks gets a face rig, whose head motion moves the camera too.
    const faceRoll = ref.landmarks ? (ref.pose?.roll ?? 0) : undefined;
    for (let n = clip.start; n < clip.end; n++) {
      const pose = clipPose(timeline, clip, n, faceRoll);
      const cutOut = clip.source.background !== undefined && ref.mask !== undefined;
      const p = placePhoto(prepared, clip.source.view, pose, timeline.width, timeline.height, cutOut);
      const sign = p.mirror ? -1 : 1;
      const toScreen = (x: number) => timeline.width / 2 + sign * (x - p.cx) * p.scale;
      const left = toScreen(ref.face.x * size.width);
      const right = toScreen((ref.face.x + ref.face.width) * size.width);
      const [a, b] = [Math.min(left, right), Math.max(left, right)];
      total++;
      if (a >= timeline.width * 0.1 - 0.5 && b <= timeline.width * 0.9 + 0.5) inside++;
    }
  }
  return [inside, total];
}
