/**
 * The generated backdrop for songs without photos: the look's gradient, a glow that breathes with
 * the loudness, and rings sent out on every beat. A function of the frame number only.
 */
import type { SKRSContext2D } from "@napi-rs/canvas";
import type { Timeline } from "../core/schemas/timeline.ts";
import type { CameraPose } from "./camera-moves/index.ts";
import { fpsToNumber } from "../core/units.ts";
import { beatsBefore } from "./beat-clock.ts";

export function drawBackdrop(ctx: SKRSContext2D, timeline: Timeline, n: number, pose: CameraPose): void {
  const { width, height, look } = timeline;
  const rate = fpsToNumber(timeline.fps);
  const energy = timeline.energy[Math.min(n, timeline.energy.length - 1)] ?? 0.5;
  const gradient = ctx.createLinearGradient(0, 0, 0, height);
  look.background.forEach((color, i) => gradient.addColorStop(i / (look.background.length - 1), color));
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);

  const size = Math.min(width, height) * pose.zoom;
  const cx = width / 2 - pose.dx * width;
  const cy = height / 2 - pose.dy * height;
  const glow = ctx.createRadialGradient(cx, cy, 0, cx, cy, size * (0.45 + 0.25 * energy));
  glow.addColorStop(0, withAlpha(look.accent, 0.55 * (0.4 + 0.6 * energy)));
  glow.addColorStop(1, withAlpha(look.accent, 0));
  ctx.fillStyle = glow;
  ctx.fillRect(0, 0, width, height);

  // Rings from the last few beats, growing over 1.2 s and fading as they grow.
  ctx.lineWidth = Math.max(2, size * 0.012);
  for (const beat of beatsBefore(timeline.beats, n, 4)) {
    const age = (n - beat) / rate;
    if (age > 1.2) continue;
    ctx.strokeStyle = withAlpha(look.accent, 0.8 * (1 - age / 1.2));
    ctx.beginPath();
    ctx.arc(cx, cy, size * (0.12 + 0.5 * age), 0, 2 * Math.PI);
    ctx.stroke();
  }
}

export function withAlpha(hex: string, alpha: number): string {
  const v = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${Math.max(0, Math.min(1, alpha)).toFixed(3)})`;
}
