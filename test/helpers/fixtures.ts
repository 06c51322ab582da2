/** Test fixtures the tests make themselves: songs from the project's own synthesiser, images drawn in code. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCanvas, type CanvasGradient } from "@napi-rs/canvas";
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

/**
 * A portrait the tests draw themselves: a shaded face with eyes, brows, nose and lips on a
 * backdrop, which the face detector finds with full confidence (its mesh lands on the drawn eyes
 * and lips), so photo paths are tested without any outside image.
 */
export function drawPortrait(width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const backdrop = ctx.createLinearGradient(0, 0, 0, height);
  backdrop.addColorStop(0, "#8aa0b8");
  backdrop.addColorStop(1, "#3a4a5a");
  ctx.fillStyle = backdrop;
  ctx.fillRect(0, 0, width, height);
  const unit = Math.min(width, height * 0.75);
  const cx = width / 2;
  const cy = height * 0.42;
  const fw = unit * 0.2;
  const fh = unit * 0.27;
  const ellipse = (x: number, y: number, rx: number, ry: number, color: string | CanvasGradient) => {
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.ellipse(x, y, rx, ry, 0, 0, 2 * Math.PI);
    ctx.fill();
  };
  ctx.fillStyle = "#c48a6a";
  ctx.fillRect(cx - fw * 0.45, cy + fh * 0.7, fw * 0.9, fh * 0.8);
  ellipse(cx, height * 0.98, unit * 0.38, height * 0.22, "#2b3a67");
  ellipse(cx, cy - fh * 0.15, fw * 1.12, fh * 1.08, "#2a1a12");
  const skin = ctx.createRadialGradient(cx - fw * 0.2, cy - fh * 0.2, fw * 0.1, cx, cy, fw * 1.2);
  skin.addColorStop(0, "#f0c4a4");
  skin.addColorStop(1, "#b07858");
  ellipse(cx, cy, fw, fh, skin);
  ellipse(cx, cy - fh * 0.85, fw * 0.95, fh * 0.35, "#2a1a12");
  const eyeY = cy - fh * 0.12;
  for (const side of [-1, 1]) {
    const ex = cx + side * fw * 0.42;
    ctx.fillStyle = "#3a2418";
    ctx.fillRect(ex - fw * 0.22, eyeY - fh * 0.2, fw * 0.44, fh * 0.05);
    ellipse(ex, eyeY, fw * 0.2, fh * 0.07, "#ffffff");
    ellipse(ex, eyeY, fh * 0.065, fh * 0.065, "#4a3020");
    ellipse(ex, eyeY, fh * 0.03, fh * 0.03, "#000000");
  }
  ellipse(cx, cy + fh * 0.22, fw * 0.16, fh * 0.06, "rgba(120,60,40,0.5)");
  ellipse(cx, cy + fh * 0.5, fw * 0.3, fh * 0.07, "#a8474a");
  ctx.strokeStyle = "#5a2020";
  ctx.lineWidth = Math.max(1, unit / 240);
  ctx.beginPath();
  ctx.moveTo(cx - fw * 0.3, cy + fh * 0.5);
  ctx.lineTo(cx + fw * 0.3, cy + fh * 0.5);
  ctx.stroke();
  return canvas.encodeSync("png");
}

export function writePhoto(dir: string, name: string, width: number, height: number): string {
  const path = join(dir, name);
  writeFileSync(path, drawPortrait(width, height));
  return path;
}

/** A smooth diagonal colour gradient as PNG bytes: an image with no face in it. */
export function gradientPng(width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, "#20304f");
  gradient.addColorStop(1, "#f0c090");
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  return canvas.encodeSync("png");
}

export function writeGradient(dir: string, name: string, width: number, height: number): string {
  const path = join(dir, name);
  writeFileSync(path, gradientPng(width, height));
  return path;
}
