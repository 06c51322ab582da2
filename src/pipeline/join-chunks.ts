/**
 * Segments from `renderChunk` joined into the finished video: the H.264 stream copied as it is (no
 * re-encode, ≈ the cost of copying the file) and the song muxed as `renderTimeline` muxes it, so
 * the result has the same frame count, timestamps and audio as a single-worker render.
 */
import { access, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Timeline } from "../core/schemas/timeline.ts";
import { MvgenError } from "../core/errors.ts";
import { concatArgs, concatList } from "../media/args.ts";
import { createMedia } from "../media/media.ts";
import { runTool } from "../media/run-tool.ts";
import type { PipelineContext, RenderResult } from "./render-music-video.ts";
import { songOutputRate, videoResult, writeAtomically } from "./output-file.ts";

export interface JoinContext extends Pick<PipelineContext, "media" | "signal"> {
  /**
   * The song already encoded by `encodeSongAudio` (e.g. while the chunks rendered): then the join
   * only copies streams — measured 0.4 s for a 3-minute song against ≈ 7 s encoding the audio here.
   */
  readonly encodedAudio?: string;
}

export async function joinChunks(timeline: Timeline, chunkPaths: readonly string[], output: string, context: JoinContext = {}): Promise<RenderResult> {
  const media = context.media ?? createMedia();
  const outputPath = resolve(output);
  const segments = chunkPaths.map((path) => resolve(path));
  await checkSegments(timeline, segments, media.probe);
  const listPath = `${outputPath}.partial.ffconcat`;
  try {
    await writeAtomically(outputPath, async (partial) => {
      await writeFile(listPath, concatList(segments));
      const args = context.encodedAudio
        ? concatArgs({ listPath, audioPath: resolve(context.encodedAudio), audioEncoded: true, outputPath: partial })
        : concatArgs({ listPath, audioPath: timeline.audio.path, outputPath: partial, audioSampleRate: await songOutputRate(timeline, media, context.signal) });
      await runTool(media.tools.ffmpeg.path, args, context.signal);
    });
  } finally {
    await rm(listPath, { force: true });
  }
  return videoResult(outputPath, timeline);
}

/**
 * A missing or short segment would join into a video that silently drifts from its audio, so the
 * segments' frame counts (from the MP4 index: no decoding) must add up to the timeline's.
 */
async function checkSegments(
  timeline: Timeline,
  segments: readonly string[],
  probe: (path: string) => Promise<{ streams: readonly { type: string; frames?: number; width?: number; height?: number }[] }>,
): Promise<void> {
  if (segments.length === 0) throw new MvgenError("INVALID_OPTION", "no segments to join; render the timeline's chunks first.");
  let total = 0;
  for (const path of segments) {
    await access(path).catch(() => {
      throw new MvgenError("INPUT_NOT_FOUND", `segment ${path} does not exist; render its chunk again.`, { details: { path } });
    });
    const video = (await probe(path)).streams.find((s) => s.type === "video");
    if (!video || video.width !== timeline.width || video.height !== timeline.height || video.frames === undefined) {
      throw new MvgenError("INVALID_ARTIFACT", `segment ${path} is not a ${timeline.width}×${timeline.height} video from renderChunk; render its chunk again.`, {
        details: { path },
      });
    }
    total += video.frames;
  }
  if (total !== timeline.frameCount) {
    throw new MvgenError("INVALID_ARTIFACT", `the segments hold ${total} frames but the timeline has ${timeline.frameCount}; a chunk is missing or repeated.`, {
      details: { total, frameCount: timeline.frameCount },
    });
  }
}
