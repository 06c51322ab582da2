/** Test fixtures the tests make themselves: songs from the project's own synthesiser, images drawn in code. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { encodeWav } from "../../src/media/wav.ts";
import { synthesizeSong, type SongOptions } from "../../src/synth/song.ts";

export function tempDir(prefix = "mvgen-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A short song: one bar of drums then two of singing, at 120 BPM, cut to `seconds`. */
export const SHORT_SONG: SongOptions = {
  bpm: 120,
  parts: [
    { bars: 1, vocals: false, drums: 0.6 },
    { bars: 2, vocals: true, drums: 1 },
  ],
  sampleRate: 22050,
  seed: 3,
};

export function writeSongWav(dir: string, seconds: number, name = "song.wav"): string {
  const song = synthesizeSong({ ...SHORT_SONG, maxSeconds: seconds });
  const path = join(dir, name);
  writeFileSync(path, encodeWav(song.audio.channels, song.audio.sampleRate));
  return path;
}

/** A photo-like test image: a coloured gradient with a light oval where a face would be. */
export function writePhoto(dir: string, name: string, width: number, height: number): string {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, "#335577");
  gradient.addColorStop(1, "#aa6633");
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = "#f0c8a0";
  ctx.beginPath();
  ctx.ellipse(width / 2, height * 0.38, width * 0.15, height * 0.12, 0, 0, 2 * Math.PI);
  ctx.fill();
  const path = join(dir, name);
  writeFileSync(path, canvas.encodeSync("png"));
  return path;
}
