/**
 * A long-lived face detector: one worker thread that loads the models once (≈0.3 s here) and then
 * analyses photos one after another. Create one per process (or per render worker) and reuse it;
 * `close()` ends the thread.
 */
import { Worker } from "node:worker_threads";
import { MvgenError, throwIfAborted } from "../core/errors.ts";
import type { AnalyzeResult, WorkerRequest, WorkerResponse } from "./face-worker-protocol.ts";

/** Declared parameters of the detector (unit, default, why). */
export const DETECTOR_PARAMETERS = {
  /**
   * Longest side the detector sees [px], default 1600. The mesh model reads a 192 px crop of the
   * face, so more pixels help only for small faces; 1600 keeps a face that fills 12 % of the long
   * side above 192 px, and bounds time and memory for 8000 px photos.
   */
  analysisMaxSide: 1600,
  /** Longest side of the stored mask [px], default 512: the selfie model itself sees 256×256. */
  maskMaxSide: 512,
  /** Photos with a longer side than this are refused [px], default 8000 (the product's limit). */
  photoMaxSide: 8000,
} as const;

export interface FaceDetectorOptions {
  analysisMaxSide?: number;
  maskMaxSide?: number;
  photoMaxSide?: number;
  /** How long model loading may take before it is reported as a failure [ms], default 60 000. */
  loadTimeoutMs?: number;
}

export interface AnalyzeOptions {
  /** Names the photo in error messages, e.g. "photo 2". */
  label?: string;
  /** false: skip the person mask (faster; the artifact then has `mask: null`). */
  mask?: boolean;
  signal?: AbortSignal;
}

export interface FaceDetector {
  /** Faces (all of them, unsorted) and the person mask of one encoded photo. */
  analyze(bytes: Uint8Array, options?: AnalyzeOptions): Promise<AnalyzeResult>;
  /** How long the worker took to start and load the models [ms]. */
  readonly loadMs: number;
  close(): Promise<void>;
}

export async function createFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  const params = {
    analysisMaxSide: options.analysisMaxSide ?? DETECTOR_PARAMETERS.analysisMaxSide,
    maskMaxSide: options.maskMaxSide ?? DETECTOR_PARAMETERS.maskMaxSide,
    photoMaxSide: options.photoMaxSide ?? DETECTOR_PARAMETERS.photoMaxSide,
  };
  const entry = new URL(import.meta.url.endsWith(".ts") ? "./face-worker.ts" : "./face-worker.js", import.meta.url).href;
  const worker = new Worker(new URL("../core/worker-bootstrap.mjs", import.meta.url), { workerData: { entry } });

  const pending = new Map<number, { resolve: (r: AnalyzeResult) => void; reject: (e: unknown) => void; label: string }>();
  let nextId = 1;
  let dead: MvgenError | null = null;
  const failAll = (error: MvgenError) => {
    dead = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const loadMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new MvgenError("INTERNAL", `The face models did not load within ${options.loadTimeoutMs ?? 60_000} ms.`));
    }, options.loadTimeoutMs ?? 60_000);
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(new MvgenError("INTERNAL", `The face worker failed to start: ${error.message}`, { cause: error }));
    });
    worker.once("message", (message: WorkerResponse) => {
      clearTimeout(timer);
      if (message.type === "ready") resolve(message.loadMs);
      else if (message.type === "error") reject(new MvgenError("INTERNAL", `The face worker failed to start: ${message.message}`));
      else reject(new MvgenError("INTERNAL", `The face worker sent ${message.type} before it was ready.`));
    });
  });

  // An idle detector does not keep the process alive (a CLI that forgets close() still exits);
  // a pending request does, since a promise alone would not.
  worker.unref();
  const settle = () => {
    if (pending.size === 0) worker.unref();
  };

  worker.on("message", (message: WorkerResponse) => {
    if (message.type === "ready") return;
    const id = message.id;
    const waiter = id === null ? undefined : pending.get(id);
    if (!waiter || id === null) return;
    pending.delete(id);
    settle();
    if (message.type === "result") {
      waiter.resolve(message.result);
    } else if (message.code === "PHOTO_UNDECODABLE") {
      waiter.reject(
        new MvgenError("PHOTO_UNDECODABLE", `${waiter.label} could not be decoded (${message.message}): use a JPEG, PNG or WebP image.`),
      );
    } else if (message.code === "PHOTO_TOO_LARGE") {
      waiter.reject(
        new MvgenError(
          "PHOTO_TOO_LARGE",
          `${waiter.label} is ${message.width}×${message.height} px; the limit is ${params.photoMaxSide} px on the longer side: resize it.`,
          { details: { width: message.width, height: message.height, limit: params.photoMaxSide } },
        ),
      );
    } else {
      waiter.reject(new MvgenError("INTERNAL", `Face analysis of ${waiter.label} failed: ${message.message}`));
    }
  });
  worker.on("error", (error) => failAll(new MvgenError("INTERNAL", `The face worker crashed: ${error.message}`, { cause: error })));
  worker.on("exit", (code) => failAll(new MvgenError("INTERNAL", `The face worker exited (code ${code}).`)));

  return {
    loadMs,
    analyze(bytes, analyzeOptions = {}) {
      const label = analyzeOptions.label ?? "the photo";
      throwIfAborted(analyzeOptions.signal);
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      // Copy into a fresh ArrayBuffer we can transfer: the caller keeps its Buffer intact.
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      const request: WorkerRequest = {
        type: "analyze",
        id,
        bytes: copy.buffer,
        analysisMaxSide: params.analysisMaxSide,
        maskMaxSide: analyzeOptions.mask === false ? 0 : params.maskMaxSide,
        photoMaxSide: params.photoMaxSide,
      };
      return new Promise<AnalyzeResult>((resolve, reject) => {
        const signal = analyzeOptions.signal;
        // An aborted call stops waiting at once; the worker finishes that photo and drops the answer.
        const onAbort = () => {
          pending.delete(id);
          settle();
          reject(new MvgenError("ABORTED", "The job was cancelled.", { cause: signal?.reason }));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        pending.set(id, {
          resolve: (r) => {
            signal?.removeEventListener("abort", onAbort);
            resolve(r);
          },
          reject: (e) => {
            signal?.removeEventListener("abort", onAbort);
            reject(e);
          },
          label,
        });
        worker.ref();
        worker.postMessage(request, [copy.buffer]);
      });
    },
    async close() {
      if (dead) return;
      worker.removeAllListeners("exit");
      failAll(new MvgenError("INTERNAL", "The face detector was closed."));
      await worker.terminate();
    },
  };
}
