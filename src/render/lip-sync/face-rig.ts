/**
 * The lower-face rig: control points built from the photo's own landmarks, in nested rings
 * around the mouth, and the triangles between them. A piecewise-affine warp over these triangles
 * moves the photo's own lips and jaw (warp-patch.ts); nothing is pasted.
 *
 * Rings, each with the 20 points of MediaPipe's lip contours (index 0 the performer's right
 * corner, 1–9 the upper lip, 10 the left corner, 11–19 the lower lip back to the right):
 *   0 inner lips — the mouth opening; its inside is painted, not warped
 *   1 outer lips
 *   2 perioral skin, half-way to the nose and to the jaw line
 *   3 the lower face's edge: under the nose above, the jaw line below (moves with the jaw)
 *   4 the same pushed outward into the cheeks and neck: fixed, and transparent — the feather
 * The eyes get a small rig of the same kind (3 rings of 16) for blinks.
 */
import type { PhotoLandmarks } from "../../core/schemas/common.ts";

export type Vec = readonly [number, number];

export interface RingRig {
  /** ring count × per-ring points, x,y interleaved, in prepared-photo pixels */
  readonly points: Float32Array;
  /** vertex indices, three per triangle (the innermost ring's inside is not triangulated) */
  readonly triangles: Uint16Array;
  /** 0–1 per vertex: the patch's opacity (1 inside, 0 on the outer ring) */
  readonly alpha: Float32Array;
  /** bounding box of the outer ring [prepared px] */
  readonly box: { x: number; y: number; width: number; height: number };
}

export interface MouthRig extends RingRig {
  /** mouth centre and axes: ex from the performer's right corner to the left one, ey down the face */
  readonly centre: Vec;
  readonly ex: Vec;
  readonly ey: Vec;
  /** mouth width [prepared px] */
  readonly width: number;
  /** mouth centre to chin along ey [prepared px] */
  readonly chinDepth: number;
  /** the photo's own gap between the inner lips at the centre [prepared px] */
  readonly sourceGap: number;
  /** per vertex, local coordinates (u along ex, v along ey) relative to the centre [prepared px] */
  readonly local: Float32Array;
}

export const MOUTH_POINTS = 20;
export const MOUTH_RINGS = 5;
export const EYE_POINTS = 16;

const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1]];
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1];
const len = (a: Vec) => Math.hypot(a[0], a[1]);

/** Triangles between consecutive closed rings of `perRing` points. */
function ringTriangles(rings: number, perRing: number): Uint16Array {
  const out: number[] = [];
  for (let r = 0; r + 1 < rings; r++) {
    for (let i = 0; i < perRing; i++) {
      const j = (i + 1) % perRing;
      const a = r * perRing + i, b = r * perRing + j, c = (r + 1) * perRing + j, d = (r + 1) * perRing + i;
      out.push(a, b, c, a, c, d);
    }
  }
  return Uint16Array.from(out);
}

function boxOf(points: Float32Array, from: number, to: number) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = from; i < to; i++) {
    x0 = Math.min(x0, points[2 * i]);
    x1 = Math.max(x1, points[2 * i]);
    y0 = Math.min(y0, points[2 * i + 1]);
    y1 = Math.max(y1, points[2 * i + 1]);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Where the ray from `origin` along `dir` first crosses the polyline, as a distance; Infinity if never. */
function rayHit(origin: Vec, dir: Vec, line: readonly Vec[]): number {
  let best = Infinity;
  for (let k = 0; k + 1 < line.length; k++) {
    const p = line[k];
    const e = sub(line[k + 1], p);
    const denom = dir[0] * e[1] - dir[1] * e[0];
    if (Math.abs(denom) < 1e-9) continue;
    const w = sub(p, origin);
    const t = (w[0] * e[1] - w[1] * e[0]) / denom;
    const s = (w[0] * dir[1] - w[1] * dir[0]) / denom;
    if (t > 0 && s >= 0 && s <= 1) best = Math.min(best, t);
  }
  return best;
}

/**
 * The mouth rig for one photo. `scale` converts the landmarks' photo pixels to prepared pixels.
 * Returns undefined when the landmarks do not describe a usable mouth (degenerate contours).
 */
export function buildMouthRig(landmarks: PhotoLandmarks, scale: number): MouthRig | undefined {
  const s = (p: readonly number[]): Vec => [p[0] * scale, p[1] * scale];
  // The drawn performer's contours have other point counts: bring them to MediaPipe's 20.
  const outer = toMouthContour(landmarks.lipsOuter.map(s));
  const inner = toMouthContour(landmarks.lipsInner.map(s));
  const jaw = landmarks.jaw.map(s);
  if (!outer || !inner || jaw.length < 3) return undefined;
  const right = outer[0];
  const left = outer[10];
  const centre: Vec = [(right[0] + left[0]) / 2, (right[1] + left[1]) / 2];
  const width = len(sub(left, right));
  if (!(width > 2)) return undefined;
  const ex: Vec = [(left[0] - right[0]) / width, (left[1] - right[1]) / width];
  const ey: Vec = [-ex[1], ex[0]];
  const toLocal = (p: Vec): Vec => [dot(sub(p, centre), ex), dot(sub(p, centre), ey)];
  const toWorld = (u: number, v: number): Vec => [centre[0] + u * ex[0] + v * ey[0], centre[1] + u * ex[1] + v * ey[1]];
  const nose = toLocal(s(landmarks.noseTip));
  // The nose tip sits ≈ 0.6–0.9 mouth widths above the mouth; guard against odd landmarks.
  const noseV = Math.min(-0.35 * width, Math.max(-1.4 * width, nose[1]));
  const chinLocal = jaw.map(toLocal).reduce((a: Vec, b: Vec) => (b[1] > a[1] ? b : a));
  const chinDepth = Math.max(0.4 * width, chinLocal[1]);

  const rings: Vec[][] = [inner, outer, [], [], []];
  for (let i = 0; i < MOUTH_POINTS; i++) {
    const [u1, v1] = toLocal(outer[i]);
    const upper = i > 0 && i < 10;
    const corner = i === 0 || i === 10;
    if (upper) {
      // Above the lips: fixed under the nose; half-way there for ring 2.
      const under = 0.72 * noseV;
      rings[2].push(toWorld(u1 * 1.2, v1 + 0.5 * (under - v1)));
      rings[3].push(toWorld(u1 * 1.45, under));
      rings[4].push(toWorld(u1 * 1.75, 0.92 * noseV));
      continue;
    }
    const dir = sub(outer[i], centre);
    const dirLen = Math.max(1e-6, len(dir));
    const unit: Vec = [dir[0] / dirLen, dir[1] / dirLen];
    const hit = rayHit(centre, unit, jaw);
    // Corners reach into the cheeks, not to the ears; lower points reach the jaw line.
    const reach = corner ? Math.min(1.0 * width, Number.isFinite(hit) ? 0.8 * hit : width) : Number.isFinite(hit) ? hit : dirLen + chinDepth * 0.6;
    const edge = Math.max(reach, dirLen * 1.15);
    const at = (d: number): Vec => [centre[0] + unit[0] * d, centre[1] + unit[1] * d];
    rings[2].push(at(dirLen + 0.5 * (edge - dirLen)));
    rings[3].push(at(edge));
    rings[4].push(at(edge + (corner ? 0.3 * width : 0.35 * chinDepth)));
  }
  const points = new Float32Array(MOUTH_RINGS * MOUTH_POINTS * 2);
  const local = new Float32Array(points.length);
  const alpha = new Float32Array(MOUTH_RINGS * MOUTH_POINTS);
  rings.forEach((ring, r) =>
    ring.forEach((p, i) => {
      const k = r * MOUTH_POINTS + i;
      points[2 * k] = p[0];
      points[2 * k + 1] = p[1];
      const l = toLocal(p);
      local[2 * k] = l[0];
      local[2 * k + 1] = l[1];
      alpha[k] = r === MOUTH_RINGS - 1 ? 0 : 1;
    }),
  );
  const sourceGap = Math.max(0, toLocal(s(landmarks.lowerLipInner ?? inner[15]))[1] - toLocal(s(landmarks.upperLipInner ?? inner[5]))[1]);
  return {
    points,
    triangles: ringTriangles(MOUTH_RINGS, MOUTH_POINTS),
    alpha,
    box: boxOf(points, (MOUTH_RINGS - 1) * MOUTH_POINTS, MOUTH_RINGS * MOUTH_POINTS),
    centre,
    ex,
    ey,
    width,
    chinDepth,
    sourceGap,
    local,
  };
}

/**
 * A closed lip contour that starts at the performer's right corner, resampled by arc length to
 * 10 segments along the upper lip (to the left corner, the point farthest from the start) and 10
 * along the lower lip: the index layout of MediaPipe's lip contours. Undefined when degenerate.
 */
function toMouthContour(points: Vec[]): Vec[] | undefined {
  if (points.length === MOUTH_POINTS) return points;
  if (points.length < 4) return undefined;
  let far = 1;
  for (let i = 1; i < points.length; i++) if (len(sub(points[i], points[0])) > len(sub(points[far], points[0]))) far = i;
  const upper = points.slice(0, far + 1);
  const lower = [...points.slice(far), points[0]];
  const half = MOUTH_POINTS / 2;
  return [...resample(upper, half).slice(0, half), ...resample(lower, half).slice(0, half)];
}

/** `segments` + 1 points evenly spaced by arc length along the polyline, ends included. */
function resample(line: Vec[], segments: number): Vec[] {
  const lengths = [0];
  for (let i = 1; i < line.length; i++) lengths.push(lengths[i - 1] + len(sub(line[i], line[i - 1])));
  const total = lengths[lengths.length - 1];
  const out: Vec[] = [];
  let k = 1;
  for (let j = 0; j <= segments; j++) {
    const at = (total * j) / segments;
    while (k < line.length - 1 && lengths[k] < at) k++;
    const span = lengths[k] - lengths[k - 1];
    const t = span > 0 ? Math.max(0, Math.min(1, (at - lengths[k - 1]) / span)) : 0;
    out.push([line[k - 1][0] + t * (line[k][0] - line[k - 1][0]), line[k - 1][1] + t * (line[k][1] - line[k - 1][1])]);
  }
  return out;
}

export type EyeRig = RingRig;

/** A blink rig: the eye contour, the lid skin around it, and a fixed transparent rim. */
export function buildEyeRig(contour: readonly (readonly number[])[], scale: number): EyeRig | undefined {
  if (contour.length !== EYE_POINTS) return undefined;
  const eye = contour.map((p): Vec => [p[0] * scale, p[1] * scale]);
  const cx = eye.reduce((a, p) => a + p[0], 0) / EYE_POINTS;
  const cy = eye.reduce((a, p) => a + p[1], 0) / EYE_POINTS;
  const eyeWidth = len(sub(eye[8], eye[0]));
  if (!(eyeWidth > 2)) return undefined;
  const points = new Float32Array(3 * EYE_POINTS * 2);
  const alpha = new Float32Array(3 * EYE_POINTS);
  // Rings 1 and 2 grow with the eye's width, not its height, so a narrow eye still gets lid skin.
  const grow = [0, 0.28, 0.55];
  for (let r = 0; r < 3; r++) {
    for (let i = 0; i < EYE_POINTS; i++) {
      const [x, y] = eye[i];
      const dx = x - cx, dy = y - cy;
      const d = Math.max(1e-6, Math.hypot(dx, dy));
      const k = r * EYE_POINTS + i;
      points[2 * k] = x + (dx / d) * grow[r] * eyeWidth;
      points[2 * k + 1] = y + (dy / d) * grow[r] * eyeWidth;
      alpha[k] = r === 2 ? 0 : 1;
    }
  }
  return {
    points,
    triangles: ringTriangles(3, EYE_POINTS),
    alpha,
    box: boxOf(points, 2 * EYE_POINTS, 3 * EYE_POINTS),
  };
}
