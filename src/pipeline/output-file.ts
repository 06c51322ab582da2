/**
 * What every stage that writes a media file shares: the file appears whole or not at all, the
 * song's audio is encoded by one rule, and rendered frames stream into an encoder with progress.
 */
import { access, mkdir, rename, rm } from "node:fs/promises";
import { dirname, extname } from "node:path";
import type { Timeline } from "../core/schemas/timeline.ts";
import { MvgenError } from "../core/errors.ts";
import { fpsToNumber } from "../core/units.ts";
import { checkAudioInput } from "../media/audio-input.ts";
import type { FrameSink } from "../media/encoder.ts";
import type { Media } from "../media/media.ts";
import { renderFrames, type RenderFramesOptions } from "./render-frames.ts";
import type { FrameRange } from "./plan-chunks.ts";
import { stageProgress, type ProgressListener } from "./progress.ts";
import type { RenderResult } from "./render-music-video.ts";

/**
 * Creates the output's folder, lets `produce` write `<output>.partial.<ext>`, and renames it to the
 * output only when `produce` succeeds; on failure the partial file is removed and nothing remains.
 */
export async function writeAtomically(outputPath: string, produce: (partialPath: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(outputPath), { recursive: true }).catch((error: Error) => {
    throw new MvgenError("OUTPUT_NOT_WRITABLE", `cannot create the folder for ${outputPath}: ${error.message}; choose another output path.`, {
      cause: error,
    });
  });
  const partial = `${outputPath}.partial${extname(outputPath) || ".mp4"}`;
  try {
    await produce(partial);
    await rename(partial, outputPath);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * AAC at 192 kb/s needs a full-band rate: below 44.1 kHz ffmpeg's encoder cannot spend the bits.
 * Resampling keeps the timing exact; rates of 44.1 kHz and up are kept as they are.
 */
export function outputSampleRate(rate: number | undefined): number | undefined {
  return rate !== undefined && rate < 44100 ? 44100 : undefined;
}

/** An input the user named must be there: INPUT_NOT_FOUND naming it, not an ffmpeg failure later. */
export async function mustExist(path: string, what: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new MvgenError("INPUT_NOT_FOUND", `${what} ${path} does not exist; check the path.`, { details: { path } });
  }
}

/**
 * Checks the timeline's song again (an edited timeline may point at any file) and gives its output
 * rate; every path that muxes or encodes the song (a whole render, the audio job, a join) asks here.
 */
export async function songOutputRate(timeline: Timeline, media: Media, signal?: AbortSignal): Promise<number | undefined> {
  await mustExist(timeline.audio.path, "the timeline's song");
  return outputSampleRate(checkAudioInput(await media.probe(timeline.audio.path, signal), timeline.audio.path).sampleRate);
}

/** Renders frames [start, end) into `sink` in order, reporting progress, and closes it; kills it on failure. */
export async function encodeFrames(
  timeline: Timeline,
  range: FrameRange,
  sink: FrameSink,
  report: ProgressListener,
  options: RenderFramesOptions,
): Promise<void> {
  const frames = range.end - range.start;
  const step = Math.max(1, Math.floor(frames / 200));
  try {
    await renderFrames(
      timeline,
      range,
      async (n, rgba) => {
        await sink.write(rgba);
        const done = n - range.start;
        if (done % step === 0) report({ stage: "render", percent: stageProgress("render", done / frames), frame: done, frames });
      },
      options,
    );
    report({ stage: "encode", percent: stageProgress("encode", 0), frame: frames, frames });
    await sink.finish();
  } catch (error) {
    sink.abort();
    throw error;
  }
}

/** The summary of a finished whole-song video. */
export function videoResult(outputPath: string, timeline: Timeline): RenderResult {
  return {
    output: outputPath,
    width: timeline.width,
    height: timeline.height,
    fps: timeline.fps,
    frames: timeline.frameCount,
    duration: timeline.frameCount / fpsToNumber(timeline.fps),
  };
}
