/**
 * One measured run in a fresh process (so peak memory is this run's alone): either a full render
 * or the encode floor (blank frames through the same ffmpeg settings). Prints one JSON line.
 */
import { renderMusicVideo } from "../src/index.ts";
import { resolveMediaTools } from "../src/media/tools.ts";
import { blankEncodeArgs } from "../src/media/args.ts";
import { openEncoder } from "../src/media/encoder.ts";
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
  // The product's own encoder path, so a failed encode fails the bench instead of timing nothing.
  const sink = openEncoder(resolveMediaTools().ffmpeg.path, blankEncodeArgs(width, height, fps(25), frames, output), width * height * 4);
  const blank = new Uint8Array(width * height * 4);
  for (let i = 0; i < frames; i++) await sink.write(blank);
  await sink.finish();
}
process.stdout.write(
  `${JSON.stringify({ seconds: (performance.now() - started) / 1000, frames, peakMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
