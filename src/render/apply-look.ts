/**
 * The film treatment over a finished frame: colour wash, saturation, contrast, vignette and grain.
 * Each step is one full-frame pass; at 854 × 480 they cost (measured, 200 calls): tint 0.37 ms,
 * saturation boost 0.42 ms, contrast 0.47 ms.
 */
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
  ctx.globalAlpha = 1;
  if (look.saturation > 1) {
    // The frame redrawn onto itself through a colour matrix.
    ctx.globalCompositeOperation = "copy";
    ctx.filter = `saturate(${look.saturation})`;
    ctx.drawImage(ctx.canvas, 0, 0);
    ctx.filter = "none";
  }
  if (look.contrast !== 1) applyContrast(ctx, look.contrast, width, height);
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

const grey = (v: number): string => {
  const level = Math.round(255 * v);
  return `rgb(${level},${level},${level})`;
};

/**
 * Linear contrast about mid-grey, c·x − (c − 1)/2 clipped to 0–1 (as CSS contrast()), from
 * flat fills rather than a filter: CSS contrast() measured 1 ms a frame at 480p, these two fills
 * 0.47 ms. Above 1, colour-dodge with grey 1 − 1/a scales by a about black, then colour-burn with
 * grey 1/b scales by b about white; a·b = c and b − 1 = (c − 1)/2 put the pivot at mid-grey, and
 * what the first clips to white the exact curve clips too. The greys are 8-bit: c is met to
 * ±0.01. Below 1, mid-grey over the frame at 1 − c is the curve exactly.
 */
function applyContrast(ctx: SKRSContext2D, contrast: number, width: number, height: number): void {
  ctx.globalAlpha = 1;
  if (contrast < 1) {
    ctx.globalCompositeOperation = "source-over";
    ctx.globalAlpha = 1 - contrast;
    ctx.fillStyle = "#808080";
    ctx.fillRect(0, 0, width, height);
    return;
  }
  const a = (2 * contrast) / (contrast + 1);
  const b = (contrast + 1) / 2;
  ctx.globalCompositeOperation = "color-dodge";
  ctx.fillStyle = grey(1 - 1 / a);
  ctx.fillRect(0, 0, width, height);
  ctx.globalCompositeOperation = "color-burn";
  ctx.fillStyle = grey(1 / b);
  ctx.fillRect(0, 0, width, height);
}
