/**
 * Frames rendered by several worker threads and handed over in order. Each worker keeps a couple
 * of frames queued so none waits for the next request; finished frames wait in a small window
 * until every earlier one is out, so memory stays bounded whatever the song's length.
 */
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { Timeline } from "../core/schemas/timeline.ts";
import { MvgenError, throwIfAborted, type ErrorCode, errorCatalogue } from "../core/errors.ts";
import type { RenderReply } from "./render-worker.ts";
import type { FrameRange } from "./plan-chunks.ts";

/** Frames queued per worker: 2 keeps it busy while the previous frame travels back. */
const QUEUE_PER_WORKER = 2;

/**
 * Render threads by default: one per core. ffmpeg shares the cores, but the renderer is the
 * bottleneck (≈ 9–15 ms a 480p frame against ≈ 2 ms to encode one), so two threads on two cores
 * measured faster than one.
 */
export const defaultRenderThreads = (): number => Math.max(1, Math.min(4, availableParallelism()));

export async function renderFramesInOrder(
  timeline: Timeline,
  threads: number,
  consume: (n: number, rgba: Uint8Array) => Promise<void>,
  signal?: AbortSignal,
  /** Only these frames (one chunk of a song rendered by many workers); default: all. */
  range: FrameRange = { start: 0, end: timeline.frameCount },
): Promise<void> {
  const bootstrap = new URL("../core/worker-bootstrap.mjs", import.meta.url);
  const entry = new URL("./render-worker.ts", import.meta.url).href;
  const workers = Array.from({ length: threads }, () => new Worker(bootstrap, { workerData: { entry, timeline } }));
  const done = new Map<number, Uint8Array>();
  let failure: MvgenError | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  let nextToSend = range.start;
  const send = (worker: Worker) => {
    if (nextToSend < range.end) worker.postMessage({ n: nextToSend++ });
  };
  for (const worker of workers) {
    worker.on("message", (reply: RenderReply) => {
      if (reply.kind === "ready") {
        for (let i = 0; i < QUEUE_PER_WORKER; i++) send(worker);
      } else if (reply.kind === "frame") {
        done.set(reply.n, reply.rgba);
        send(worker);
      } else {
        const code = (reply.code in errorCatalogue ? reply.code : "INTERNAL") as ErrorCode;
        failure ??= new MvgenError(code, reply.message);
      }
      notify();
    });
    worker.on("error", (error) => {
      failure ??= new MvgenError("INTERNAL", `a render thread failed: ${error.message}`, { cause: error });
      notify();
    });
  }
  signal?.addEventListener("abort", notify, { once: true });
  try {
    for (let n = range.start; n < range.end; n++) {
      while (!done.has(n)) {
        if (failure) throw failure;
        throwIfAborted(signal);
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const rgba = done.get(n) as Uint8Array;
      done.delete(n);
      await consume(n, rgba);
    }
  } finally {
    signal?.removeEventListener("abort", notify);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
