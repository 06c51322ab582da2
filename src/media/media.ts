/**
 * The media boundary: everything mvgen does with ffmpeg and ffprobe goes through this interface,
 * built once at the composition root with the resolved tools.
 */
import type { PcmAudio } from "../core/audio.ts";
import type { Hz } from "../core/units.ts";
import { encodeArgs, type EncodeSettings } from "./args.ts";
import { decodeAudio } from "./decode-audio.ts";
import { openEncoder, type FrameSink } from "./encoder.ts";
import { probeMedia, type MediaInfo } from "./probe.ts";
import { resolveMediaTools, type MediaTools } from "./tools.ts";

export interface Media {
  readonly tools: MediaTools;
  probe(path: string, signal?: AbortSignal): Promise<MediaInfo>;
  decodeAudio(path: string, sampleRate: Hz, channels: 1 | 2, signal?: AbortSignal, expectedSeconds?: number): Promise<PcmAudio>;
  openVideoEncoder(settings: EncodeSettings): FrameSink;
}

export function createMedia(tools: MediaTools = resolveMediaTools()): Media {
  return {
    tools,
    probe: (path, signal) => probeMedia(tools.ffprobe.path, path, signal),
    decodeAudio: (path, rate, channels, signal, expectedSeconds) => decodeAudio(tools.ffmpeg.path, path, rate, channels, signal, expectedSeconds),
    openVideoEncoder: (settings) =>
      openEncoder(tools.ffmpeg.path, encodeArgs(settings), settings.width * settings.height * 4),
  };
}
