/**
 * A song's frames cut into chunks that different workers render as separate segments (DESIGN.md,
 * "Scale"). Frames are a pure function of n, so a chunk needs only the Timeline and its range.
 */
import { MvgenError } from "../core/errors.ts";

/** Frames [start, end) of a Timeline. */
export interface FrameRange {
  readonly start: number;
  /** First frame after the range. */
  readonly end: number;
}

/**
 * Consecutive ranges of `chunkFrames` frames covering [0, frameCount); the last takes the rest.
 * A remainder shorter than half a chunk is folded into the previous chunk rather than left as a
 * sliver, since each segment costs an encoder start-up (≈ 0.1 s) and an extra keyframe.
 */
export function planChunks(frameCount: number, chunkFrames: number): FrameRange[] {
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new MvgenError("INVALID_OPTION", `frame count ${frameCount} is not a positive whole number; a timeline has at least one frame.`);
  }
  if (!Number.isInteger(chunkFrames) || chunkFrames < 1) {
    throw new MvgenError("INVALID_OPTION", `chunk length ${chunkFrames} frames is not a positive whole number; use e.g. 750 (30 s at 25 fps).`);
  }
  const ranges: FrameRange[] = [];
  for (let start = 0; start < frameCount; start += chunkFrames) {
    ranges.push({ start, end: Math.min(frameCount, start + chunkFrames) });
  }
  const last = ranges[ranges.length - 1];
  if (ranges.length > 1 && last.end - last.start < chunkFrames / 2) {
    ranges.pop();
    ranges[ranges.length - 1] = { start: ranges[ranges.length - 1].start, end: frameCount };
  }
  return ranges;
}

/** Chunks of about equal length for `workers` workers: `planChunks` with ⌈frameCount / workers⌉. */
export function planChunksFor(frameCount: number, workers: number): FrameRange[] {
  return planChunks(frameCount, Math.ceil(frameCount / Math.max(1, Math.floor(workers))));
}

export function checkFrameRange(range: FrameRange, frameCount: number): void {
  if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.start < 0 || range.end > frameCount || range.start >= range.end) {
    throw new MvgenError(
      "FRAME_OUT_OF_RANGE",
      `frames [${range.start}, ${range.end}) are not a non-empty range inside the timeline's ${frameCount} frames; use 0 ≤ start < end ≤ ${frameCount}.`,
      { details: { start: range.start, end: range.end, frameCount } },
    );
  }
}
