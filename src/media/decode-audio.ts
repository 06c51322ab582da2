import { decodeAudioArgs } from "./args.ts";
import { runTool } from "./run-tool.ts";
import { MvgenError } from "../core/errors.ts";
import type { PcmAudio } from "../core/audio.ts";
import type { Hz } from "../core/units.ts";

/** Splits interleaved little-endian float32 bytes into one array per channel. */
export function deinterleave(bytes: Buffer, channels: number): Float32Array[] {
  const frames = Math.floor(bytes.length / (4 * channels));
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) out[c][i] = bytes.readFloatLE((i * channels + c) * 4);
  }
  return out;
}

export async function decodeAudio(
  ffmpeg: string,
  path: string,
  sampleRate: Hz,
  channels: 1 | 2,
  signal?: AbortSignal,
): Promise<PcmAudio> {
  try {
    const { stdout } = await runTool(ffmpeg, decodeAudioArgs(path, sampleRate, channels), signal);
    return { sampleRate, channels: deinterleave(stdout, channels) };
  } catch (error) {
    if (error instanceof MvgenError && error.code === "FFMPEG_FAILED") {
      throw new MvgenError("AUDIO_UNDECODABLE", `${path} could not be decoded (${error.message}); re-export it as MP3, WAV or M4A.`, {
        cause: error,
      });
    }
    throw error;
  }
}
