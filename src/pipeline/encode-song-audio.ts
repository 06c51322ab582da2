/**
 * The song's audio track encoded on its own, as `renderTimeline` encodes it (AAC 192k, the same
 * resampling rule): one more job beside the chunks, so `joinChunks` copies both streams.
 */
import { resolve } from "node:path";
import type { Timeline } from "../core/schemas/timeline.ts";
import { audioEncodeArgs } from "../media/args.ts";
import { createMedia } from "../media/media.ts";
import { runTool } from "../media/run-tool.ts";
import type { PipelineContext } from "./render-music-video.ts";
import { songOutputRate, writeAtomically } from "./output-file.ts";

/** Writes the timeline's song as AAC in an .m4a at `output`; the file appears only when complete. */
export async function encodeSongAudio(timeline: Timeline, output: string, context: Pick<PipelineContext, "media" | "signal"> = {}): Promise<string> {
  const media = context.media ?? createMedia();
  const outputPath = resolve(output);
  const audioSampleRate = await songOutputRate(timeline, media, context.signal);
  await writeAtomically(outputPath, (partial) =>
    runTool(media.tools.ffmpeg.path, audioEncodeArgs({ audioPath: timeline.audio.path, outputPath: partial, audioSampleRate }), context.signal).then(() => {}),
  );
  return outputPath;
}
