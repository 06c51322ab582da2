import type { SKRSContext2D } from "@napi-rs/canvas";
import { rgba } from "../core/colour.ts";

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
