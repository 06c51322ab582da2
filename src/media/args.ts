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
    ...videoCodecArgs(s),
    ...audioCodecArgs(s),
    "-movflags", "+faststart",
    "-f", "mp4",
    s.outputPath,
  ];
}

/** The H.264 settings every mvgen video is encoded with; chunks use the same, so they join without re-encoding. */
function videoCodecArgs(s: { readonly preset?: string; readonly crf?: number }): string[] {
  return ["-c:v", "libx264", "-preset", s.preset ?? "veryfast", "-crf", String(s.crf ?? 20), "-pix_fmt", "yuv420p", "-profile:v", "high"];
}

function audioCodecArgs(s: { readonly audioBitrate?: number; readonly audioSampleRate?: number }): string[] {
  return ["-c:a", "aac", "-b:a", String(s.audioBitrate ?? 192_000), ...(s.audioSampleRate ? ["-ar", String(s.audioSampleRate)] : [])];
}

/** One chunk of a song's frames: the video settings of `encodeArgs`, no audio. */
export interface ChunkEncodeSettings {
  readonly width: number;
  readonly height: number;
  readonly fps: Fps;
  readonly outputPath: string;
  readonly preset?: string;
  readonly crf?: number;
}

/**
 * Raw RGBA frames on stdin → a video-only H.264 MP4 segment. Every encode starts on an IDR frame;
 * `+cgop` keeps each GOP closed, so no frame refers across a chunk boundary and the segments
 * concatenate with `-c:v copy`. MP4 (not raw Annex B) keeps exact timestamps and the segment's
 * duration, which the concat demuxer uses to place the next segment.
 */
export function chunkEncodeArgs(s: ChunkEncodeSettings): string[] {
  return [
    "-v", "error", "-nostdin", "-y",
    "-f", "rawvideo", "-pix_fmt", "rgba", "-s", `${s.width}x${s.height}`, "-framerate", fpsToString(s.fps),
    "-i", "pipe:0",
    "-map", "0:v:0",
    ...videoCodecArgs(s),
    "-flags", "+cgop",
    "-an",
    "-f", "mp4",
    s.outputPath,
  ];
}

/**
 * The concat demuxer's list of segments (ffconcat format). Paths are quoted; a quote inside a path
 * is written as '\'' (close, escaped quote, reopen), as ffmpeg's quoting rules ask.
 */
export function concatList(segmentPaths: readonly string[]): string {
  const quote = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;
  return ["ffconcat version 1.0", ...segmentPaths.map((path) => `file ${quote(path)}`), ""].join("\n");
}

export interface ConcatSettings {
  /** The ffconcat list (`concatList`) naming the segments in order. */
  readonly listPath: string;
  /**
   * The song (its first audio stream, muxed at its original timing), or with `audioEncoded` the
   * AAC file `audioEncodeArgs` made of it.
   */
  readonly audioPath: string;
  readonly audioEncoded?: boolean;
  readonly outputPath: string;
  readonly audioBitrate?: number;
  readonly audioSampleRate?: number;
}

/**
 * Segments joined with the video copied (no re-encode) + the song encoded as in `encodeArgs`, or
 * copied too when it was encoded beforehand. `-safe 0`: the list holds absolute paths that mvgen
 * wrote itself.
 */
export function concatArgs(s: ConcatSettings): string[] {
  return [
    "-v", "error", "-nostdin", "-y",
    "-f", "concat", "-safe", "0", "-i", s.listPath,
    "-i", s.audioPath,
    "-map", "0:v:0", "-map", "1:a:0",
    "-c:v", "copy",
    ...(s.audioEncoded ? ["-c:a", "copy"] : audioCodecArgs(s)),
    "-movflags", "+faststart",
    "-f", "mp4",
    s.outputPath,
  ];
}

export interface AudioEncodeSettings {
  readonly audioPath: string;
  readonly outputPath: string;
  readonly audioBitrate?: number;
  readonly audioSampleRate?: number;
}

/**
 * The song alone → AAC in MP4 (.m4a), exactly as `encodeArgs` encodes it. Done while the chunks
 * render, it takes the audio encode (≈ 5 s for 3 minutes, single-threaded) off the join, which
 * then only copies streams.
 */
export function audioEncodeArgs(s: AudioEncodeSettings): string[] {
  return [
    "-v", "error", "-nostdin", "-y",
    "-i", s.audioPath,
    "-map", "0:a:0", "-vn", "-sn", "-dn",
    ...audioCodecArgs(s),
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
    ...videoCodecArgs({}),
    "-f", "mp4", outputPath,
  ];
}
