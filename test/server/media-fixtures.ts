/** Files the service tests serve from their local origin, made here with the project's synthesiser and ffmpeg. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir, writeGradient, writePhoto, writeSongWav } from "../helpers/fixtures.ts";
import { ffmpeg } from "../helpers/probe.ts";

export interface MediaFixtures {
  readonly wav4: Buffer;
  readonly wav3: Buffer;
  readonly mp3: Buffer;
  readonly mp3Long: Buffer;
  readonly adts: Buffer;
  readonly flac: Buffer;
  readonly mp4Video: Buffer;
  readonly wav601: Buffer;
  readonly photo: Buffer;
  readonly gradient: Buffer;
}

export function makeMediaFixtures(): MediaFixtures {
  const dir = tempDir("mvgen-media-");
  const wav4 = writeSongWav(dir, 4, "song4.wav");
  const wav3 = writeSongWav(dir, 3, "song3.wav");
  const at = (name: string) => join(dir, name);
  ffmpeg(["-i", wav3, "-c:a", "libmp3lame", "-b:a", "128k", at("song.mp3")]);
  ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=12", "-c:a", "libmp3lame", "-b:a", "128k", at("long.mp3")]);
  ffmpeg(["-i", wav3, "-c:a", "aac", "-f", "adts", at("song.aac")]);
  ffmpeg(["-i", wav3, "-c:a", "flac", at("song.flac")]);
  ffmpeg(["-f", "lavfi", "-i", "testsrc=size=64x64:rate=10:duration=2", "-i", wav3, "-shortest", "-c:v", "libx264", "-c:a", "aac", at("film.mp4")]);
  ffmpeg(["-f", "lavfi", "-i", "sine=frequency=300:duration=601:sample_rate=8000", "-ac", "1", "-c:a", "pcm_s16le", at("long.wav")]);
  return {
    wav4: readFileSync(wav4),
    wav3: readFileSync(wav3),
    mp3: readFileSync(at("song.mp3")),
    mp3Long: readFileSync(at("long.mp3")),
    adts: readFileSync(at("song.aac")),
    flac: readFileSync(at("song.flac")),
    mp4Video: readFileSync(at("film.mp4")),
    wav601: readFileSync(at("long.wav")),
    photo: readFileSync(writePhoto(dir, "face.png", 360, 480)),
    gradient: readFileSync(writeGradient(dir, "gradient.png", 320, 240)),
  };
}

/** A PNG signature and IHDR claiming `width`×`height`: a decompression bomb's calling card, a few bytes long. */
export function pngHeaderClaiming(width: number, height: number): Buffer {
  const b = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 6;
  return b;
}
