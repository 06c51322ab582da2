import type { Canvas } from "@napi-rs/canvas";
import { defineTransition } from "./define-transition.ts";
import { hash32, noise } from "../../core/random.ts";

const CHANNELS = ["#ff0000", "#00ff00", "#0000ff"] as const;

/**
 * A digital glitch: the picture splits into red, green and blue images that drift apart, and
 * horizontal bands tear sideways, strongest at the cut; the band pattern is seeded per transition.
 */
export const glitch = defineTransition({
  info: { name: "glitch", role: "accent", beats: 0.5 },
  composite: ({ ctx, outgoing, incoming, p, width, height, seed, spare }) => {
    const source = p < 0.5 ? outgoing : incoming;
    const strength = 1 - Math.abs(2 * p - 1); // 0 → 1 at the cut → 0
    const split = Math.round(width * 0.02 * strength);
    // Each channel alone: the image multiplied by a pure primary keeps that channel only.
    const layers = CHANNELS.map((color, i) => isolate(spare[i], source, color, width, height));
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, width, height);
    ctx.globalCompositeOperation = "lighter";
    ctx.drawImage(layers[0], -split, 0);
    ctx.drawImage(layers[1], 0, 0);
    ctx.drawImage(layers[2], split, 0);
    ctx.globalCompositeOperation = "source-over";
    // Tearing bands: a few rows of the frame redrawn shifted sideways.
    const step = Math.floor(p * 6); // the pattern changes six times over the transition
    const bands = Math.round(2 + 6 * strength);
    for (let i = 0; i < bands; i++) {
      const y = Math.floor(noise(seed, step, i) * height);
      const h = Math.max(2, Math.floor(noise(seed, step, i, 1) * height * 0.08));
      const shift = (noise(hash32(seed, step, i, 2)) - 0.5) * width * 0.15 * strength;
      ctx.drawImage(source, 0, y, width, h, shift, y, width, h);
    }
  },
});

function isolate(target: Canvas, source: Canvas, color: string, width: number, height: number): Canvas {
  const ctx = target.getContext("2d");
  ctx.globalCompositeOperation = "source-over";
  ctx.drawImage(source, 0, 0);
  ctx.globalCompositeOperation = "multiply";
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, width, height);
  ctx.globalCompositeOperation = "source-over";
  return target;
}
