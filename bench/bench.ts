/**
 * npm run bench: renders a synthesised song at 480p and 720p and prints, measured in this run, the
 * real-time factor (wall time ÷ song length), peak memory, and the ratio to the encode floor
 * (the same number of blank frames through the same ffmpeg settings).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drawPortrait } from "../test/helpers/fixtures.ts";
import { benchService } from "./service-bench.ts";
import { benchScaleOut } from "./scale-bench.ts";
import { encodeWav } from "../src/media/wav.ts";
import { synthesizeSong, DEMO_SONG, type SongOptions } from "../src/synth/song.ts";

const dir = mkdtempSync(join(tmpdir(), "mvgen-bench-"));

function song(seconds: number): string {
  const bars = Math.ceil(seconds / 2);
  const options: SongOptions = { ...DEMO_SONG, parts: Array.from({ length: Math.ceil(bars / 4) }, (_, i) => ({ bars: 4, vocals: i % 3 !== 0, drums: i % 2 ? 1 : 0.6 })), maxSeconds: seconds };
  const s = synthesizeSong(options);
  const path = join(dir, `song-${seconds}.wav`);
  writeFileSync(path, encodeWav(s.audio.channels, s.audio.sampleRate));
  return path;
}

/** A phone-photo-sized portrait (1200×1600) the face detector accepts, so decode, inspection and scaling costs are real. */
function photo(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, drawPortrait(1200, 1600));
  return path;
}

interface Run {
  seconds: number;
  frames: number;
  peakMB: number;
}

function measure(args: string[]): Run {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "render-once.ts"), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Run;
}

const photos = [photo("a.png"), photo("b.png")];
const cases = [
  { seconds: 60, resolution: "480p" },
  { seconds: 60, resolution: "720p" },
  { seconds: 180, resolution: "480p" },
];
const rows: string[][] = [];
for (const c of cases) {
  process.stderr.write(`bench: ${c.seconds} s song at ${c.resolution}…\n`);
  const path = song(c.seconds);
  const render = measure(["render", path, c.resolution, join(dir, "out.mp4"), ...photos]);
  process.stderr.write(`bench: encode floor, ${render.frames} blank frames at ${c.resolution}…\n`);
  const floor = measure(["floor", String(render.frames), c.resolution, join(dir, "floor.mp4")]);
  rows.push([
    `${c.seconds} s @ ${c.resolution}`,
    render.seconds.toFixed(1),
    (render.seconds / c.seconds).toFixed(3),
    (render.frames / render.seconds).toFixed(0),
    render.peakMB.toFixed(0),
    floor.seconds.toFixed(1),
    (render.seconds / floor.seconds).toFixed(2),
  ]);
}
process.stderr.write("bench: lip-sync cost per 480p frame…\n");
const lips = JSON.parse(
  execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "lip-sync-cost.ts"), song(60), ...photos], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
    .trim()
    .split("\n")
    .at(-1) ?? "{}",
) as { frames: number; withMs: number; withoutMs: number; costMs: number };
process.stderr.write("bench: scale-out, a 180 s song by 1 then 2 mvgen worker processes…\n");
const scale = await benchScaleOut(song(180), photos, 180);
process.stderr.write("bench: service (GET task and create rates on loopback)…\n");
const service = await benchService();
const header = ["case", "wall s", "RTF (≤0.3 @480p)", "fps", "peak MB", "floor s", "× floor"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(
  `service: GET task ${service.getPerSecond.toFixed(0)} req/s (p50 ${service.getP50Ms.toFixed(1)} ms, p99 ${service.getP99Ms.toFixed(1)} ms); ` +
    `create with a 60 s MP3 ${service.createsPerSecond.toFixed(2)}/s (p50 ${service.createP50Ms.toFixed(0)} ms)`,
);
rmSync(dir, { recursive: true, force: true });
console.log(
  `lip sync (480p, one thread, ${lips.frames} frames with the mouth open): ${lips.withMs.toFixed(2)} ms a frame with it, ${lips.withoutMs.toFixed(2)} ms without → ` +
    `${lips.costMs.toFixed(2)} ms (target ≤ 4)`,
);
if ("skipped" in scale) console.log(`scale-out: skipped — ${scale.skipped}`);
else {
  const [one, two, oneThread, twoThreads] = scale.runs;
  const rtf = (run: { seconds: number }) => (run.seconds / scale.songSeconds).toFixed(3);
  console.log(
    `scale-out (${scale.songSeconds} s @ 480p, 30 s chunks, this machine, create → completed): ` +
      `1 worker ${one.seconds.toFixed(1)} s (RTF ${rtf(one)}), 2 workers ${two.seconds.toFixed(1)} s (RTF ${rtf(two)}, chunks ${two.chunksPerWorker.join("+")}) → speed-up ${(one.seconds / two.seconds).toFixed(2)}×; ` +
      `one render thread per worker: 1 worker ${oneThread.seconds.toFixed(1)} s, 2 workers ${twoThreads.seconds.toFixed(1)} s → speed-up ${(oneThread.seconds / twoThreads.seconds).toFixed(2)}×; ` +
      `joining the chunks ${two.joinSeconds.toFixed(2)} s (the whole join job with fetching, NSFW check and upload ${two.joinJobSeconds.toFixed(1)} s); ` +
      `job seconds (1 worker): ${Object.entries(one.jobSeconds).map(([job, s]) => `${job} ${s.toFixed(1)}`).join(", ")}`,
  );
}
