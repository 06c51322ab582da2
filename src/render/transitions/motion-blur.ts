import type { Canvas, SKRSContext2D } from "@napi-rs/canvas";

/**
 * Draws `image` smeared along (dx, dy) [px]: `taps` copies spread over the smear, each at an equal
 * share of the opacity — a box-filter motion blur that costs `taps` draws and no pixel loop.
 */
export function drawSmeared(ctx: SKRSContext2D, image: Canvas, x: number, y: number, dx: number, dy: number, taps: number, alpha = 1): void {
  const count = Math.max(1, Math.round(taps));
  // Opacity per copy so that `count` stacked copies reach `alpha`: 1 − (1 − a)^count = alpha.
  const each = 1 - (1 - alpha) ** (1 / count);
  const start = ctx.globalAlpha;
  for (let i = 0; i < count; i++) {
    const f = count === 1 ? 0 : i / (count - 1) - 0.5;
    ctx.globalAlpha = i === 0 ? alpha : each;
    ctx.drawImage(image, x + dx * f, y + dy * f);
  }
  ctx.globalAlpha = start;
}

/** Draws `image` scaled about the frame centre, smeared radially across `[scale, scale * spread]`. */
export function drawZoomSmeared(ctx: SKRSContext2D, image: Canvas, width: number, height: number, scale: number, spread: number, taps: number): void {
  const count = Math.max(1, Math.round(taps));
  for (let i = 0; i < count; i++) {
    const s = scale * (1 + (spread - 1) * (count === 1 ? 0 : i / (count - 1)));
    ctx.globalAlpha = i === 0 ? 1 : 1 / (i + 1);
    ctx.drawImage(image, (width - width * s) / 2, (height - height * s) / 2, width * s, height * s);
  }
  ctx.globalAlpha = 1;
}
