/**
 * What audio mvgen accepts, decided from ffprobe's view of the file (pure, so it is testable on
 * captured probe output). The decoded samples are checked for silence separately.
 */
import { MvgenError } from "../core/errors.ts";
import type { MediaInfo } from "./probe.ts";

/** 600 s: the longest song the product renders (and bills). */
export const MAX_AUDIO_SECONDS = 600;

/** ffprobe format names we take. raw ADTS ("aac") is refused: its duration is only an estimate. */
const ACCEPTED_FORMATS: Record<string, string> = {
  mp3: "MP3",
  wav: "WAV",
  "mov,mp4,m4a,3gp,3g2,mj2": "M4A",
  flac: "FLAC",
  ogg: "OGG",
};

export interface AcceptedAudio {
  readonly format: string;
  readonly duration: number;
  readonly channels?: number;
  readonly sampleRate?: number;
}

export function checkAudioInput(info: MediaInfo, label: string): AcceptedAudio {
  if (info.formatName === "aac") {
    throw new MvgenError(
      "UNSUPPORTED_AUDIO_FORMAT",
      `${label} is raw ADTS AAC, whose length cannot be measured exactly; wrap it in M4A (ffmpeg -i song.aac -c copy song.m4a) or use MP3/WAV.`,
      { details: { format: info.formatName } },
    );
  }
  const format = ACCEPTED_FORMATS[info.formatName];
  const audio = info.streams.find((s) => s.type === "audio");
  if (!format || !audio) {
    throw new MvgenError(
      "UNSUPPORTED_AUDIO_FORMAT",
      `${label} is not a song mvgen can use (found ${audio ? info.formatName : "no audio stream"}); use an MP3, WAV or M4A file.`,
      { details: { format: info.formatName } },
    );
  }
  const duration = info.duration ?? audio.duration;
  if (duration === undefined || !(duration > 0)) {
    throw new MvgenError("AUDIO_UNDECODABLE", `${label} has no measurable duration; re-export it as MP3, WAV or M4A.`);
  }
  if (duration > MAX_AUDIO_SECONDS) {
    throw new MvgenError(
      "AUDIO_TOO_LONG",
      `${label} is ${duration.toFixed(1)} s long; the limit is ${MAX_AUDIO_SECONDS} s — trim it to 10 minutes or less.`,
      { details: { duration, limit: MAX_AUDIO_SECONDS } },
    );
  }
  return { format, duration, channels: audio.channels, sampleRate: audio.sampleRate };
}
