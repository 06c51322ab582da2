import { decodeAudioArgs } from "./args.ts";
import { streamTool } from "./run-tool.ts";
import { MvgenError } from "../core/errors.ts";
import type { PcmAudio } from "../core/audio.ts";
import type { Hz } from "../core/units.ts";

/**
 * Splits interleaved little-endian float32 PCM into one array per channel as the bytes arrive, so a
 * 10-minute song is held once (≈ 106 MB stereo at 22.05 kHz), not also as one concatenated buffer.
 */
export class Deinterleaver {
  private readonly channels: number;
  private arrays: Float32Array[];
  private frames = 0;
  /** Bytes of a sample frame split across two chunks. */
  private carry = Buffer.alloc(0);

  constructor(channels: number, expectedFrames = 1 << 16) {
    this.channels = channels;
    this.arrays = Array.from({ length: channels }, () => new Float32Array(Math.max(1024, expectedFrames)));
  }

  push(chunk: Buffer): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const frameBytes = 4 * this.channels;
    const whole = Math.floor(bytes.length / frameBytes);
    this.reserve(this.frames + whole);
    for (let i = 0; i < whole; i++) {
      for (let c = 0; c < this.channels; c++) this.arrays[c][this.frames + i] = bytes.readFloatLE((i * this.channels + c) * 4);
    }
    this.frames += whole;
    this.carry = Buffer.from(bytes.subarray(whole * frameBytes));
  }

  /** The samples so far, one exact-length array per channel (a view when little space is spare, a copy otherwise). */
  result(): Float32Array[] {
    return this.arrays.map((a) => (this.frames >= a.length * 0.9 ? a.subarray(0, this.frames) : a.slice(0, this.frames)));
  }

  private reserve(frames: number): void {
    if (frames <= this.arrays[0].length) return;
    const size = Math.max(frames, Math.ceil(this.arrays[0].length * 1.5));
    this.arrays = this.arrays.map((a) => {
      const grown = new Float32Array(size);
      grown.set(a.subarray(0, this.frames));
      return grown;
    });
  }
}

/** Splits interleaved little-endian float32 bytes into one array per channel. */
export function deinterleave(bytes: Buffer, channels: number): Float32Array[] {
  const splitter = new Deinterleaver(channels, Math.floor(bytes.length / (4 * channels)));
  splitter.push(bytes);
  return splitter.result();
}

export async function decodeAudio(
  ffmpeg: string,
  path: string,
  sampleRate: Hz,
  channels: 1 | 2,
  signal?: AbortSignal,
  /** [s] the probed length, to size the arrays once; they grow if it was short. */
  expectedSeconds?: number,
): Promise<PcmAudio> {
  try {
    const splitter = new Deinterleaver(channels, expectedSeconds ? Math.ceil(expectedSeconds * sampleRate * 1.01) : undefined);
    await streamTool(ffmpeg, decodeAudioArgs(path, sampleRate, channels), (chunk) => splitter.push(chunk), signal);
    return { sampleRate, channels: splitter.result() };
  } catch (error) {
    if (error instanceof MvgenError && error.code === "FFMPEG_FAILED") {
      throw new MvgenError("AUDIO_UNDECODABLE", `${path} could not be decoded (${error.message}); re-export it as MP3, WAV or M4A.`, {
        cause: error,
      });
    }
    throw error;
  }
}
