/** The film treatment over a finished frame: colour wash, saturation, vignette and grain. */
import type { SKRSContext2D } from "@napi-rs/canvas";
import type { Look } from "../core/schemas/common.ts";
import type { PreparedRender } from "./prepare-render.ts";
import { hash32 } from "../core/random.ts";
import { GRAIN_TILE } from "./prepare-render.ts";

export function applyLook(ctx: SKRSContext2D, look: Look, prepared: PreparedRender, seed: number, n: number): void {
  const { width, height } = prepared;
  if (look.tint.strength > 0) {
    ctx.globalCompositeOperation = "soft-light";
    ctx.globalAlpha = look.tint.strength;
    ctx.fillStyle = look.tint.color;
    ctx.fillRect(0, 0, width, height);
  }
  if (look.saturation < 1) {
    // Blending grey in "saturation" mode takes chroma away in proportion to alpha: 1 - s keeps s of it.
    ctx.globalCompositeOperation = "saturation";
    ctx.globalAlpha = 1 - look.saturation;
    ctx.fillStyle = "#808080";
    ctx.fillRect(0, 0, width, height);
  }
  ctx.globalCompositeOperation = "source-over";
  ctx.globalAlpha = 1;
  if (prepared.vignette) ctx.drawImage(prepared.vignette, 0, 0);
  if (prepared.grain.length > 0) {
    // A different tile and offset each frame, chosen by hash: grain that moves like film but is reproducible.
    const h = hash32(seed, n);
    const pattern = prepared.grain[h % prepared.grain.length];
    ctx.save();
    ctx.translate(-((h >>> 8) % GRAIN_TILE), -((h >>> 16) % GRAIN_TILE));
    ctx.globalCompositeOperation = "overlay";
    ctx.globalAlpha = look.grain * 0.35;
    ctx.fillStyle = pattern;
    ctx.fillRect(0, 0, width + GRAIN_TILE, height + GRAIN_TILE);
    ctx.restore();
  }
}
