/**
 * One measured run in a fresh process (so peak memory is this run's alone): either a full render
 * or the encode floor (blank frames through the same ffmpeg settings). Prints one JSON line.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { renderMusicVideo } from "../src/index.ts";
import { resolveMediaTools } from "../src/media/tools.ts";
import { blankEncodeArgs } from "../src/media/args.ts";
import { fps } from "../src/core/units.ts";
import { outputSize, parseResolution } from "../src/plan/output-format.ts";

const [mode, song, resolution, output, ...photos] = process.argv.slice(2);
const started = performance.now();
let frames = 0;

if (mode === "render") {
  const result = await renderMusicVideo({ audio: song, images: photos, resolution: parseResolution(resolution), output, aspect: "16:9" });
  frames = result.frames;
} else {
  const { width, height } = outputSize("16:9", parseResolution(resolution));
  frames = Number(song);
  const tools = resolveMediaTools();
  const child = spawn(tools.ffmpeg.path, blankEncodeArgs(width, height, fps(25), frames, output), { stdio: ["pipe", "ignore", "inherit"] });
  const blank = Buffer.alloc(width * height * 4, 0);
  for (let i = 0; i < frames; i++) if (!child.stdin.write(blank)) await once(child.stdin, "drain");
  child.stdin.end();
  await once(child, "close");
}
process.stdout.write(
  `${JSON.stringify({ seconds: (performance.now() - started) / 1000, frames, peakMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
