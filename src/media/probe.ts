import { probeArgs } from "./args.ts";
import { runTool } from "./run-tool.ts";
import { MvgenError } from "../core/errors.ts";

export interface StreamInfo {
  readonly type: "audio" | "video" | "other";
  readonly codec: string;
  readonly width?: number;
  readonly height?: number;
  readonly sampleRate?: number;
  readonly channels?: number;
  readonly duration?: number;
  readonly frameRate?: string;
  readonly frames?: number;
  readonly bitRate?: number;
  readonly pixelFormat?: string;
}

export interface MediaInfo {
  /** ffprobe's format name, e.g. "mp3", "wav", "mov,mp4,m4a,3gp,3g2,mj2", "aac" (raw ADTS). */
  readonly formatName: string;
  /** [s]; undefined when the container does not say. */
  readonly duration?: number;
  readonly streams: readonly StreamInfo[];
  readonly tags: Readonly<Record<string, string>>;
}

interface RawProbe {
  format?: { format_name?: string; duration?: string; tags?: Record<string, string> };
  streams?: Array<Record<string, unknown>>;
}

const num = (value: unknown): number | undefined => {
  const n = typeof value === "string" || typeof value === "number" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** Turns ffprobe's JSON into MediaInfo (pure; tested on captured output). */
export function parseProbe(json: string): MediaInfo {
  const raw = JSON.parse(json) as RawProbe;
  const streams = (raw.streams ?? []).map((s): StreamInfo => {
    const type = s.codec_type === "audio" || s.codec_type === "video" ? s.codec_type : "other";
    return {
      type,
      codec: String(s.codec_name ?? "unknown"),
      width: num(s.width),
      height: num(s.height),
      sampleRate: num(s.sample_rate),
      channels: num(s.channels),
      duration: num(s.duration),
      frameRate: typeof s.r_frame_rate === "string" ? s.r_frame_rate : undefined,
      frames: num(s.nb_frames),
      bitRate: num(s.bit_rate),
      pixelFormat: typeof s.pix_fmt === "string" ? s.pix_fmt : undefined,
    };
  });
  return {
    formatName: raw.format?.format_name ?? "unknown",
    duration: num(raw.format?.duration),
    streams,
    tags: raw.format?.tags ?? {},
  };
}

export async function probeMedia(ffprobe: string, path: string, signal?: AbortSignal): Promise<MediaInfo> {
  try {
    const { stdout } = await runTool(ffprobe, probeArgs(path), signal);
    return parseProbe(stdout.toString("utf8"));
  } catch (error) {
    if (error instanceof MvgenError && error.code === "FFMPEG_FAILED") {
      throw new MvgenError("AUDIO_UNDECODABLE", `${path} is not a media file ffprobe can read; use an MP3, WAV or M4A song.`, {
        cause: error,
      });
    }
    throw error;
  }
}
