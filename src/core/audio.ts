import type { Hz, Seconds } from "./units.ts";
import { seconds } from "./units.ts";

/** Decoded audio: one Float32Array per channel (1 = mono, 2 = left/right), samples in [-1, 1]. */
export interface PcmAudio {
  readonly sampleRate: Hz;
  readonly channels: readonly Float32Array[];
}

export function pcmDuration(audio: PcmAudio): Seconds {
  return seconds((audio.channels[0]?.length ?? 0) / audio.sampleRate);
}

/** The mean of the channels: what most analysis steps look at. */
export function mixToMono(audio: PcmAudio): Float32Array {
  const [first, ...rest] = audio.channels;
  if (!first) return new Float32Array(0);
  if (rest.length === 0) return first;
  const out = new Float32Array(first.length);
  const scale = 1 / audio.channels.length;
  for (const channel of audio.channels) {
    for (let i = 0; i < out.length; i++) out[i] += channel[i] * scale;
  }
  return out;
}
