/**
 * What creation does before any money moves: fetch the song and photos through the guarded
 * client, sniff their bytes, probe and decode the song to measure it, and find a face in every
 * photo. Anything wrong is a 400 naming the field; nothing is charged.
 */
import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";
import { isMvgenError, MvgenError } from "../core/errors.ts";
import type { Media } from "../media/media.ts";
import { runTool } from "../media/run-tool.ts";
import { checkAudioInput, MAX_AUDIO_SECONDS } from "../media/audio-input.ts";
import { inspectPhotos } from "../vision/inspect-photos.ts";
import type { FaceDetector } from "../vision/face-detector.ts";
import { EgressError, type EgressClient, type FetchLimits } from "../egress/safe-fetch.ts";
import { ApiError, invalidRequest } from "./api-error.ts";
import { imageSize } from "./image-size.ts";

/** 600 s of 48 kHz 24-bit stereo WAV is ≈ 104 MB; 150 MB leaves room for tags and cover art. */
export const AUDIO_LIMITS: FetchLimits = { maxBytes: 150 * 1024 * 1024, totalMs: 45_000, maxRedirects: 3 };
export const IMAGE_LIMITS: FetchLimits = { maxBytes: 20 * 1024 * 1024, totalMs: 20_000, maxRedirects: 3 };
/** [px] longest side, and total pixels, a photo may claim before it is decoded. */
const MAX_IMAGE_SIDE = 8000;
const MAX_IMAGE_PIXELS = 40_000_000;
/** [ms] for the decode that measures the song (a 10-minute MP3 decodes in ≈ 1 s here). */
const MEASURE_TIMEOUT_MS = 30_000;

/** [s] a header may overstate the decodable audio by (encoder padding, a last partial frame). */
const TRUNCATION_SLACK_S = 0.5;

/** Sniffed type → the ffmpeg demuxer forced for it, so a file cannot pick its own (HLS, concat). */
const AUDIO_TYPES: Record<string, { format: string; demuxer: string }> = {
  mp3: { format: "MP3", demuxer: "mp3" },
  wav: { format: "WAV", demuxer: "wav" },
  m4a: { format: "M4A", demuxer: "mov" },
  mp4: { format: "M4A", demuxer: "mov" },
};
const IMAGE_TYPES = new Set(["jpg", "png", "webp"]);

export interface CheckedInputs {
  readonly audioPath: string;
  readonly audioFormat: string;
  /** [s] measured by decoding. */
  readonly seconds: number;
  readonly imagePaths: readonly string[];
}

export interface InputCheckDeps {
  readonly egress: EgressClient;
  readonly media: Media;
  readonly faceDetector: () => Promise<FaceDetector>;
}

/** An upload URL (POST /v1/uploads) that is expired, unknown or another account's: all look the same. */
export class UploadUnavailable extends EgressError {
  constructor() {
    super("status", "is an upload that has expired or belongs to another key", 404);
  }
}

function fetchFailure(field: string, error: unknown): ApiError {
  if (error instanceof UploadUnavailable) return invalidRequest(`${field} ${error.message}; upload the file again and use the new URL.`, error);
  if (error instanceof EgressError) return invalidRequest(`${field} ${error.message}; give a public http(s) URL that answers 200 with the file.`, error);
  throw error;
}

export async function checkInputs(
  input: { audioUrl: string; imageUrls: readonly string[] },
  dir: string,
  deps: InputCheckDeps,
  signal?: AbortSignal,
): Promise<CheckedInputs> {
  // Refuse bad URLs before downloading anything.
  for (const [field, url] of [["audio_urls[0]", input.audioUrl], ...input.imageUrls.map((u, i) => [`image_urls[${i}]`, u])] as const) {
    try {
      deps.egress.checkUrl(url);
    } catch (error) {
      throw fetchFailure(field, error);
    }
  }
  // Song and photos are fetched together; the first failure stops the other, and nothing returns
  // (so the caller may remove the folder) until both have stopped writing into it.
  const stop = new AbortController();
  const inner = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  let firstError: unknown;
  const settle = <T>(work: Promise<T>) =>
    work.catch((error: unknown) => {
      if (firstError === undefined) firstError = error;
      stop.abort();
      throw error;
    });
  const [audioResult, imagesResult] = await Promise.allSettled([
    settle(checkAudio(input.audioUrl, dir, deps, inner)),
    settle(fetchImages(input.imageUrls, dir, deps, inner)),
  ]);
  if (audioResult.status === "rejected" || imagesResult.status === "rejected") throw firstError;
  const audio = audioResult.value;
  const images = imagesResult.value;
  if (images.length > 0) await checkFaces(images, deps, signal);
  return { ...audio, imagePaths: images.map((i) => i.path) };
}

async function checkAudio(url: string, dir: string, deps: InputCheckDeps, signal?: AbortSignal): Promise<Omit<CheckedInputs, "imagePaths">> {
  const field = "audio_urls[0]";
  const raw = join(dir, "audio.download");
  try {
    await deps.egress.download(url, raw, AUDIO_LIMITS, signal);
  } catch (error) {
    throw fetchFailure(field, error);
  }
  return checkAudioFile(raw, dir, field, deps, signal);
}

/**
 * The checks on a song already on disk at `raw` (downloaded or uploaded): sniff, probe, decode to
 * measure. On success it is renamed to `dir/audio.<ext>`. `field` names it in messages.
 */
export async function checkAudioFile(
  raw: string,
  dir: string,
  field: string,
  deps: Pick<InputCheckDeps, "media">,
  signal?: AbortSignal,
): Promise<Omit<CheckedInputs, "imagePaths">> {
  const sniffed = await fileTypeFromFile(raw);
  if (sniffed?.ext === "aac") {
    throw invalidRequest(`${field} is raw ADTS AAC, whose length cannot be measured exactly; wrap it in M4A (ffmpeg -i song.aac -c copy song.m4a) or send MP3 or WAV.`);
  }
  const type = sniffed ? AUDIO_TYPES[sniffed.ext] : undefined;
  if (!sniffed || !type) {
    throw invalidRequest(`${field} is not an MP3, WAV or M4A file (its bytes look like ${sniffed ? sniffed.mime : "no known audio format"}); send the song as MP3, WAV or M4A.`);
  }
  const path = join(dir, `audio.${sniffed.ext === "mp4" ? "m4a" : sniffed.ext}`);
  await rename(raw, path);
  try {
    const info = await deps.media.probe(path, signal);
    // A video track is refused (an MP4 film is not a song); cover art in an MP3 or M4A is fine.
    if (info.streams.some((s) => s.type === "video" && !["mjpeg", "png"].includes(s.codec))) {
      throw invalidRequest(`${field} contains a video track; send the song alone as MP3, WAV or M4A.`);
    }
    checkAudioInput(info, field);
    const seconds = await measureSeconds(deps.media, path, type.demuxer, signal);
    if (!(seconds > 0)) throw invalidRequest(`${field} decodes to no sound; re-export it as MP3, WAV or M4A.`);
    // A header promising much more than the bytes hold: a cut-off download or upload.
    const claimed = info.duration ?? 0;
    if (claimed - seconds > TRUNCATION_SLACK_S && seconds < claimed * 0.9) {
      throw invalidRequest(`${field} is truncated: its header says ${claimed.toFixed(1)} s but only ${seconds.toFixed(1)} s decode; upload the whole file.`);
    }
    if (seconds > MAX_AUDIO_SECONDS) {
      throw invalidRequest(`${field} is ${seconds.toFixed(1)} s long; the limit is ${MAX_AUDIO_SECONDS} s — trim it to 10 minutes or less.`);
    }
    return { audioPath: path, audioFormat: type.format, seconds };
  } catch (error) {
    throw mapMvgenError(field, error);
  }
}

/**
 * The song's length from decoding every packet, not from its header: a forged Xing header or a
 * WAV claiming 10 hours must not decide the bill. ffmpeg's demuxer is forced to the sniffed type
 * and may open only this file.
 */
async function measureSeconds(media: Media, path: string, demuxer: string, signal?: AbortSignal): Promise<number> {
  const timeout = AbortSignal.timeout(MEASURE_TIMEOUT_MS);
  const { stdout } = await runTool(
    media.tools.ffmpeg.path,
    ["-nostdin", "-v", "error", "-protocol_whitelist", "file", "-f", demuxer, "-i", path, "-map", "0:a:0", "-vn", "-f", "null", "-progress", "pipe:1", "-"],
    signal ? AbortSignal.any([signal, timeout]) : timeout,
  ).catch((error: unknown) => {
    if (timeout.aborted) throw new MvgenError("AUDIO_UNDECODABLE", `decoding took longer than ${MEASURE_TIMEOUT_MS / 1000} s; re-export the song as MP3, WAV or M4A.`);
    if (isMvgenError(error) && error.code === "FFMPEG_FAILED") {
      throw new MvgenError("AUDIO_UNDECODABLE", "could not be decoded; re-export it as MP3, WAV or M4A.", { cause: error });
    }
    throw error;
  });
  const matches = [...stdout.toString("utf8").matchAll(/^out_time_us=(\d+)$/gm)];
  const last = matches.at(-1);
  return last ? Number(last[1]) / 1e6 : 0;
}

interface FetchedImage {
  readonly field: string;
  readonly path: string;
  readonly bytes: Buffer;
}

async function fetchImages(urls: readonly string[], dir: string, deps: InputCheckDeps, signal?: AbortSignal): Promise<FetchedImage[]> {
  // allSettled, not all: a failed photo must not return while another is still being written.
  const results = await Promise.allSettled(
    urls.map(async (url, i) => {
      const field = `image_urls[${i}]`;
      let bytes: Buffer;
      try {
        ({ bytes } = await deps.egress.fetchBytes(url, IMAGE_LIMITS, signal));
      } catch (error) {
        throw fetchFailure(field, error);
      }
      const { ext } = await checkImageBytes(bytes, field);
      const path = join(dir, `photo-${i + 1}.${ext}`);
      await writeFile(path, bytes, { mode: 0o600 });
      return { field, path, bytes };
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<FetchedImage>).value);
}

/** The checks on a photo's bytes before decoding: a JPEG, PNG or WebP of a sane size. */
export async function checkImageBytes(bytes: Buffer, field: string): Promise<{ ext: string; mime: string; width: number; height: number }> {
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed || !IMAGE_TYPES.has(sniffed.ext)) {
    throw invalidRequest(`${field} is not a JPEG, PNG or WebP image (its bytes look like ${sniffed?.mime ?? "no known image format"}); send a photo as JPEG, PNG or WebP.`);
  }
  const size = imageSize(bytes);
  if (!size || size.width < 1 || size.height < 1) throw invalidRequest(`${field} has no readable image size; re-save it as JPEG or PNG.`);
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE || size.width * size.height > MAX_IMAGE_PIXELS) {
    throw invalidRequest(`${field} is ${size.width}×${size.height} px; the limit is ${MAX_IMAGE_SIDE} px on a side and ${MAX_IMAGE_PIXELS / 1e6} megapixels — resize it.`);
  }
  return { ext: sniffed.ext, mime: sniffed.mime, width: size.width, height: size.height };
}

async function checkFaces(images: readonly FetchedImage[], deps: InputCheckDeps, signal?: AbortSignal): Promise<void> {
  try {
    await inspectPhotos(
      images.map((i) => ({ path: i.path, bytes: i.bytes })),
      { detector: await deps.faceDetector(), signal },
    );
  } catch (error) {
    const photo = isMvgenError(error) ? error.details.photo : undefined;
    throw mapMvgenError(typeof photo === "number" ? `image_urls[${photo}]` : "image_urls", error);
  }
}

/** Library errors at creation: the user's input → 400 naming the field; the machine → 503; ours → 500. */
export function mapMvgenError(field: string, error: unknown): unknown {
  if (error instanceof ApiError || !isMvgenError(error)) return error;
  if (error.kind === "input") return invalidRequest(`${field}: ${error.message}`, error);
  if (error.kind === "environment") return new ApiError("upstream_error", "The media tools on this server are unavailable; try again later.", {}, { cause: error });
  if (error.kind === "aborted") return new ApiError("upstream_error", "The request was interrupted; try again.", {}, { cause: error });
  return new ApiError("internal_error", "Checking the inputs failed on the server; try again.", {}, { cause: error });
}
