/**
 * The generated backdrop for songs without photos: the look's gradient, a glow that breathes with
 * the loudness, and one of three beat-reactive patterns per shot (rings sent out on each beat,
 * sweeping light beams, level bars). A function of the frame number and the shot only.
 */
import type { SKRSContext2D } from "@napi-rs/canvas";
import type { Timeline } from "../core/schemas/timeline.ts";
import type { CameraPose } from "./camera-moves/index.ts";
import { fpsToNumber } from "../core/units.ts";
import { noise } from "../core/random.ts";
import { beatsBefore, lastBeatIndex, beatPulse } from "./beat-clock.ts";
import { drawBeam } from "./light-beam.ts";
import { rgba } from "../core/colour.ts";

export const BACKDROP_PATTERNS = ["rings", "beams", "bars"] as const;
export type BackdropPattern = (typeof BACKDROP_PATTERNS)[number];

interface Scene {
  readonly ctx: SKRSContext2D;
  readonly timeline: Timeline;
  readonly n: number;
  readonly seconds: number;
  readonly energy: number;
  readonly cx: number;
  readonly cy: number;
  /** [px] the pattern's scale: the frame's short side times the camera zoom. */
  readonly size: number;
}

export function drawBackdrop(ctx: SKRSContext2D, timeline: Timeline, n: number, pose: CameraPose, pattern: BackdropPattern): void {
  const { width, height, look } = timeline;
  const rate = fpsToNumber(timeline.fps);
  const energy = timeline.energy[Math.min(n, timeline.energy.length - 1)] ?? 0.5;
  const gradient = ctx.createLinearGradient(0, 0, 0, height);
  look.background.forEach((color, i) => gradient.addColorStop(i / (look.background.length - 1), color));
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);

  const scene: Scene = {
    ctx,
    timeline,
    n,
    seconds: n / rate,
    energy,
    size: Math.min(width, height) * pose.zoom,
    cx: width / 2 - pose.dx * width,
    cy: height / 2 - pose.dy * height,
  };
  const glow = ctx.createRadialGradient(scene.cx, scene.cy, 0, scene.cx, scene.cy, scene.size * (0.45 + 0.25 * energy));
  glow.addColorStop(0, rgba(look.accent, 0.5 * (0.4 + 0.6 * energy)));
  glow.addColorStop(1, rgba(look.accent, 0));
  ctx.fillStyle = glow;
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  ctx.translate(scene.cx, scene.cy);
  ctx.rotate(pose.rotate);
  ctx.translate(-scene.cx, -scene.cy);
  PATTERNS[pattern](scene);
  ctx.restore();
}

const PATTERNS: Record<BackdropPattern, (scene: Scene) => void> = {
  /** Rings from the last few beats, growing over 1.2 s and fading as they grow. */
  rings: ({ ctx, timeline, n, cx, cy, size }) => {
    const rate = fpsToNumber(timeline.fps);
    ctx.lineWidth = Math.max(2, size * 0.012);
    for (const beat of beatsBefore(timeline.beats, n, 4)) {
      const age = (n - beat) / rate;
      if (age > 1.2) continue;
      ctx.strokeStyle = rgba(timeline.look.accent, 0.8 * (1 - age / 1.2));
      ctx.beginPath();
      ctx.arc(cx, cy, size * (0.12 + 0.5 * age), 0, 2 * Math.PI);
      ctx.stroke();
    }
  },
  /** Stage beams from above, sweeping at unrelated slow rates, flaring on each beat. */
  beams: ({ ctx, timeline, n, seconds, energy, cx, size }) => {
    const rate = fpsToNumber(timeline.fps);
    const flare = beatPulse(timeline.beats, n, 0.2 * rate);
    const height = timeline.height;
    for (let i = 0; i < 5; i++) {
      const angle = 0.5 * Math.sin(seconds * (0.35 + 0.11 * i) + i * 1.7);
      const x = cx + (i - 2) * size * 0.35;
      const reach = height * 1.4;
      const spread = size * (0.08 + 0.04 * energy);
      drawBeam(ctx, x, x + Math.sin(angle) * reach, reach, spread, timeline.look.accent, 0.35 + 0.4 * flare);
    }
  },
  /** Level bars along the floor: heights follow the loudness, with a new seeded shape on every beat. */
  bars: ({ ctx, timeline, n, energy, cy, size }) => {
    const count = 24;
    const { width, height } = timeline;
    const beat = lastBeatIndex(timeline.beats, n);
    const barWidth = width / count;
    const floor = Math.min(height, cy + size * 0.6);
    for (let i = 0; i < count; i++) {
      const shape = 0.35 + 0.65 * noise(timeline.seed, beat, i);
      // Capped at 70 % of the floor height: in a close framing the bars grow, but never fill the frame.
      const h = Math.min(floor * 0.7, size * 0.5 * energy * shape);
      ctx.fillStyle = rgba(timeline.look.accent, 0.25 + 0.5 * shape);
      ctx.fillRect(i * barWidth + barWidth * 0.15, floor - h, barWidth * 0.7, h);
    }
  },
};

