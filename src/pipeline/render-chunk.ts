/**
 * One chunk of a song's frames rendered to a video-only H.264 segment (`chunkEncodeArgs`): the
 * same renderer and encoder settings as `renderTimeline`, so `joinChunks` can concatenate the
 * segments without re-encoding. A worker needs only the Timeline and the range.
 */
import { resolve } from "node:path";
import type { Image } from "@napi-rs/canvas";
import type { Timeline } from "../core/schemas/timeline.ts";
import { chunkEncodeArgs } from "../media/args.ts";
import { openEncoder } from "../media/encoder.ts";
import { createMedia } from "../media/media.ts";
import { checkFrameRange, type FrameRange } from "./plan-chunks.ts";
import { encodeFrames, writeAtomically } from "./output-file.ts";
import type { PipelineContext } from "./render-music-video.ts";

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
  const { width, height } = timeline;
  await writeAtomically(outputPath, async (partial) => {
    const sink = openEncoder(media.tools.ffmpeg.path, chunkEncodeArgs({ width, height, fps: timeline.fps, outputPath: partial }), width * height * 4);
    await encodeFrames(timeline, range, sink, report, context);
  });
  return { output: outputPath, range, frames: range.end - range.start };
}
