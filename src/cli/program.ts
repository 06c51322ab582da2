/**
 * The mvgen command line (built here, started by main.ts): a thin shell over the pipeline. It parses flags, wires the progress bar
 * and the abort signal, prints results, and is the only place that decides exit codes.
 */
import { Command, Option } from "commander";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { MvgenError, toMvgenError } from "../core/errors.ts";
import { serializeArtifact } from "../core/artifact.ts";
import { fpsToString, hz } from "../core/units.ts";
import { parseAspect, parseFps, parseResolution, parseSeed, parseShare } from "../plan/output-format.ts";
import { createMedia } from "../media/media.ts";
import { resolveMediaTools } from "../media/tools.ts";
import { inspectMediaTools, REQUIRED_ENCODERS } from "../media/doctor.ts";
import { encodeWav } from "../media/wav.ts";
import { readPhotoFile } from "../media/photo.ts";
import { synthesizeSong, DEMO_SONG } from "../synth/song.ts";
import { analyzeSong, planMusicVideo, renderTimeline, renderMusicVideo, type MusicVideoRequest } from "../pipeline/render-music-video.ts";
import { readArtifact, writeArtifacts } from "../pipeline/artifact-store.ts";
import { renderFramePng } from "../pipeline/render-still.ts";
import { createProgressDisplay } from "./progress-bar.ts";
import { EXIT_CODE } from "./exit-codes.ts";
import { addServiceCommands } from "./service-commands.ts";

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface RequestFlags {
  image?: string[];
  prompt?: string;
  aspect?: string;
  resolution?: string;
  fps?: string;
  seed?: string;
  lipSyncShare?: string;
  lyrics?: string;
}

function requestFrom(song: string, flags: RequestFlags): MusicVideoRequest {
  return {
    audio: song,
    images: flags.image ?? [],
    prompt: flags.prompt,
    aspect: flags.aspect === undefined ? undefined : parseAspect(flags.aspect),
    resolution: flags.resolution === undefined ? undefined : parseResolution(flags.resolution),
    fps: flags.fps === undefined ? undefined : parseFps(flags.fps),
    seed: flags.seed === undefined ? undefined : parseSeed(flags.seed),
    lipSyncShare: flags.lipSyncShare === undefined ? undefined : parseShare(flags.lipSyncShare),
    lyrics: flags.lyrics,
  };
}

function withRequestOptions(command: Command): Command {
  return command
    .option("--image <photo>", "a photo of the performer (up to 3; repeat the flag)", collect)
    .option("--prompt <text>", "the look, in words (≤ 2500 characters)")
    .addOption(new Option("--aspect <ratio>", "16:9 or 9:16 (default: from the photos)"))
    .addOption(new Option("--resolution <res>", "480p or 720p").default(undefined, "480p"))
    .addOption(new Option("--fps <n>", "24, 25 or 30").default(undefined, "25"))
    .option("--seed <n>", "another seed gives another plan of the same song")
    .option("--lip-sync-share <share>", "share of the sung time on the singing face, 0–1 (default 0.8)")
    .option("--lyrics <file>", "the lyrics, plain text or LRC ([mm:ss.xx] per line, <mm:ss.xx> per word): the mouth follows their sounds");
}

/** One abort signal per run, fired by Ctrl-C, so a cancelled render leaves no partial file. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort(new Error("interrupted")));
  return controller.signal;
}

const startedAt = () => performance.now();
const secondsSince = (t: number) => Math.round(performance.now() - t) / 1000;

export function buildProgram(): Command {
  const program = new Command("mvgen")
    .description("Self-hosted music video generator: a song and up to 3 photos in, a music video out.")
    .showHelpAfterError()
    .exitOverride();

  withRequestOptions(
    program
      .command("render")
      .description("render a music video of SONG (or of an edited timeline with --timeline)")
      .argument("[song]", "MP3, WAV or M4A (FLAC and OGG also work)"),
  )
    .option("-o, --output <file>", "the MP4 to write", "out/mvgen.mp4")
    .option("--keep-artifacts <dir>", "also write analysis.json, storyboard.json and timeline.json here")
    .option("--timeline <file>", "render this (edited) timeline.json instead of planning")
    .option("--json", "print a machine-readable summary instead of a progress bar")
    .action(async (song: string | undefined, flags: RequestFlags & { output: string; keepArtifacts?: string; timeline?: string; json?: boolean }) => {
      const progress = createProgressDisplay(!flags.json);
      const started = startedAt();
      const signal = interruptSignal();
      try {
        let result;
        if (flags.timeline) {
          const timeline = await readArtifact("timeline", resolve(flags.timeline));
          result = await renderTimeline(timeline, flags.output, { signal, onProgress: progress.listener });
        } else {
          if (!song) throw new MvgenError("INVALID_OPTION", "no song given; run mvgen render SONG.mp3 (or --timeline FILE).");
          result = await renderMusicVideo({
            ...requestFrom(song, flags),
            output: flags.output,
            keepArtifacts: flags.keepArtifacts,
            signal,
            onProgress: progress.listener,
          });
        }
        progress.stop();
        const summary = {
          output: result.output,
          width: result.width,
          height: result.height,
          fps: fpsToString(result.fps),
          frames: result.frames,
          duration: Math.round(result.duration * 1000) / 1000,
          seconds: secondsSince(started),
          artifacts: flags.keepArtifacts ? resolve(flags.keepArtifacts) : undefined,
        };
        if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else process.stdout.write(`wrote ${summary.output} (${summary.width}×${summary.height}, ${summary.duration} s) in ${summary.seconds} s\n`);
      } finally {
        progress.stop();
      }
    });

  withRequestOptions(
    program.command("plan").description("analyse SONG and write its artifacts, without rendering").argument("<song>"),
  )
    .requiredOption("-o, --output <dir>", "folder for analysis.json, storyboard.json, timeline.json")
    .option("--json", "print the written paths as JSON")
    .action(async (song: string, flags: RequestFlags & { output: string; json?: boolean }) => {
      const progress = createProgressDisplay(!flags.json);
      try {
        const plan = await planMusicVideo(requestFrom(song, flags), {
          signal: interruptSignal(),
          onProgress: progress.listener,
          workDir: resolve(flags.output),
        });
        const written = await writeArtifacts(flags.output, plan);
        progress.stop();
        if (flags.json) process.stdout.write(`${JSON.stringify({ artifacts: written, shots: plan.storyboard.shots.length })}\n`);
        else process.stdout.write(`${written.join("\n")}\n${plan.storyboard.shots.length} shots; edit timeline.json and run mvgen render --timeline\n`);
      } finally {
        progress.stop();
      }
    });

  program
    .command("frame")
    .description("render frame N of a timeline to a PNG")
    .argument("<timeline>", "timeline.json")
    .argument("<n>", "frame number, from 0")
    .requiredOption("-o, --output <file>", "the PNG to write")
    .action(async (timelinePath: string, n: string, flags: { output: string }) => {
      const timeline = await readArtifact("timeline", resolve(timelinePath));
      const index = Number(n);
      const png = await renderFramePng(timeline, index);
      await mkdir(dirname(resolve(flags.output)), { recursive: true });
      await writeFile(flags.output, png);
      process.stdout.write(`wrote ${resolve(flags.output)} (frame ${index} of ${timeline.frameCount})\n`);
    });

  program
    .command("analyze")
    .description("analyse SONG: tempo, beats, downbeats, sections, vocals, voice")
    .argument("<song>")
    .requiredOption("--json <file>", "where to write analysis.json")
    .option("--plot <file>", "also draw waveform, energy, beats, sections, vocals and F0 as a PNG")
    .action(async (song: string, flags: { json: string; plot?: string }) => {
      const media = createMedia();
      const analysis = await analyzeSong(song, { media, signal: interruptSignal() });
      await mkdir(dirname(resolve(flags.json)), { recursive: true });
      await writeFile(flags.json, serializeArtifact(analysis));
      const lines = [
        `${analysis.tempo.bpm.toFixed(1)} BPM (confidence ${analysis.tempo.confidence.toFixed(2)}), ${analysis.beats.length} beats, ${analysis.sections.length} sections, voice ${analysis.voice.class}; wrote ${resolve(flags.json)}`,
      ];
      if (flags.plot) {
        const { plotAnalysis } = await import("../render/plot-analysis.ts");
        // 8 kHz mono is plenty for a waveform drawing and costs little to decode again.
        const pcm = await media.decodeAudio(resolve(song), hz(8000), 1);
        await mkdir(dirname(resolve(flags.plot)), { recursive: true });
        await writeFile(flags.plot, plotAnalysis(analysis, pcm.channels[0]));
        lines.push(`wrote ${resolve(flags.plot)}`);
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    });

  program
    .command("storyboard")
    .description("draw the storyboard sheet of a plan: one thumbnail per shot with time, framing, camera and transition")
    .argument("<dir>", "a folder written by mvgen plan (or render --keep-artifacts)")
    .requiredOption("-o, --output <file>", "the PNG to write")
    .action(async (dir: string, flags: { output: string }) => {
      const { renderStoryboardSheet } = await import("../pipeline/storyboard-sheet.ts");
      const png = await renderStoryboardSheet(resolve(dir));
      await mkdir(dirname(resolve(flags.output)), { recursive: true });
      await writeFile(flags.output, png);
      process.stdout.write(`wrote ${resolve(flags.output)}\n`);
    });

  program
    .command("inspect")
    .description("find the face, landmarks, pose and person mask in each photo")
    .argument("<photos...>", "up to 3 photos (JPEG, PNG, WebP)")
    .requiredOption("--json <file>", "where to write performer.json (masks go to a masks/ folder beside it)")
    .option("--overlay <file>", "draw the mesh, lips and mask outline on each photo (PNG; -N added for several)")
    .action(async (photoPaths: string[], flags: { json: string; overlay?: string }) => {
      const { inspectPhotos, drawInspectionOverlay } = await import("../vision/index.ts");
      const jsonPath = resolve(flags.json);
      const photos = await Promise.all(
        photoPaths.map(async (path, i) => ({ path: resolve(path), bytes: await readPhotoFile(resolve(path), `photo ${i + 1}`) })),
      );
      const performer = await inspectPhotos(photos, { maskDir: join(dirname(jsonPath), "masks"), signal: interruptSignal() });
      await mkdir(dirname(jsonPath), { recursive: true });
      await writeFile(jsonPath, serializeArtifact(performer));
      const lines = [`wrote ${jsonPath}`];
      if (flags.overlay) {
        for (const [i, image] of performer.images.entries()) {
          const out = performer.images.length === 1 ? resolve(flags.overlay) : resolve(flags.overlay).replace(/(\.png)?$/i, `-${i + 1}.png`);
          await writeFile(out, await drawInspectionOverlay({ image: photos[i].bytes, performerImage: image }));
          lines.push(`wrote ${out}`);
        }
      }
      for (const warning of performer.warnings) lines.push(`note: ${warning.message}`);
      process.stdout.write(`${lines.join("\n")}\n`);
    });

  program
    .command("doctor")
    .description("show which ffmpeg and ffprobe mvgen uses, their versions and encoders, and Node's version")
    .option("--json", "machine-readable")
    .action(async (flags: { json?: boolean }) => {
      const report = await inspectMediaTools(resolveMediaTools());
      const missing = REQUIRED_ENCODERS.filter((e) => !report.encoders[e]);
      if (flags.json) process.stdout.write(`${JSON.stringify({ ...report, node: process.version })}\n`);
      else {
        const lines = [
          `node     ${process.version}`,
          `ffmpeg   ${report.ffmpeg.path} (${report.ffmpeg.origin}) — ${report.ffmpeg.version}`,
          `ffprobe  ${report.ffprobe.path} (${report.ffprobe.origin}) — ${report.ffprobe.version}`,
          ...REQUIRED_ENCODERS.map((e) => `encoder  ${e.padEnd(8)} ${report.encoders[e] ? "ok" : "MISSING"}`),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      }
      if (missing.length > 0) {
        throw new MvgenError("FFMPEG_MISSING_ENCODER", `this ffmpeg lacks ${missing.join(", ")}; install Debian's ffmpeg or set MVGEN_FFMPEG.`);
      }
    });

  program
    .command("demo")
    .description("synthesise a song and render a music video of it (needs nothing but this repository)")
    .option("-o, --output <file>", "the MP4 to write", "out/demo.mp4")
    .option("--json", "print a machine-readable summary")
    .action(async (flags: { output: string; json?: boolean }) => {
      const output = resolve(flags.output);
      const songPath = output.replace(/\.mp4$/i, "") + "-song.wav";
      const song = synthesizeSong(DEMO_SONG);
      await mkdir(dirname(songPath), { recursive: true });
      await writeFile(songPath, encodeWav(song.audio.channels, song.audio.sampleRate));
      const progress = createProgressDisplay(!flags.json);
      const started = startedAt();
      try {
        const result = await renderMusicVideo({
          audio: songPath,
          prompt: "neon city at night, electric and glowing",
          output,
          keepArtifacts: dirname(output),
          signal: interruptSignal(),
          onProgress: progress.listener,
          media: createMedia(),
        });
        progress.stop();
        if (flags.json) process.stdout.write(`${JSON.stringify({ output: result.output, song: songPath, seconds: secondsSince(started) })}\n`);
        else process.stdout.write(`${result.output}\n`);
      } finally {
        progress.stop();
      }
    });

  addServiceCommands(program);

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return 0;
  } catch (thrown) {
    const commanderError = thrown as { code?: string; exitCode?: number };
    if (typeof commanderError.code === "string" && commanderError.code.startsWith("commander.")) {
      // Commander has already printed its usage message (or the help/version text, exit 0).
      return commanderError.exitCode === 0 ? 0 : 2;
    }
    const error = toMvgenError(thrown);
    process.stderr.write(`mvgen: ${error.message} [${error.code}]\n`);
    if (error.kind === "internal" && process.env.MVGEN_DEBUG) process.stderr.write(`${(thrown as Error).stack}\n`);
    return EXIT_CODE[error.kind];
  }
}

