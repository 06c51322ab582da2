/**
 * The error catalogue. Library code throws MvgenError with a stable code; the message names the bad
 * value and says how to fix it. Only the entry points (CLI, server) decide exit codes or statuses.
 */

export type ErrorKind = "input" | "environment" | "internal" | "aborted";

/** Stable codes. `kind` tells an entry point whose fault it is: the user's input, the machine, or ours. */
export const errorCatalogue = {
  INVALID_OPTION: "input",
  INPUT_NOT_FOUND: "input",
  OUTPUT_NOT_WRITABLE: "input",
  UNSUPPORTED_AUDIO_FORMAT: "input",
  AUDIO_UNDECODABLE: "input",
  AUDIO_TOO_LONG: "input",
  AUDIO_SILENT: "input",
  TOO_MANY_PHOTOS: "input",
  PHOTO_UNDECODABLE: "input",
  PHOTO_TOO_LARGE: "input",
  PHOTO_NO_FACE: "input",
  PHOTO_FACE_TOO_SMALL: "input",
  PHOTO_FACE_TURNED: "input",
  INVALID_ARTIFACT: "input",
  FRAME_OUT_OF_RANGE: "input",
  FFMPEG_NOT_FOUND: "environment",
  FFMPEG_MISSING_ENCODER: "environment",
  DATABASE_UNAVAILABLE: "environment",
  QUEUE_UNAVAILABLE: "environment",
  STORAGE_UNAVAILABLE: "environment",
  STORAGE_NOT_FOUND: "internal",
  FFMPEG_FAILED: "internal",
  INTERNAL: "internal",
  ABORTED: "aborted",
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof errorCatalogue;

export class MvgenError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  /** Structured facts about the failure (the bad value, the limit), for APIs and logs. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MvgenError";
    this.code = code;
    this.kind = errorCatalogue[code];
    this.details = options.details ?? {};
  }
}

export function isMvgenError(error: unknown): error is MvgenError {
  return error instanceof MvgenError;
}

/** Wraps anything thrown into an MvgenError, keeping the original as the cause. */
export function toMvgenError(error: unknown): MvgenError {
  if (isMvgenError(error)) return error;
  if (error instanceof Error && error.name === "AbortError") {
    return new MvgenError("ABORTED", "The job was cancelled.", { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new MvgenError("INTERNAL", `Unexpected failure: ${message}`, { cause: error });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MvgenError("ABORTED", "The job was cancelled.", { cause: signal.reason });
}
