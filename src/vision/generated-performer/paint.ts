/** Small drawing helpers shared by the parts of the performer. All coordinates are design units. */
import { Path2D, type SKRSContext2D } from "@napi-rs/canvas";
import type { Point } from "../../core/schemas/performer.ts";
import type { Random } from "../../core/random.ts";
import type { PerformerLookPreset, PerformerPalette } from "./looks.ts";
import type { FaceGeometry } from "./face-geometry.ts";

/** Everything a part needs to draw itself. */
export interface Painter {
  ctx: SKRSContext2D;
  /** Device pixels per design unit: canvas filters (blur) work in device pixels. */
  scale: number;
  palette: PerformerPalette;
  preset: PerformerLookPreset;
  face: FaceGeometry;
  /** Seeded; each part forks its own so adding strands to one part does not move another's. */
  random: Random;
}

export function makePath(trace: (path: Path2D) => void): Path2D {
  const path = new Path2D();
  trace(path);
  return path;
}

export function ellipsePath(x: number, y: number, rx: number, ry: number, rotation = 0): Path2D {
  return makePath((p) => p.ellipse(x, y, rx, ry, rotation, 0, Math.PI * 2));
}

export function polylinePath(points: readonly Point[], closed = false): Path2D {
  return makePath((p) => {
    p.moveTo(points[0][0], points[0][1]);
    for (const q of points.slice(1)) p.lineTo(q[0], q[1]);
    if (closed) p.closePath();
  });
}

/** Runs `draw` with a Gaussian blur of `radius` design units. */
export function withBlur(p: Painter, radius: number, draw: () => void): void {
  p.ctx.save();
  p.ctx.filter = `blur(${Math.max(0.01, radius * p.scale).toFixed(3)}px)`;
  draw();
  p.ctx.restore();
}

export function withClip(p: Painter, path: Path2D, draw: () => void): void {
  p.ctx.save();
  p.ctx.clip(path);
  draw();
  p.ctx.restore();
}

export function fill(p: Painter, path: Path2D, style: string | CanvasGradientLike, blur = 0): void {
  const paint = (): void => {
    p.ctx.fillStyle = style as string;
    p.ctx.fill(path);
  };
  if (blur > 0) withBlur(p, blur, paint);
  else paint();
}

export function stroke(p: Painter, path: Path2D, style: string, width: number, options: { blur?: number; cap?: "butt" | "round" | "square" } = {}): void {
  const paint = (): void => {
    p.ctx.strokeStyle = style;
    p.ctx.lineWidth = width;
    p.ctx.lineCap = options.cap ?? "round";
    p.ctx.lineJoin = "round";
    p.ctx.stroke(path);
  };
  if (options.blur) withBlur(p, options.blur, paint);
  else paint();
}

/** A gradient object as the context returns it (kept opaque: only passed back to fill). */
export type CanvasGradientLike = ReturnType<SKRSContext2D["createLinearGradient"]>;

export function linearGradient(p: Painter, from: Point, to: Point, stops: ReadonlyArray<readonly [number, string]>): CanvasGradientLike {
  const g = p.ctx.createLinearGradient(from[0], from[1], to[0], to[1]);
  for (const [at, colour] of stops) g.addColorStop(at, colour);
  return g;
}

export function radialGradient(p: Painter, centre: Point, radius: number, stops: ReadonlyArray<readonly [number, string]>, inner: Point = centre): CanvasGradientLike {
  const g = p.ctx.createRadialGradient(inner[0], inner[1], 0, centre[0], centre[1], radius);
  for (const [at, colour] of stops) g.addColorStop(at, colour);
  return g;
}
