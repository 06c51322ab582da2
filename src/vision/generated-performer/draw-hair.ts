/**
 * Hair styles. Most hair is built from "locks": a shape between two edge curves, filled with a
 * soft gradient and textured with strands that either run along the lock (long hair) or across it
 * (short hair, from the hairline back). Curly hair has a scalloped outline and coil texture.
 * Each style may paint a back layer (behind the body) and a front layer (over the face).
 */
import type { Path2D } from "@napi-rs/canvas";
import type { Point } from "../../core/schemas/performer.ts";
import { mix, rgba } from "../../core/colour.ts";
import { CX } from "./face-geometry.ts";
import { lerp, mirrored, sampleSpline, traceSpline } from "./geometry.ts";
import type { HairStyleName } from "./looks.ts";
import { ellipsePath, fill, linearGradient, makePath, polylinePath, stroke, withClip, type Painter } from "./paint.ts";
import { headPath } from "./draw-face.ts";

export interface HairStyle {
  back?: (p: Painter) => void;
  front: (p: Painter) => void;
}

interface Lock {
  /** One edge (outer), and the other edge (inner) in the same direction. */
  a: Point[];
  b: Point[];
  strands: "along" | "across";
  /** How far across strands lean sideways, as a fraction of the lock's length. */
  skew?: number;
}

/** Points spaced evenly by arc length along a dense sampling of the spline through `points`. */
function resample(points: readonly Point[], n: number): Point[] {
  const dense = sampleSpline(points, false, 8);
  const lengths = [0];
  for (let i = 1; i < dense.length; i++) lengths.push(lengths[i - 1] + Math.hypot(dense[i][0] - dense[i - 1][0], dense[i][1] - dense[i - 1][1]));
  const total = lengths[lengths.length - 1];
  const out: Point[] = [];
  let j = 1;
  for (let k = 0; k < n; k++) {
    const target = (total * k) / (n - 1);
    while (j < dense.length - 1 && lengths[j] < target) j++;
    const span = lengths[j] - lengths[j - 1] || 1;
    out.push(lerp(dense[j - 1], dense[j], Math.min(1, Math.max(0, (target - lengths[j - 1]) / span))));
  }
  return out;
}

function lockPath(lock: Lock): Path2D {
  return makePath((q) => {
    traceSpline(q, lock.a, false);
    traceSpline(q, [...lock.b].reverse(), false, { join: true });
    q.closePath();
  });
}

/** The hair's base fill: lit from the upper left, darker towards the ends. Absolute coordinates so neighbouring locks join seamlessly. */
function hairFill(p: Painter) {
  const c = p.palette;
  return linearGradient(p, [CX - 260, 140], [CX + 260, 1000], [[0, c.hairLight], [0.22, c.hair], [0.7, mix(c.hair, c.hairShadow, 0.55)], [1, c.hairShadow]]);
}

function drawStrands(p: Painter, lock: Lock, path: Path2D, count: number): void {
  const c = p.palette;
  const random = p.random.fork(`strands${lock.a[0][0]}${lock.a[0][1]}`);
  const n = 24;
  const a = resample(lock.a, n);
  const b = resample(lock.b, n);
  withClip(p, path, () => {
    for (let i = 0; i < count; i++) {
      const t = random.next();
      const light = random.next() < 0.45;
      const colour = light ? rgba(c.hairLight, 0.22 + random.next() * 0.25) : rgba(c.hairShadow, 0.3 + random.next() * 0.3);
      const width = 1.2 + random.next() * 2.2;
      let points: Point[];
      if (lock.strands === "along") {
        const start = random.next() * 0.15;
        const end = 0.75 + random.next() * 0.25;
        points = [];
        for (let k = Math.floor(start * (n - 1)); k <= Math.floor(end * (n - 1)); k++) points.push(lerp(a[k], b[k], t));
      } else {
        const u = random.next();
        const k = Math.min(n - 1, Math.floor(u * n));
        const skew = (lock.skew ?? 0) * (n - 1);
        const k2 = Math.max(0, Math.min(n - 1, Math.round(k + skew)));
        const from = lerp(b[k], a[k], random.next() * 0.15);
        const to = lerp(b[k2], a[k2], 0.7 + random.next() * 0.35);
        const mid = lerp(lerp(from, to, 0.5), lerp(b[Math.round((k + k2) / 2)], a[Math.round((k + k2) / 2)], 0.5), 0.5);
        points = [from, mid, to];
      }
      if (points.length < 2) continue;
      stroke(p, makePath((q) => traceSpline(q, points, false)), colour, width);
    }
  });
}

/** A soft shadow the hair casts on the skin below it. */
function castShadow(p: Painter, path: Path2D, dy = 10): void {
  withClip(p, headPath(p), () => {
    p.ctx.save();
    p.ctx.translate(3, dy);
    fill(p, path, rgba(p.palette.skinDeep, 0.42), 9);
    p.ctx.restore();
  });
}

function drawLocks(p: Painter, locks: readonly Lock[], options: { shadow?: boolean; strands?: number; sheen?: Point[][] } = {}): void {
  for (const lock of locks) {
    const path = lockPath(lock);
    if (options.shadow) castShadow(p, path);
  }
  for (const lock of locks) {
    const path = lockPath(lock);
    fill(p, path, hairFill(p));
    drawStrands(p, lock, path, options.strands ?? 70);
    stroke(p, path, rgba(p.palette.hairShadow, 0.45), 1.6);
  }
  if (options.sheen) {
    const all = makePath((q) => {
      for (const lock of locks) {
        traceSpline(q, lock.a, false);
        traceSpline(q, [...lock.b].reverse(), false, { join: true });
        q.closePath();
      }
    });
    withClip(p, all, () => {
      for (const curve of options.sheen ?? []) stroke(p, makePath((q) => traceSpline(q, curve, false)), rgba(p.palette.hairLight, 0.5), 18, { blur: 9 });
    });
  }
}

/** A closed scalloped outline around an ellipse, from angle `from` to `to` (radians, y down). */
function scallops(cx: number, cy: number, rx: number, ry: number, from: number, to: number, bumps: number, depth: number): Point[] {
  const out: Point[] = [];
  const n = bumps * 10;
  for (let i = 0; i <= n; i++) {
    const t = from + ((to - from) * i) / n;
    const bump = depth * Math.pow(Math.abs(Math.sin((i / 10) * Math.PI)), 0.6);
    out.push([cx + (rx + bump) * Math.cos(t), cy + (ry + bump) * Math.sin(t)]);
  }
  return out;
}

/** Coils: short arcs in light and dark, scattered over the hair. */
function coils(p: Painter, path: Path2D, box: { x: number; y: number; w: number; h: number }, count: number, radius: number): void {
  const c = p.palette;
  const random = p.random.fork("coils");
  withClip(p, path, () => {
    for (let i = 0; i < count; i++) {
      const x = box.x + random.next() * box.w;
      const y = box.y + random.next() * box.h;
      const r = radius * (0.7 + random.next() * 0.6);
      const a = random.next() * Math.PI * 2;
      const arc = makePath((q) => q.arc(x, y, r, a, a + Math.PI * (1.1 + random.next() * 0.6)));
      stroke(p, arc, rgba(c.hairShadow, 0.5), 3.2);
      const glint = makePath((q) => q.arc(x - 1.5, y - 1.5, r * 0.9, a + 0.3, a + Math.PI * 0.8));
      stroke(p, glint, rgba(c.hairLight, y < 330 ? 0.5 : 0.3), 2);
    }
  });
}

function capLock(p: Painter, lift: number, hairlineY: number): Lock {
  const W = p.face.build.cheekW;
  return {
    a: [[CX - W + 4, 500], [CX - W - 14 - lift * 0.3, 420], [CX - W - 16 - lift * 0.4, 320], [CX - W + 26, 226 - lift * 0.4], [CX - 80, 182 - lift], [CX + 10, 172 - lift], [CX + 100, 182 - lift], [CX + W - 22, 224 - lift * 0.4], [CX + W + 16 + lift * 0.4, 320], [CX + W + 14 + lift * 0.3, 420], [CX + W - 4, 500]],
    b: [[CX - W + 16, 500], [CX - W + 8, 410], [CX - W + 22, 335], [CX - 110, hairlineY + 10], [CX - 40, hairlineY], [CX + 30, hairlineY - 2], [CX + 100, hairlineY + 6], [CX + W - 22, 332], [CX + W - 8, 410], [CX + W - 16, 500]],
    strands: "across",
    skew: 0.04,
  };
}

function drawTufts(p: Painter, hairline: Point[], count: number, size: number): void {
  const edge = resample(hairline, count + 2).slice(1, -1);
  const random = p.random.fork("tufts");
  p.ctx.fillStyle = p.palette.hair;
  for (const [x, y] of edge) {
    const len = size * (0.5 + random.next());
    const lean = (random.next() - 0.3) * size;
    p.ctx.beginPath();
    p.ctx.moveTo(x - size * 0.6, y - 4);
    p.ctx.quadraticCurveTo(x + lean * 0.4, y + len * 0.4, x + lean, y + len);
    p.ctx.quadraticCurveTo(x + size * 0.2, y + len * 0.3, x + size * 0.6, y - 4);
    p.ctx.closePath();
    p.ctx.fill();
  }
}

function sideLock(top: Point, outer: Point[], inner: Point[]): Lock {
  return { a: [top, ...outer], b: [top, ...inner], strands: "along" };
}

/** A lock mirrored to the other side of the face (with the edges kept in top-to-bottom order). */
function mirrorLock(lock: Lock, dx = 0): Lock {
  const flip = (pts: Point[]): Point[] => mirrored(pts, CX).reverse().map(([x, y]): Point => [x + dx, y]);
  return { ...lock, a: flip(lock.a), b: flip(lock.b) };
}

function drawBackMass(p: Painter, outline: Point[]): void {
  const path = makePath((q) => traceSpline(q, outline, true));
  fill(p, path, hairFill(p));
  fill(p, path, rgba(p.palette.hairShadow, 0.45));
  const lock: Lock = { a: outline.slice(0, Math.ceil(outline.length / 2)), b: mirrored(outline.slice(0, Math.ceil(outline.length / 2)), CX).reverse(), strands: "along" };
  drawStrands(p, lock, path, 60);
}

function longLocks(length: number, fringe: "part" | "curtain"): Lock[] {
  const end = length;
  const inner: Point[] =
    fringe === "part"
      ? [[CX - 50, 230], [CX - 118, 282], [CX - 158, 360], [CX - 170, 460], [CX - 176, 560], [CX - 168, 660]]
      : [[CX - 28, 262], [CX - 70, 340], [CX - 118, 388], [CX - 160, 412], [CX - 172, 500], [CX - 176, 590], [CX - 166, 680]];
  const tail: Point[] = [];
  for (let y = 780; y < end - 60; y += 110) tail.push([CX - 148 - (y - 760) * 0.03, y]);
  const left = sideLock(
    [CX - 4, 192],
    [[CX - 80, 174], [CX - 162, 214], [CX - 204, 310], [CX - 214, 430], [CX - 222, 560], ...(end > 760 ? [[CX - 238, 690] as Point] : []), [CX - 250, end - 120], [CX - 228, end]],
    [...inner, ...tail, [CX - 176, end - 30]],
  );
  return [left, mirrorLock(left, 4)];
}

const sheenArcs: Point[][] = [
  [[CX - 30, 205], [CX - 115, 218], [CX - 178, 275]],
  [[CX + 40, 205], [CX + 120, 222], [CX + 175, 285]],
];

export const HAIR_STYLES: Readonly<Record<HairStyleName, HairStyle>> = {
  crop: {
    front(p) {
      const lock = capLock(p, 8, 286);
      drawLocks(p, [lock], { shadow: true, strands: 140, sheen: [[[CX - 120, 230], [CX - 20, 200], [CX + 80, 205]]] });
      drawTufts(p, lock.b.slice(2, -2), 16, 12);
    },
  },
  buzz: {
    front(p) {
      const lock = capLock(p, -4, 292);
      const path = lockPath(lock);
      castShadow(p, path, 4);
      fill(p, path, rgba(p.palette.hair, 0.9));
      const random = p.random.fork("buzz");
      withClip(p, path, () => {
        p.ctx.fillStyle = rgba(p.palette.hairLight, 0.35);
        for (let i = 0; i < 1400; i++) {
          p.ctx.beginPath();
          p.ctx.arc(CX - 200 + random.next() * 400, 160 + random.next() * 340, 1 + random.next(), 0, Math.PI * 2);
          p.ctx.fill();
        }
        fill(p, ellipsePath(CX - 60, 215, 90, 30), rgba(p.palette.hairLight, 0.35), 14);
      });
    },
  },
  quiff: {
    front(p) {
      const W = p.face.build.cheekW;
      const mass: Lock = {
        a: [[CX - W + 4, 490], [CX - W - 14, 400], [CX - W - 14, 300], [CX - W + 14, 218], [CX - 92, 150], [CX - 10, 110], [CX + 80, 98], [CX + 152, 116], [CX + W + 6, 178], [CX + W + 20, 272], [CX + W + 16, 400], [CX + W - 4, 490]],
        b: [[CX - W + 16, 490], [CX - W + 8, 400], [CX - W + 22, 325], [CX - 100, 286], [CX - 30, 272], [CX + 40, 268], [CX + 110, 280], [CX + W - 20, 320], [CX + W - 8, 400], [CX + W - 16, 490]],
        strands: "across",
        skew: 0.12,
      };
      drawLocks(p, [mass], { shadow: true, strands: 170, sheen: [[[CX - 130, 220], [CX - 30, 150], [CX + 90, 138], [CX + 160, 170]]] });
      // The front roll of the quiff, a lock of its own so it reads as volume.
      const roll: Lock = { a: [[CX - 120, 262], [CX - 80, 170], [CX + 10, 126], [CX + 110, 124], [CX + 170, 168]], b: [[CX - 118, 290], [CX - 50, 262], [CX + 30, 246], [CX + 110, 238], [CX + 176, 250]], strands: "along" };
      drawLocks(p, [roll], { strands: 60 });
    },
  },
  curls: {
    front(p) {
      const W = p.face.build.cheekW;
      const outer = scallops(CX, 340, W + 34, 180, Math.PI * 0.93, Math.PI * 2.07, 16, 16);
      const hairline = scallops(CX, 470, W - 20, 180, Math.PI * 1.96, Math.PI * 1.04, 12, -8);
      const shape = polylinePath([...outer, [CX + W - 2, 500], [CX + W - 14, 500], ...hairline, [CX - W + 14, 500], [CX - W + 2, 500]], true);
      castShadow(p, shape);
      fill(p, shape, hairFill(p));
      coils(p, shape, { x: CX - W - 60, y: 140, w: 2 * W + 120, h: 380 }, 520, 11);
      stroke(p, shape, rgba(p.palette.hairShadow, 0.5), 1.6);
    },
  },
  "big-curls": {
    back(p) {
      const outer = scallops(CX, 470, 325, 330, 0, Math.PI * 2, 26, 22);
      const shape = polylinePath(outer, true);
      fill(p, shape, hairFill(p));
      fill(p, shape, rgba(p.palette.hairShadow, 0.3));
      coils(p, shape, { x: CX - 360, y: 120, w: 720, h: 720 }, 1500, 14);
    },
    front(p) {
      const W = p.face.build.cheekW;
      const top = scallops(CX, 330, W + 70, 190, Math.PI * 0.96, Math.PI * 2.04, 14, 16);
      const hairline = scallops(CX, 470, W - 14, 190, Math.PI * 1.97, Math.PI * 1.03, 12, -9);
      const shape = polylinePath([...top, [CX + W + 20, 520], ...hairline, [CX - W - 20, 520]], true);
      castShadow(p, shape);
      fill(p, shape, hairFill(p));
      coils(p, shape, { x: CX - W - 100, y: 120, w: 2 * W + 200, h: 420 }, 700, 13);
    },
  },
  long: {
    back(p) {
      drawBackMass(p, [[CX, 168], [CX + 175, 212], [CX + 218, 330], [CX + 232, 520], [CX + 246, 720], [CX + 262, 940], [CX + 250, 1090], [CX, 1120], [CX - 250, 1090], [CX - 262, 940], [CX - 246, 720], [CX - 232, 520], [CX - 218, 330], [CX - 175, 212]]);
    },
    front(p) {
      drawLocks(p, longLocks(1130, "part"), { shadow: true, strands: 110, sheen: sheenArcs });
    },
  },
  shag: {
    back(p) {
      drawBackMass(p, [[CX, 168], [CX + 180, 212], [CX + 226, 340], [CX + 240, 540], [CX + 246, 700], [CX + 210, 830], [CX, 850], [CX - 210, 830], [CX - 246, 700], [CX - 240, 540], [CX - 226, 340], [CX - 180, 212]]);
    },
    front(p) {
      const locks = longLocks(830, "curtain");
      drawLocks(p, locks, { shadow: true, strands: 120, sheen: sheenArcs });
      // Layered ends: a few short locks flicking out at the sides.
      for (const s of [-1, 1] as const) {
        for (const [y, dx] of [[560, 0], [690, 8]] as const) {
          const flick: Lock = { a: [[CX + s * 200, y - 110], [CX + s * (236 + dx), y], [CX + s * (262 + dx), y + 50]], b: [[CX + s * 186, y - 100], [CX + s * (214 + dx), y], [CX + s * (240 + dx), y + 44]], strands: "along" };
          drawLocks(p, [flick], { strands: 12 });
        }
      }
    },
  },
  bob: {
    back(p) {
      drawBackMass(p, [[CX, 170], [CX + 190, 230], [CX + 222, 400], [CX + 226, 600], [CX + 214, 716], [CX, 740], [CX - 214, 716], [CX - 226, 600], [CX - 222, 400], [CX - 190, 230]]);
    },
    front(p) {
      const W = p.face.build.cheekW;
      const cap: Lock = {
        a: [[CX - W - 30, 420], [CX - W - 28, 300], [CX - 110, 196], [CX, 170], [CX + 110, 196], [CX + W + 28, 300], [CX + W + 30, 420]],
        b: [[CX - W + 2, 420], [CX - W + 8, 372], [CX - 100, 366], [CX, 360], [CX + 100, 366], [CX + W - 8, 372], [CX + W - 2, 420]],
        strands: "across",
        skew: 0,
      };
      const side = sideLock([CX - W - 6, 300], [[CX - W - 32, 420], [CX - W - 40, 560], [CX - W - 44, 680], [CX - W - 30, 716]], [[CX - W + 4, 400], [CX - W + 4, 480], [CX - W + 10, 580], [CX - 146, 680], [CX - 150, 712]]);
      drawLocks(p, [side, mirrorLock(side)], { shadow: true, strands: 90 });
      drawLocks(p, [cap], { shadow: true, strands: 150, sheen: [[[CX - 150, 260], [CX - 40, 215], [CX + 80, 220]]] });
    },
  },
  bun: {
    front(p) {
      // The bun sits on the crown, behind the swept-back hair.
      const bun = ellipsePath(CX + 6, 150, 84, 74);
      fill(p, bun, hairFill(p));
      const random = p.random.fork("bun");
      withClip(p, bun, () => {
        for (let i = 0; i < 40; i++) {
          const r = 20 + random.next() * 62;
          const a = random.next() * Math.PI * 2;
          stroke(p, makePath((q) => q.ellipse(CX + 6, 150, r, r * 0.85, 0, a, a + 1.6)), i % 2 ? rgba(p.palette.hairLight, 0.35) : rgba(p.palette.hairShadow, 0.45), 2);
        }
      });
      stroke(p, bun, rgba(p.palette.hairShadow, 0.5), 1.6);
      const cap = capLock(p, 2, 282);
      cap.skew = 0;
      // Swept back: strands converge on the crown.
      drawLocks(p, [cap], { shadow: true, strands: 160, sheen: [[[CX - 140, 250], [CX - 40, 205], [CX + 70, 205]]] });
      const W = p.face.build.cheekW;
      for (const s of [-1, 1] as const) {
        const wisp = makePath((q) => traceSpline(q, [[CX + s * (W - 30), 318], [CX + s * (W - 14), 400], [CX + s * (W - 26), 480], [CX + s * (W - 8), 560]], false));
        stroke(p, wisp, p.palette.hair, 5);
        stroke(p, wisp, rgba(p.palette.hairLight, 0.4), 1.5);
      }
    },
  },
  swoop: {
    front(p) {
      // Shaved sides first, then the long top swept from a side part over to the left temple.
      const sides = capLock(p, -8, 300);
      const sidePath = lockPath(sides);
      castShadow(p, sidePath, 4);
      // Clipped sides show the natural dark roots, whatever colour the top is dyed.
      fill(p, sidePath, rgba(mix(p.palette.skinDeep, "#221a18", 0.6), 0.7));
      const random = p.random.fork("shaved");
      withClip(p, sidePath, () => {
        p.ctx.fillStyle = rgba(p.palette.hairShadow, 0.4);
        for (let i = 0; i < 1200; i++) {
          p.ctx.beginPath();
          p.ctx.arc(CX - 200 + random.next() * 400, 170 + random.next() * 330, 0.9 + random.next() * 0.8, 0, Math.PI * 2);
          p.ctx.fill();
        }
      });
      const top: Lock = {
        a: [[CX - 140, 262], [CX - 134, 196], [CX - 70, 150], [CX + 36, 136], [CX + 130, 158], [CX + 184, 212], [CX + 198, 290], [CX + 190, 372], [CX + 174, 424]],
        b: [[CX - 128, 274], [CX - 70, 260], [CX, 264], [CX + 60, 282], [CX + 108, 316], [CX + 138, 360], [CX + 156, 408], [CX + 166, 430]],
        strands: "along",
      };
      drawLocks(p, [top], { shadow: true, strands: 130, sheen: [[[CX - 90, 200], [CX + 20, 160], [CX + 130, 180], [CX + 180, 240]]] });
    },
  },
};
