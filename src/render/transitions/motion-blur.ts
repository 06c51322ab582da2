import type { Canvas, SKRSContext2D } from "@napi-rs/canvas";

/**
 * Draws `count` copies, copy i at opacity 1/(i + 1): each new copy takes its share of a running
 * average, so after k copies every one weighs 1/k — a box-filter blur at `count` draws and no pixel
 * loop. `draw` gets the copy's place along the smear, 0–1 (0 when there is one copy). Where only
 * later copies reach, the average takes in what lay underneath: callers clear the frame first.
 */
function drawAveraged(ctx: SKRSContext2D, taps: number, draw: (along: number, count: number) => void): void {
  const count = Math.max(1, Math.round(taps));
  for (let i = 0; i < count; i++) {
    ctx.globalAlpha = 1 / (i + 1);
    draw(count === 1 ? 0 : i / (count - 1), count);
  }
  ctx.globalAlpha = 1;
}

/** Draws `image` at (x, y) smeared along (dx, dy) [px], the smear centred on that place: a linear motion blur. */
export function drawSmeared(ctx: SKRSContext2D, image: Canvas, x: number, y: number, dx: number, dy: number, taps: number): void {
  drawAveraged(ctx, taps, (along, count) => {
    const f = count === 1 ? 0 : along - 0.5;
    ctx.drawImage(image, x + dx * f, y + dy * f);
  });
}

/** Draws `image` scaled about the frame centre, smeared radially across `[scale, scale * spread]`. */
export function drawZoomSmeared(ctx: SKRSContext2D, image: Canvas, width: number, height: number, scale: number, spread: number, taps: number): void {
  drawAveraged(ctx, taps, (along) => {
    const s = scale * (1 + (spread - 1) * along);
    ctx.drawImage(image, (width - width * s) / 2, (height - height * s) / 2, width * s, height * s);
  });
}
