/**
 * One chunk of a song's frames rendered to a video-only H.264 segment (`chunkEncodeArgs`): the
 * same renderer and encoder settings as `renderTimeline`, so `joinChunks` can concatenate the
 * segments without re-encoding. A worker needs only the Timeline and the range.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Image } from "@napi-rs/canvas";
import type { Timeline } from "../core/schemas/timeline.ts";
import { MvgenError } from "../core/errors.ts";
import { chunkEncodeArgs } from "../media/args.ts";
import { openEncoder } from "../media/encoder.ts";
import { createMedia } from "../media/media.ts";
import { checkFrameRange, type FrameRange } from "./plan-chunks.ts";
import { renderFrames } from "./render-frames.ts";
import type { PipelineContext } from "./render-music-video.ts";
import { stageProgress } from "./progress.ts";

export interface ChunkResult {
  readonly output: string;
  readonly range: FrameRange;
  readonly frames: number;
}

/**
 * Renders frames [start, end) of the timeline to `output` (MP4, video only). The file appears only
 * when complete, so a worker killed mid-chunk leaves nothing a join could mistake for a segment,
 * and running the same chunk twice writes the same file again.
 */
export async function renderChunk(
  timeline: Timeline,
  range: FrameRange,
  output: string,
  context: PipelineContext & { images?: readonly Image[] } = {},
): Promise<ChunkResult> {
  checkFrameRange(range, timeline.frameCount);
  const media = context.media ?? createMedia();
  const report = context.onProgress ?? (() => {});
  const outputPath = resolve(output);
  await mkdir(dirname(outputPath), { recursive: true }).catch((error: Error) => {
    throw new MvgenError("OUTPUT_NOT_WRITABLE", `cannot create the folder for ${outputPath}: ${error.message}; choose another segment path.`, { cause: error });
  });
  const partial = `${outputPath}.partial.mp4`;
  const { width, height } = timeline;
  const sink = openEncoder(media.tools.ffmpeg.path, chunkEncodeArgs({ width, height, fps: timeline.fps, outputPath: partial }), width * height * 4);
  const frames = range.end - range.start;
  try {
    const step = Math.max(1, Math.floor(frames / 200));
    const deliver = async (n: number, rgba: Uint8Array) => {
      await sink.write(rgba);
      const done = n - range.start;
      if (done % step === 0) report({ stage: "render", percent: stageProgress("render", done / frames), frame: done, frames });
    };
    await renderFrames(timeline, range, deliver, context);
    report({ stage: "encode", percent: stageProgress("encode", 0), frame: frames, frames });
    await sink.finish();
    await rename(partial, outputPath);
  } catch (error) {
    sink.abort();
    await rm(partial, { force: true });
    throw error;
  }
  return { output: outputPath, range, frames };
}
