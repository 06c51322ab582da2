/**
 * The song's audio track encoded on its own, as `renderTimeline` encodes it (AAC 192k, the same
 * resampling rule): one more job beside the chunks, so `joinChunks` copies both streams.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Timeline } from "../core/schemas/timeline.ts";
import { MvgenError } from "../core/errors.ts";
import { audioEncodeArgs } from "../media/args.ts";
import { checkAudioInput } from "../media/audio-input.ts";
import { createMedia } from "../media/media.ts";
import { runTool } from "../media/run-tool.ts";
import { outputSampleRate, type PipelineContext } from "./render-music-video.ts";

/** Writes the timeline's song as AAC in an .m4a at `output`; the file appears only when complete. */
export async function encodeSongAudio(timeline: Timeline, output: string, context: Pick<PipelineContext, "media" | "signal"> = {}): Promise<string> {
  const media = context.media ?? createMedia();
  const outputPath = resolve(output);
  const song = checkAudioInput(await media.probe(timeline.audio.path, context.signal), timeline.audio.path);
  await mkdir(dirname(outputPath), { recursive: true }).catch((error: Error) => {
    throw new MvgenError("OUTPUT_NOT_WRITABLE", `cannot create the folder for ${outputPath}: ${error.message}; choose another path.`, { cause: error });
  });
  const partial = `${outputPath}.partial.m4a`;
  try {
    await runTool(media.tools.ffmpeg.path, audioEncodeArgs({ audioPath: timeline.audio.path, outputPath: partial, audioSampleRate: outputSampleRate(song.sampleRate) }), context.signal);
    await rename(partial, outputPath);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return outputPath;
}
