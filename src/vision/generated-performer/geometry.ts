/**
 * Curves for the drawn performer. Every outline is a Catmull-Rom spline through a few designed
 * points, so the same points give both the painted edge and the landmarks that lie exactly on it.
 */
import type { Point } from "../../core/schemas/performer.ts";

/** Anything a path can be traced into: a 2D context or a Path2D. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  bezierCurveTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void;
  closePath(): void;
}

type Segment = readonly [Point, Point, Point, Point];

/** Cubic Bézier segments of the uniform Catmull-Rom spline through `points` (tension 1 = standard). */
export function splineSegments(points: readonly Point[], closed: boolean, tension = 1): Segment[] {
  const n = points.length;
  if (n < 2) throw new RangeError(`a spline needs at least 2 points, got ${n}`);
  const at = (i: number): Point => (closed ? points[((i % n) + n) % n] : points[Math.max(0, Math.min(n - 1, i))]);
  const k = tension / 6;
  const segments: Segment[] = [];
  for (let i = 0; i < (closed ? n : n - 1); i++) {
    const p0 = at(i - 1);
    const p1 = at(i);
    const p2 = at(i + 1);
    const p3 = at(i + 2);
    segments.push([
      p1,
      [p1[0] + (p2[0] - p0[0]) * k, p1[1] + (p2[1] - p0[1]) * k],
      [p2[0] - (p3[0] - p1[0]) * k, p2[1] - (p3[1] - p1[1]) * k],
      p2,
    ]);
  }
  return segments;
}

/**
 * Traces the spline into `sink`. With `join`, the first point is reached with lineTo, so several
 * curves can make one outline (an outer edge, then an inner edge back).
 */
export function traceSpline(sink: PathSink, points: readonly Point[], closed: boolean, options: { join?: boolean; tension?: number } = {}): void {
  const first = points[0];
  if (options.join) sink.lineTo(first[0], first[1]);
  else sink.moveTo(first[0], first[1]);
  for (const [, c1, c2, p] of splineSegments(points, closed, options.tension)) {
    sink.bezierCurveTo(c1[0], c1[1], c2[0], c2[1], p[0], p[1]);
  }
  if (closed) sink.closePath();
}

export function bezierAt(segment: Segment, t: number): Point {
  const u = 1 - t;
  const [p0, p1, p2, p3] = segment;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return [a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]];
}

/**
 * Points on the spline: each designed point plus `between` evenly spaced (in t) points per segment.
 * A closed curve does not repeat its first point; an open one ends on its last point.
 */
export function sampleSpline(points: readonly Point[], closed: boolean, between: number, tension?: number): Point[] {
  const out: Point[] = [];
  for (const segment of splineSegments(points, closed, tension)) {
    for (let i = 0; i <= between; i++) out.push(bezierAt(segment, i / (between + 1)));
  }
  if (!closed) out.push(points[points.length - 1]);
  return out;
}

/** Mirror of the points across the vertical line x = cx, in reverse order (to continue an outline). */
export function mirrored(points: readonly Point[], cx: number): Point[] {
  return points.map(([x, y]): Point => [2 * cx - x, y]).reverse();
}

export function lerp(a: Point, b: Point, t: number): Point {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

