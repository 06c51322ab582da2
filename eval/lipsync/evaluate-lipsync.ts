/**
 * Closed-loop lip-sync evaluation (issue 5) on the shared corpus (never copied into the repository):
 * render a close-up of a face photo singing the item's audio, run the project's own face detector on
 * every output frame, and measure the mouth opening as the inner-lip gap (mesh points 13–14) over
 * the face height (mesh 10 → 152). Then:
 *   - synthetic mix: frame F1 of "mouth open" against vocal_segments.txt (target ≥ 0.9);
 *   - Festival speech and sung Daisy Bell: share of frames inside M/B/P phones with the mouth
 *     closed, and inside open vowels with it open (target ≥ 0.8 each);
 *   - GRID: Pearson correlation between the generated and the real video's opening, same detector
 *     on both (target ≥ 0.6, best lag within ±1 frame);
 *   - every item: the lag of the peak cross-correlation between the opening and the vocal
 *     envelope (target within ±40 ms; sub-frame by parabolic interpolation of the peak).
 *
 * Run alone: `npx tsx eval/lipsync/evaluate-lipsync.ts ../shared/corpus [mix festival_daisy_sung …]`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { createCanvas, loadImage, type Image } from "@napi-rs/canvas";
import { analyzeAudio } from "../../src/analysis/analyze.ts";
import { computeMouthTrack, type MouthTrack } from "../../src/analysis/mouth/mouth-track.ts";
import { computeMouthFeatures } from "../../src/analysis/mouth/mouth-features.ts";
import { lyricPhones, readLyrics } from "../../src/pipeline/lyrics-file.ts";
import { evaluateLyricsAlignment, readLabels } from "./lyrics-alignment.ts";
import { BILABIALS, OPEN_VOWELS } from "../../src/analysis/mouth/visemes.ts";
import { parseArtifact } from "../../src/core/artifact.ts";
import type { Timeline } from "../../src/core/schemas/timeline.ts";
import { hz } from "../../src/core/units.ts";
import { createMedia } from "../../src/media/media.ts";
import { createFaceDetector, type FaceDetector } from "../../src/vision/face-detector.ts";
import { faceBoxFromMesh, landmarksFromMesh } from "../../src/vision/face-landmarks.ts";
import { prepareRender, renderFrame } from "../../src/render/index.ts";
import { photoLandmarks } from "../../src/pipeline/photo-landmarks.ts";
import { viewFor } from "../../src/plan/compile-timeline.ts";
import type { Framing } from "../../src/core/schemas/storyboard.ts";

export interface EvalRow {
  item: string;
  metric: string;
  value: number;
  target?: string;
}

const run = promisify(execFile);
const FPS = 25;
const RATE = 22050;
/** Opening (inner-lip gap ÷ face height) above which the mouth counts as open: ≈ 4 mm on a 20 cm face. */
const OPEN_THRESHOLD = 0.02;

async function decodeMono(file: string): Promise<Float32Array> {
  return (await createMedia().decodeAudio(file, hz(RATE), 1)).channels[0];
}

/** The mouth opening of the largest face in an encoded image; NaN when no face is found. */
export async function opening(detector: FaceDetector, bytes: Uint8Array): Promise<number> {
  const result = await detector.analyze(bytes, { mask: false });
  const face = result.faces.sort((a, b) => b.score - a.score)[0];
  if (!face) return Number.NaN;
  const m = face.mesh;
  const gap = Math.hypot(m[14 * 3] - m[13 * 3], m[14 * 3 + 1] - m[13 * 3 + 1]);
  const height = Math.hypot(m[152 * 3] - m[10 * 3], m[152 * 3 + 1] - m[10 * 3 + 1]);
  return gap / height;
}

export interface Rendered {
  /** inner-lip gap ÷ face height per rendered frame (NaN: no face found; also for frames not measured) */
  openings: number[];
  track: MouthTrack;
  samples: Float32Array;
}

export interface RenderOptions {
  /** the framing of the single clip [close-up] */
  framing?: Framing;
  /** a track to render instead of the one computed from the audio (calibration, closure checks) */
  track?: MouthTrack;
  /** a lyrics file (plain text or LRC) the track follows, as `--lyrics` */
  lyrics?: string;
  /** only these frames are rendered and measured (a fast dev loop); all when omitted */
  frames?: readonly number[];
  /** write each measured frame here as fNNNN.png (to look at) */
  saveDir?: string;
}

/** Renders a 480p close-up of `photoPath` singing `audioPath` and measures every frame's mouth. */
export async function renderAndMeasure(detector: FaceDetector, photoPath: string, audioPath: string, options: RenderOptions = {}): Promise<Rendered> {
  const samples = await decodeMono(audioPath);
  const analysis = analyzeAudio({ sampleRate: hz(RATE), channels: [samples] });
  const frameCount = Math.max(1, Math.round((samples.length / RATE) * FPS));
  const features = computeMouthFeatures(samples, RATE);
  const phones = options.lyrics ? await lyricPhones(await readLyrics(options.lyrics), analysis.vocalSegments, samples.length / RATE, { values: features.voiceDb, rate: features.rate }) : undefined;
  const track = options.track ?? computeMouthTrack({ samples, sampleRate: RATE, vocalActivity: analysis.vocalActivity, vocalSegments: analysis.vocalSegments, fps: FPS, frameCount, phones, features });
  const bytes = await readFile(photoPath);
  const found = await detector.analyze(bytes, { mask: false });
  const face = found.faces.sort((a, b) => b.score - a.score)[0];
  if (!face) throw new Error(`no face in ${photoPath}`);
  const box = faceBoxFromMesh(face.mesh);
  const landmarks = landmarksFromMesh(face.mesh);
  const photo = {
    path: photoPath,
    width: found.width,
    height: found.height,
    face: { x: box.x / found.width, y: box.y / found.height, width: box.width / found.width, height: box.height / found.height },
    pose: { yaw: 0, pitch: 0, roll: 0 },
    landmarks: photoLandmarks({ landmarks } as Parameters<typeof photoLandmarks>[0]),
  };
  const [width, height] = [854, 480];
  const timeline: Timeline = parseArtifact("timeline", {
    artifact: "timeline",
    version: 1,
    seed: 5,
    fps: { num: FPS, den: 1 },
    width,
    height,
    frameCount,
    audio: { path: audioPath, duration: samples.length / RATE },
    photos: [photo],
    look: { name: "plain", background: ["#000000", "#000000"], accent: "#ffffff", tint: { color: "#ffffff", strength: 0 }, saturation: 1, contrast: 1, vignette: 0, grain: 0 },
    clips: [
      {
        start: 0,
        end: frameCount,
        source: { kind: "photo", photo: 0, view: viewFor(options.framing ?? "close-up", photo, width, height) },
        camera: { move: "push-in", intensity: 0, easing: "linear" },
        transitionIn: { kind: "cut", frames: 0 },
        lipSync: true,
      },
    ],
    beats: [],
    downbeats: [],
    energy: new Array(frameCount).fill(0.5),
    mouth: { open: track.open, round: track.round, spread: track.spread, visemes: track.visemes },
  });
  const image: Image = await loadImage(bytes);
  const prepared = prepareRender(timeline, [image]);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const openings: number[] = new Array(frameCount).fill(Number.NaN);
  for (const n of options.frames ?? openings.keys()) {
    if (n < 0 || n >= frameCount) continue;
    const rgba = renderFrame(timeline, n, prepared);
    const frame = ctx.createImageData(width, height);
    frame.data.set(rgba);
    ctx.putImageData(frame, 0, 0);
    const png = canvas.encodeSync("png");
    if (options.saveDir) await writeFile(path.join(options.saveDir, `f${String(n).padStart(4, "0")}.png`), png);
    openings[n] = await opening(detector, png);
  }
  return { openings, track, samples };
}

/** The label reader lives with the lyrics eval, which runs without this module's renderer. */
export { readLabels };

export const phoneAt = (labels: Array<[number, number, string]>, t: number) => labels.find(([a, b]) => t >= a && t < b)?.[2] ?? "pau";
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Vocal envelope per video frame: RMS over the frame's span [linear]. */
function envelope(samples: Float32Array, frames: number): number[] {
  const out: number[] = [];
  for (let n = 0; n < frames; n++) {
    const a = Math.floor((n / FPS) * RATE), b = Math.min(samples.length, Math.floor(((n + 1) / FPS) * RATE));
    let sum = 0;
    for (let i = a; i < b; i++) sum += samples[i] * samples[i];
    out.push(Math.sqrt(sum / Math.max(1, b - a)));
  }
  return out;
}

function pearson(a: readonly number[], b: readonly number[], lag = 0): number {
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const j = i + lag;
    if (j < 0 || j >= b.length || !Number.isFinite(a[i]) || !Number.isFinite(b[j])) continue;
    xs.push(a[i]);
    ys.push(b[j]);
  }
  const n = xs.length;
  if (n < 3) return Number.NaN;
  const mx = xs.reduce((s, x) => s + x, 0) / n, my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy || 1);
}

/**
 * The lag [frames] of the best correlation of `b` against `a` within ±maxLag, refined by a parabola
 * through the peak and its neighbours. Positive: `b` comes later than `a`.
 */
function bestLag(a: readonly number[], b: readonly number[], maxLag: number): { lag: number; r: number } {
  let best = -maxLag;
  const rs = new Map<number, number>();
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    rs.set(lag, pearson(a, b, lag));
    if ((rs.get(lag) ?? -Infinity) > (rs.get(best) ?? -Infinity)) best = lag;
  }
  const r0 = rs.get(best) ?? 0, rm = rs.get(best - 1), rp = rs.get(best + 1);
  let lag = best;
  if (rm !== undefined && rp !== undefined && Number.isFinite(rm) && Number.isFinite(rp)) {
    const denom = rm - 2 * r0 + rp;
    if (denom < 0) lag = best + (0.5 * (rm - rp)) / denom;
  }
  return { lag, r: r0 };
}

function envelopeLagRow(item: string, openings: number[], samples: Float32Array): EvalRow {
  // Positive lag: the mouth opens after the sound; negative: before (anticipation).
  const { lag } = bestLag(envelope(samples, openings.length), openings, 5);
  return { item, metric: "mouth vs vocal envelope, lag of peak correlation [ms]", value: Math.round((lag * 1000) / FPS), target: "within ±40" };
}

async function framesOf(video: string, dir: string): Promise<string[]> {
  await run("ffmpeg", ["-loglevel", "error", "-i", video, "-vsync", "0", path.join(dir, "f%04d.png")]);
  return (await readdir(dir)).filter((f) => f.endsWith(".png")).sort().map((f) => path.join(dir, f));
}

/**
 * A GRID `.align` transcript (`start end word` in 1/25000 s) as an enhanced LRC: each word with its
 * start, the last closed by its end; silences dropped.
 */
export function lrcFromAlign(align: string): string {
  const stamp = (s: number) => `${String(Math.floor(s / 60)).padStart(2, "0")}:${(s % 60).toFixed(2).padStart(5, "0")}`;
  const words = align
    .trim()
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/))
    .filter(([, , word]) => word && word !== "sil" && word !== "sp")
    .map(([a, b, word]) => ({ start: Number(a) / 25000, end: Number(b) / 25000, word }));
  if (words.length === 0) return "";
  return `[${stamp(words[0].start)}]${words.map((w) => `<${stamp(w.start)}>${w.word} `).join("")}<${stamp(words[words.length - 1].end)}>\n`;
}

/** The items, by name; `only` (a list of these) runs a subset — one item is a 1–5 minute dev loop. */
export const LIPSYNC_ITEMS = ["mix", "festival_speech", "festival_daisy_sung", "bbaf2n", "bgin3a", "lyrics"] as const;

export async function evaluateLipSync(corpusDir: string, only: readonly string[] = LIPSYNC_ITEMS): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  const detector = await createFaceDetector();
  const scratch = await mkdtemp(path.join(tmpdir(), "mvgen-eval-lipsync-"));
  const synthetic = path.join(corpusDir, "synthetic");
  const face = path.join(corpusDir, "faces", "london", "025_03.jpg");
  try {
    // Lyrics without word times: where the words land (no rendering).
    if (only.includes("lyrics")) rows.push(...(await evaluateLyricsAlignment(corpusDir)));
    // Synthetic mix: mouth open against the exact vocal segments.
    if (only.includes("mix")) {
      const item = "synthetic/mix_120bpm.wav";
      const { openings, samples } = await renderAndMeasure(detector, face, path.join(synthetic, "mix_120bpm.wav"));
      const segments = (await readFile(path.join(synthetic, "vocal_segments.txt"), "utf8"))
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => l.trim().split(/\s+/).map(Number));
      let tp = 0, fp = 0, fn = 0;
      openings.forEach((o, n) => {
        const t = (n + 0.5) / FPS;
        const sung = segments.some(([a, b]) => t >= a && t < b);
        const open = o > OPEN_THRESHOLD;
        if (open && sung) tp++;
        else if (open) fp++;
        else if (sung) fn++;
      });
      rows.push({ item, metric: "frame F1 of mouth open vs vocal segments", value: round3((2 * tp) / Math.max(1, 2 * tp + fp + fn)), target: "≥ 0.9" });
      rows.push({ item, metric: "frames with no face found", value: openings.filter((o) => !Number.isFinite(o)).length });
      rows.push(envelopeLagRow(item, openings, samples));
    }
    // Festival: closures on M/B/P, opening on open vowels.
    for (const name of ["festival_speech", "festival_daisy_sung"].filter((x) => only.includes(x))) {
      const item = `synthetic/${name}.wav`;
      const { openings, samples } = await renderAndMeasure(detector, face, path.join(synthetic, `${name}.wav`));
      const labels = await readLabels(path.join(synthetic, `${name}.phones.lab`));
      let closures = 0, closed = 0, vowels = 0, opened = 0;
      openings.forEach((o, n) => {
        const phone = phoneAt(labels, (n + 0.5) / FPS);
        if (BILABIALS.has(phone)) {
          closures++;
          if (o <= OPEN_THRESHOLD) closed++;
        }
        if (OPEN_VOWELS.has(phone)) {
          vowels++;
          if (o > OPEN_THRESHOLD) opened++;
        }
      });
      rows.push({ item, metric: `M/B/P frames with the mouth closed (of ${closures})`, value: round3(closed / Math.max(1, closures)), target: "≥ 0.8" });
      rows.push({ item, metric: `open-vowel frames with the mouth open (of ${vowels})`, value: round3(opened / Math.max(1, vowels)), target: "≥ 0.8" });
      rows.push(envelopeLagRow(item, openings, samples));
    }
    // GRID: the generated mouth against the real speaker's, from the first frame's still.
    for (const clip of ["bbaf2n", "bgin3a"].filter((x) => only.includes(x))) {
      const item = `grid/s1/${clip}.mpg`;
      const video = path.join(corpusDir, "grid", "s1", `${clip}.mpg`);
      const dir = await mkdtemp(path.join(scratch, `${clip}-`));
      const still = path.join(dir, "still.png");
      await run("ffmpeg", ["-loglevel", "error", "-i", video, "-frames:v", "1", still]);
      const audio = path.join(dir, "audio.wav");
      await run("ffmpeg", ["-loglevel", "error", "-i", video, "-vn", "-ac", "1", audio]);
      const real: number[] = [];
      for (const frame of await framesOf(video, await mkdtemp(path.join(dir, "real-")))) real.push(await opening(detector, await readFile(frame)));
      const { openings, samples } = await renderAndMeasure(detector, still, audio);
      const n = Math.min(real.length, openings.length);
      const { lag } = bestLag(real.slice(0, n), openings.slice(0, n), 3);
      rows.push({ item, metric: "Pearson r, generated vs real mouth opening", value: round3(pearson(real.slice(0, n), openings.slice(0, n))), target: "≥ 0.6" });
      rows.push({ item, metric: "best lag, generated vs real [frames]", value: Math.round(lag * 100) / 100, target: "within ±1" });
      rows.push(envelopeLagRow(item, openings, samples));
      // The same with the transcript as lyrics: word-timed (an enhanced LRC, as from a karaoke
      // file) and as plain text (no times: the words share the sung time by syllables).
      const lrc = lrcFromAlign(await readFile(path.join(corpusDir, "grid", "s1", `${clip}.align`), "utf8"));
      const plain = lrc.replace(/\[[^\]]*\]|<[^>]*>/g, "").trim();
      for (const [kind, text] of [["word-timed", lrc], ["plain-text", plain]] as const) {
        const lyrics = path.join(dir, `lyrics-${kind}.txt`);
        await writeFile(lyrics, text);
        const sung = await renderAndMeasure(detector, still, audio, { lyrics });
        const m = Math.min(real.length, sung.openings.length);
        const best = bestLag(real.slice(0, m), sung.openings.slice(0, m), 3);
        rows.push({ item, metric: `with ${kind} lyrics: Pearson r, generated vs real`, value: round3(pearson(real.slice(0, m), sung.openings.slice(0, m))), target: "≥ 0.6" });
        rows.push({ item, metric: `with ${kind} lyrics: best lag [frames]`, value: Math.round(best.lag * 100) / 100, target: "within ±1" });
      }
    }
  } finally {
    await detector.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [dir, ...items] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write(`usage: npx tsx eval/lipsync/evaluate-lipsync.ts CORPUS_DIR [${LIPSYNC_ITEMS.join(" | ")} …]\n`);
    process.exit(2);
  }
  for (const row of await evaluateLipSync(dir, items.length > 0 ? items : LIPSYNC_ITEMS)) console.log([row.item, row.metric, row.value, row.target ?? ""].join("\t"));
}
