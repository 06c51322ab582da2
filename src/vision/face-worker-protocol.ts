/**
 * Messages between the main thread and the face worker (face-worker.ts). Only plain data and
 * transferable buffers cross the thread boundary, so these types are the whole contract.
 */

export interface AnalyzeRequest {
  type: "analyze";
  id: number;
  /** The encoded photo (JPEG, PNG, WebP). Transferred, not copied. */
  bytes: ArrayBuffer;
  /** Longest side the detector sees [px]; bigger photos are downscaled for analysis only. */
  analysisMaxSide: number;
  /** Longest side of the returned mask PNG [px]; 0 = no mask. */
  maskMaxSide: number;
  /** Longest side above which the photo is refused [px]. */
  photoMaxSide: number;
}

export interface CloseRequest {
  type: "close";
}

export type WorkerRequest = AnalyzeRequest | CloseRequest;

/** One detected face, in pixels of the displayed (EXIF-oriented) photo at full size. */
export interface RawFace {
  score: number;
  /** 478 × (x, y, z); z at the same scale as x. */
  mesh: Float32Array;
  /** Human's head angles [radians]. */
  yaw: number;
  pitch: number;
  roll: number;
  /** Face descriptor for the same-person check (human's faceres model, 1024 values). */
  descriptor: Float32Array;
  /** Variance of the Laplacian of the face crop resampled to 256 px wide [grey levels²]. */
  sharpness: number;
}

export interface RawMask {
  /** PNG, white, alpha = person probability × 255. */
  png: Uint8Array;
  width: number;
  height: number;
  /** Mean alpha / 255 over the image. */
  coverage: number;
}

export interface AnalyzeResult {
  width: number;
  height: number;
  faces: RawFace[];
  mask: RawMask | null;
  timings: { decodeMs: number; detectMs: number; maskMs: number; totalMs: number };
}

export type WorkerResponse =
  | { type: "ready"; loadMs: number; backend: string }
  | { type: "result"; id: number; result: AnalyzeResult }
  | { type: "error"; id: number | null; code: "PHOTO_UNDECODABLE" | "PHOTO_TOO_LARGE" | "INTERNAL"; message: string; width?: number; height?: number };
