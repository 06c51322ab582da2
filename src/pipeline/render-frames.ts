/** Frames [start, end) of a timeline, in order, on worker threads or on this thread. */
import type { Image } from "@napi-rs/canvas";
import type { Timeline } from "../core/schemas/timeline.ts";
import { throwIfAborted } from "../core/errors.ts";
import { renderFrame } from "../render/index.ts";
import { prepareTimeline } from "./prepare-timeline.ts";
import type { FrameRange } from "./plan-chunks.ts";
import { defaultRenderThreads, renderFramesInOrder } from "./render-pool.ts";

export interface RenderFramesOptions {
  /** Threads rendering frames; 1 renders on the calling thread. Default: one per core. */
  readonly renderThreads?: number;
  readonly signal?: AbortSignal;
  /** Already-decoded photos, for the single-thread path (workers load their own). */
  readonly images?: readonly Image[];
}

export async function renderFrames(
  timeline: Timeline,
  range: FrameRange,
  deliver: (n: number, rgba: Uint8Array) => Promise<void>,
  options: RenderFramesOptions = {},
): Promise<void> {
  const threads = options.renderThreads ?? defaultRenderThreads();
  if (threads > 1) {
    await renderFramesInOrder(timeline, threads, deliver, options.signal, range);
    return;
  }
  const prepared = await prepareTimeline(timeline, options.images);
  for (let n = range.start; n < range.end; n++) {
    throwIfAborted(options.signal);
    await deliver(n, renderFrame(timeline, n, prepared));
    // Let the loop turn: the canvas's native pixel buffers are freed only then (see render-worker.ts).
    await new Promise((resolve) => setImmediate(resolve));
  }
}
