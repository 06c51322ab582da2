import type { SKRSContext2D } from "@napi-rs/canvas";

/** A colour as CSS rgba() from #rrggbb and an opacity (clamped to 0–1). */
export function rgba(hex: string, alpha: number): string {
  const v = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${Math.max(0, Math.min(1, alpha)).toFixed(3)})`;
}

/**
 * A stage-light beam from a lamp at (x, 0) to a tip at (tipX, reach): a narrow quad widening to
 * `spread` on each side, bright at the lamp and fading out along its length.
 */
export function drawBeam(ctx: SKRSContext2D, x: number, tipX: number, reach: number, spread: number, color: string, alpha: number): void {
  const beam = ctx.createLinearGradient(x, 0, tipX, reach);
  beam.addColorStop(0, rgba(color, alpha));
  beam.addColorStop(1, rgba(color, 0));
  ctx.fillStyle = beam;
  ctx.beginPath();
  ctx.moveTo(x - 4, 0);
  ctx.lineTo(x + 4, 0);
  ctx.lineTo(tipX + spread, reach);
  ctx.lineTo(tipX - spread, reach);
  ctx.closePath();
  ctx.fill();
}
