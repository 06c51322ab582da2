/**
 * Pure builders for ffmpeg and ffprobe argument lists. Tested as exact arrays (golden lists), so a
 * change in how mvgen calls ffmpeg is always a visible diff.
 */
import type { Fps, Hz } from "../core/units.ts";
import { fpsToString } from "../core/units.ts";

export function probeArgs(input: string): string[] {
  return ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", input];
}

/** Decode the first audio stream to raw float32 PCM on stdout, resampled, with `channels` channels. */
export function decodeAudioArgs(input: string, sampleRate: Hz, channels: 1 | 2): string[] {
  return [
    "-v", "error", "-nostdin",
    "-i", input,
    "-map", "0:a:0", "-vn", "-sn", "-dn",
    "-ac", String(channels),
    "-ar", String(sampleRate),
    "-f", "f32le", "-c:a", "pcm_f32le",
    "pipe:1",
  ];
}

export interface EncodeSettings {
  readonly width: number;
  readonly height: number;
  readonly fps: Fps;
  /** The song: its first audio stream is muxed at its original timing. */
  readonly audioPath: string;
  readonly outputPath: string;
  /** libx264 preset; veryfast measured ≈ 230 fps at 854×480 on 2 cores. */
  readonly preset?: string;
  /** Constant rate factor; 20 keeps photo detail without large files. */
  readonly crf?: number;
  /** AAC bit rate [bit/s]; the output contract asks for 192 kb/s or more. */
  readonly audioBitrate?: number;
  /** [Hz] resample the audio to this rate; omitted keeps the song's own rate. */
  readonly audioSampleRate?: number;
}

/**
 * Raw RGBA frames on stdin + the song → H.264 yuv420p + AAC in MP4 with the index up front.
 * `-shortest` is deliberately absent: the frame count is chosen to match the audio within a frame.
 */
export function encodeArgs(s: EncodeSettings): string[] {
  return [
    "-v", "error", "-nostdin", "-y",
    "-f", "rawvideo", "-pix_fmt", "rgba", "-s", `${s.width}x${s.height}`, "-framerate", fpsToString(s.fps),
    "-i", "pipe:0",
    "-i", s.audioPath,
    "-map", "0:v:0", "-map", "1:a:0",
    "-c:v", "libx264", "-preset", s.preset ?? "veryfast", "-crf", String(s.crf ?? 20),
    "-pix_fmt", "yuv420p", "-profile:v", "high",
    "-c:a", "aac", "-b:a", String(s.audioBitrate ?? 192_000),
    ...(s.audioSampleRate ? ["-ar", String(s.audioSampleRate)] : []),
    "-movflags", "+faststart",
    "-f", "mp4",
    s.outputPath,
  ];
}

/** The same video settings with a blank source and no audio: the encode floor the bench compares with. */
export function blankEncodeArgs(width: number, height: number, rate: Fps, frames: number, outputPath: string): string[] {
  return [
    "-v", "error", "-nostdin", "-y",
    "-f", "rawvideo", "-pix_fmt", "rgba", "-s", `${width}x${height}`, "-framerate", fpsToString(rate),
    "-i", "pipe:0",
    "-frames:v", String(frames),
    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-profile:v", "high",
    "-f", "mp4", outputPath,
  ];
}
