/**
 * The NSFW check of a finished task: every photo, and `frames` frames evenly spaced inside the
 * video (never its first or last), through the NSFW classifier. Shared by the embedded render
 * child and the scale-out join job.
 */
import { readFile } from "node:fs/promises";
import { runTool } from "../media/run-tool.ts";
import { createNsfwClassifier, isNsfw } from "./nsfw-classifier.ts";

export interface ModerationInput {
  readonly photos: readonly string[];
  readonly video: string;
  /** [s] of the video. */
  readonly duration: number;
  readonly frames: number;
  readonly ffmpegPath: string;
  readonly signal?: AbortSignal;
}

/** True if any photo or sampled frame is classified as NSFW; stops at the first one. */
export async function moderateVideo(input: ModerationInput): Promise<boolean> {
  const classifier = await createNsfwClassifier();
  try {
    for (const path of input.photos) if (isNsfw(await classifier.classify(await readFile(path)))) return true;
    for (let i = 1; i <= input.frames; i++) {
      const at = (input.duration * i) / (input.frames + 1);
      const { stdout } = await runTool(
        input.ffmpegPath,
        ["-v", "error", "-nostdin", "-ss", at.toFixed(3), "-i", input.video, "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1"],
        input.signal,
      );
      if (isNsfw(await classifier.classify(stdout))) return true;
    }
    return false;
  } finally {
    classifier.close();
  }
}
