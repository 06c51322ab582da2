/**
 * Neck, shoulders and outfit. The body is one silhouette running off the bottom edge (the
 * portrait is cut at the waist); each outfit fills that silhouette minus the skin it shows.
 */
import type { Path2D } from "@napi-rs/canvas";
import type { Point } from "../../core/schemas/performer.ts";
import { darken, lighten, rgba } from "../../core/colour.ts";
import { CX, DESIGN_HEIGHT, type Build } from "./face-geometry.ts";
import { mirrored, traceSpline } from "./geometry.ts";
import type { OutfitName } from "./looks.ts";
import { ellipsePath, fill, linearGradient, makePath, radialGradient, stroke, withBlur, withClip, type Painter } from "./paint.ts";

const BOTTOM = DESIGN_HEIGHT + 60;

export function bodyOutline(b: Build): Point[] {
  const n = b.neckW;
  const s = b.shoulderW;
  const left: Point[] = [
    [CX - n + 2, 600],
    [CX - n + 2, 720],
    [CX - n - 6, 815],
    [CX - n - 60, 866],
    [CX - s + 84, 900],
    [CX - s + 16, 938],
    [CX - s - 12, 1016],
    [CX - s - 20, 1200],
    [CX - s - 14, 1420],
    [CX - s - 8, BOTTOM],
  ];
  return [...left, ...mirrored(left, CX)];
}

export function bodyPath(p: Painter): Path2D {
  return makePath((q) => traceSpline(q, bodyOutline(p.face.build), true));
}

/** Where each arm's inner edge runs (the crease between arm and torso), top to bottom. */
function armLine(b: Build, side: -1 | 1): Point[] {
  return [[CX + side * (b.shoulderW - 62), 1000], [CX + side * (b.shoulderW - 84), 1200], [CX + side * (b.shoulderW - 92), BOTTOM]];
}

/** Region of the arm below `y` (for short sleeves and bare arms). */
function armBelow(b: Build, side: -1 | 1, y: number): Path2D {
  const line = armLine(b, side);
  return makePath((q) => {
    q.moveTo(CX + side * 700, y);
    q.lineTo(CX + side * (b.shoulderW - 66), y);
    traceSpline(q, [[CX + side * (b.shoulderW - 66), y], ...line.slice(1)], false, { join: true });
    q.lineTo(CX + side * 700, BOTTOM);
    q.closePath();
  });
}

function drawNeckAndSkin(p: Painter): void {
  const { palette: c, face } = p;
  const b = face.build;
  const body = bodyPath(p);
  fill(p, body, c.skin);
  withClip(p, body, () => {
    fill(p, body, linearGradient(p, [CX - 300, 700], [CX + 300, 1000], [[0, rgba(c.skinLight, 0.35)], [0.5, rgba(c.skin, 0)], [1, rgba(c.skinShadow, 0.5)]]));
    // The head's shadow on the neck, shaped like the jaw.
    p.ctx.save();
    p.ctx.translate(6, 34);
    fill(p, makePath((q) => traceSpline(q, face.oval, true)), rgba(c.skinDeep, 0.55), 14);
    p.ctx.restore();
    fill(p, ellipsePath(CX + b.neckW - 8, 760, 22, 110), rgba(c.skinShadow, 0.4), 14);
    // Neck tendons, throat notch and collarbones (only visible where the outfit leaves skin).
    for (const s of [-1, 1] as const) {
      stroke(p, makePath((q) => traceSpline(q, [[CX + s * (b.neckW - 12), 700], [CX + s * (b.neckW * 0.45), 800], [CX + s * 14, 862]], false)), rgba(c.skinShadow, 0.28), 6, { blur: 4 });
      stroke(p, makePath((q) => traceSpline(q, [[CX + s * 22, 880], [CX + s * (b.neckW + 40), 888], [CX + s * (b.neckW + 120), 902]], false)), rgba(c.skinShadow, 0.35), 7, { blur: 4 });
      stroke(p, makePath((q) => traceSpline(q, [[CX + s * 26, 872], [CX + s * (b.neckW + 40), 880], [CX + s * (b.neckW + 120), 894]], false)), rgba(c.skinLight, 0.35), 4, { blur: 3 });
      stroke(p, makePath((q) => traceSpline(q, armLine(b, s), false)), rgba(c.skinShadow, 0.5), 5, { blur: 3 });
    }
    fill(p, ellipsePath(CX, 872, 16, 10), rgba(c.skinShadow, 0.35), 5);
    fill(p, ellipsePath(CX - b.shoulderW + 60, 950, 60, 30), rgba(c.skinLight, 0.4), 16);
  });
  stroke(p, body, rgba(c.skinLine, 0.6), 2.4);
}

/** Fills `region` (clipped to the body) with the garment colour and soft light-and-shadow. */
function paintGarment(p: Painter, region: Path2D, colour: string, options: { sheen?: number; folds?: boolean } = {}): void {
  withClip(p, bodyPath(p), () => {
    fill(p, region, colour);
    withClip(p, region, () => {
      fill(p, region, linearGradient(p, [CX - 420, 850], [CX + 420, 1300], [[0, rgba(lighten(colour, 0.35), 0.45)], [0.45, rgba(colour, 0)], [1, rgba(darken(colour, 0.55), 0.6)]]));
      fill(p, region, linearGradient(p, [CX, 900], [CX, DESIGN_HEIGHT], [[0, "rgba(0,0,0,0)"], [1, rgba(darken(colour, 0.6), 0.35)]]));
      const b = p.face.build;
      for (const s of [-1, 1] as const) stroke(p, makePath((q) => traceSpline(q, armLine(b, s), false)), rgba(darken(colour, 0.55), 0.6), 6, { blur: 4 });
      if (options.folds !== false) {
        for (const s of [-1, 1] as const) {
          stroke(p, makePath((q) => traceSpline(q, [[CX + s * (b.shoulderW - 90), 1050], [CX + s * 170, 1180], [CX + s * 120, 1330]], false)), rgba(darken(colour, 0.5), 0.3), 16, { blur: 10 });
          stroke(p, makePath((q) => traceSpline(q, [[CX + s * (b.shoulderW - 110), 1090], [CX + s * 190, 1230]], false)), rgba(lighten(colour, 0.3), 0.18), 10, { blur: 8 });
        }
      }
      if (options.sheen) {
        for (const s of [-1, 1] as const) fill(p, ellipsePath(CX + s * (b.shoulderW - 70), 960, 70, 26, s * 0.3), rgba(lighten(colour, 0.7), options.sheen), 12);
      }
    });
  });
}

/** Everything outside `hole`: even-odd fill of the whole canvas plus the hole. */
function allBut(...holes: Path2D[]): Path2D {
  return makePath((q) => {
    q.rect(-200, -200, 1600, 2000);
    for (const hole of holes) q.addPath(hole);
  });
}

function crewHole(b: Build, depth = 86, widen = 14): Path2D {
  return makePath((q) => traceSpline(q, [[CX - b.neckW - widen, 500], [CX - b.neckW - widen + 2, 830], [CX - b.neckW * 0.5, 830 + depth * 0.85], [CX, 830 + depth], [CX + b.neckW * 0.5, 830 + depth * 0.85], [CX + b.neckW + widen - 2, 830], [CX + b.neckW + widen, 500]], true));
}

function vHole(b: Build, bottomY: number, bottomW: number, topW: number): Path2D {
  return makePath((q) => {
    q.moveTo(CX - b.neckW - topW, 500);
    q.lineTo(CX - b.neckW - topW, 830);
    q.quadraticCurveTo(CX - bottomW - 30, 900, CX - bottomW, bottomY);
    q.lineTo(CX + bottomW, bottomY);
    q.quadraticCurveTo(CX + bottomW + 30, 900, CX + b.neckW + topW, 830);
    q.lineTo(CX + b.neckW + topW, 500);
    q.closePath();
  });
}

/** Paints a garment covering the body minus `holes`, with the same shading as paintGarment. */
function garment(p: Painter, colour: string, holes: Path2D[], options: { sheen?: number; folds?: boolean } = {}): Path2D {
  const region = allBut(...holes);
  withClip(p, bodyPath(p), () => {
    p.ctx.save();
    p.ctx.clip(region, "evenodd");
    paintGarment(p, makePath((q) => q.rect(-200, -200, 1600, 2000)), colour, options);
    p.ctx.restore();
  });
  return region;
}

function neckBand(p: Painter, points: Point[], colour: string, width: number, ribs: boolean): void {
  const band = makePath((q) => traceSpline(q, points, false));
  stroke(p, band, darken(colour, 0.3), width + 3, { cap: "butt" });
  stroke(p, band, colour, width, { cap: "butt" });
  if (ribs) stroke(p, band, rgba(darken(colour, 0.35), 0.6), width - 4, { cap: "butt" });
  stroke(p, band, rgba(lighten(colour, 0.35), 0.5), 2);
}

function crewPoints(b: Build, depth = 86, widen = 14): Point[] {
  return [[CX - b.neckW - widen + 2, 826], [CX - b.neckW * 0.5, 830 + depth * 0.85], [CX, 830 + depth], [CX + b.neckW * 0.5, 830 + depth * 0.85], [CX + b.neckW + widen - 2, 826]];
}

function lapels(p: Painter, colour: string, options: { notch: boolean; bottomY: number; bottomW: number; topW: number }): void {
  const b = p.face.build;
  for (const s of [-1, 1] as const) {
    const x = (dx: number): number => CX + s * dx;
    const neck = b.neckW + options.topW;
    const lapel = makePath((q) => {
      q.moveTo(x(neck), 810);
      q.lineTo(x(neck + 62), 880);
      if (options.notch) {
        q.lineTo(x(neck + 40), 925);
        q.lineTo(x(neck + 80), 950);
      }
      q.quadraticCurveTo(x(neck + 70), 1060, x(options.bottomW + 6), options.bottomY);
      q.quadraticCurveTo(x(options.bottomW + 30), 900, x(neck), 830);
      q.closePath();
    });
    withBlur(p, 8, () => {
      p.ctx.save();
      p.ctx.translate(s * 6, 8);
      fill(p, lapel, rgba("#000000", 0.35));
      p.ctx.restore();
    });
    fill(p, lapel, lighten(colour, 0.06));
    withClip(p, lapel, () => fill(p, lapel, linearGradient(p, [x(neck), 820], [x(neck + 70), 1000], [[0, rgba(lighten(colour, 0.3), 0.4)], [1, rgba(darken(colour, 0.3), 0.3)]])));
    stroke(p, lapel, rgba(darken(colour, 0.5), 0.8), 2.2);
  }
}

function drawPrint(p: Painter, colour: string, at: Point): void {
  // A small record-and-star badge on the chest: a music motif that reads at any distance.
  const [x, y] = at;
  fill(p, ellipsePath(x, y, 46, 46), rgba(colour, 0.9));
  for (const r of [34, 24]) stroke(p, ellipsePath(x, y, r, r), rgba(lighten(colour, 0.4), 0.5), 2);
  fill(p, ellipsePath(x, y, 10, 10), p.palette.outfit);
}

const OUTFITS: Readonly<Record<OutfitName, (p: Painter) => void>> = {
  tee(p) {
    const b = p.face.build;
    const c = p.palette;
    garment(p, c.outfit, [crewHole(b), armBelow(b, -1, 1190), armBelow(b, 1, 1190)]);
    neckBand(p, crewPoints(b), c.outfit, 14, true);
    for (const s of [-1, 1] as const) {
      const hem = makePath((q) => traceSpline(q, [[CX + s * (b.shoulderW + 30), 1180], [CX + s * (b.shoulderW - 20), 1196], [CX + s * (b.shoulderW - 66), 1190]], false));
      withClip(p, bodyPath(p), () => stroke(p, hem, darken(c.outfit, 0.3), 8));
    }
    drawPrint(p, c.outfitSecond, [CX - 150, 1130]);
  },
  bomber(p) {
    const b = p.face.build;
    const c = p.palette;
    garment(p, c.outfitSecond, [crewHole(b, 70, 10)], { folds: false });
    neckBand(p, crewPoints(b, 70, 10), c.outfitSecond, 10, false);
    garment(p, c.outfit, [vHole(b, BOTTOM, 28, 26)], { sheen: 0.25 });
    for (const s of [-1, 1] as const) {
      const edge = makePath((q) => {
        q.moveTo(CX + s * (b.neckW + 26), 832);
        q.quadraticCurveTo(CX + s * 58, 900, CX + s * 28, 1050);
        q.lineTo(CX + s * 28, BOTTOM);
      });
      stroke(p, edge, darken(c.outfit, 0.45), 5);
    }
    neckBand(p, [[CX - b.neckW - 40, 820], [CX - b.neckW - 20, 860], [CX - 70, 905], [CX - 40, 960]], c.outfitSecond, 22, true);
    neckBand(p, [[CX + b.neckW + 40, 820], [CX + b.neckW + 20, 860], [CX + 70, 905], [CX + 40, 960]], c.outfitSecond, 22, true);
    stroke(p, makePath((q) => { q.moveTo(CX + 40, 1060); q.lineTo(CX + 40, BOTTOM); }), rgba(c.metal, 0.7), 3);
  },
  "leather-jacket"(p) {
    const b = p.face.build;
    const c = p.palette;
    garment(p, c.outfitSecond, [crewHole(b, 60, 8)], { folds: false });
    neckBand(p, crewPoints(b, 60, 8), c.outfitSecond, 8, false);
    garment(p, c.outfit, [vHole(b, BOTTOM, 100, 20)], { sheen: 0.35 });
    lapels(p, c.outfit, { notch: true, bottomY: 1180, bottomW: 104, topW: 20 });
    // Leather catches hard highlights.
    withClip(p, bodyPath(p), () => {
      for (const s of [-1, 1] as const) {
        stroke(p, makePath((q) => traceSpline(q, [[CX + s * (b.shoulderW - 30), 960], [CX + s * (b.shoulderW - 20), 1150], [CX + s * (b.shoulderW - 30), 1400]], false)), "rgba(255,255,255,0.16)", 10, { blur: 6 });
      }
      stroke(p, makePath((q) => { q.moveTo(CX - 118, 1200); q.lineTo(CX - 108, BOTTOM); }), rgba(c.metal, 0.75), 3);
      fill(p, ellipsePath(CX - 118, 1210, 7, 10), c.metal);
    });
  },
  blazer(p) {
    const b = p.face.build;
    const c = p.palette;
    garment(p, c.outfitSecond, [crewHole(b, 40, 4)], { folds: false });
    neckBand(p, crewPoints(b, 40, 4), c.outfitSecond, 8, false);
    garment(p, c.outfit, [vHole(b, 1330, 8, 16)]);
    lapels(p, c.outfit, { notch: true, bottomY: 1330, bottomW: 10, topW: 16 });
    fill(p, ellipsePath(CX + 14, 1380, 11, 11), radialGradient(p, [CX + 14, 1380], 11, [[0, lighten(c.outfit, 0.3)], [1, darken(c.outfit, 0.5)]]));
    stroke(p, makePath((q) => { q.moveTo(CX - 215, 1120); q.lineTo(CX - 140, 1110); }), darken(c.outfit, 0.4), 4);
    fill(p, makePath((q) => { q.moveTo(CX - 205, 1112); q.lineTo(CX - 180, 1080); q.lineTo(CX - 160, 1110); q.closePath(); }), c.accent);
  },
  hoodie(p) {
    const b = p.face.build;
    const c = p.palette;
    garment(p, c.outfit, [crewHole(b, 64, 16)]);
    // The hood lies folded around the back of the neck.
    const hood = makePath((q) => traceSpline(q, [[CX - b.neckW - 110, 880], [CX - b.neckW - 60, 800], [CX, 830], [CX + b.neckW + 60, 800], [CX + b.neckW + 110, 880], [CX + b.neckW + 20, 870], [CX, 866], [CX - b.neckW - 20, 870]], true));
    const neck = makePath((q) => q.rect(CX - b.neckW + 3, 500, 2 * b.neckW - 6, 420));
    p.ctx.save();
    p.ctx.clip(allBut(neck), "evenodd");
    fill(p, hood, darken(c.outfit, 0.08));
    withClip(p, hood, () => fill(p, ellipsePath(CX, 820, b.neckW + 10, 40), rgba(darken(c.outfit, 0.7), 0.7), 16));
    stroke(p, hood, rgba(darken(c.outfit, 0.5), 0.6), 2.5);
    p.ctx.restore();
    neckBand(p, crewPoints(b, 64, 16), c.outfit, 16, false);
    for (const s of [-1, 1] as const) {
      const cord = makePath((q) => traceSpline(q, [[CX + s * 30, 900], [CX + s * 36, 1000], [CX + s * 30, 1100]], false));
      stroke(p, cord, darken(c.outfitSecond, 0.3), 9);
      stroke(p, cord, c.outfitSecond, 6);
      fill(p, makePath((q) => q.roundRect(CX + s * 30 - 6, 1096, 12, 30, 4)), c.metal);
    }
  },
  turtleneck(p) {
    const b = p.face.build;
    const c = p.palette;
    const hole = makePath((q) => q.rect(CX - b.neckW - 60, 400, 2 * b.neckW + 120, 320));
    garment(p, c.outfit, [hole]);
    const collar = makePath((q) => q.roundRect(CX - b.neckW - 10, 706, 2 * b.neckW + 20, 160, 24));
    withClip(p, bodyPath(p), () => {
      fill(p, collar, c.outfit);
      fill(p, collar, linearGradient(p, [CX - b.neckW, 0], [CX + b.neckW, 0], [[0, rgba(lighten(c.outfit, 0.25), 0.5)], [0.5, rgba(c.outfit, 0)], [1, rgba(darken(c.outfit, 0.5), 0.6)]]));
      for (const y of [730, 760, 790]) stroke(p, makePath((q) => traceSpline(q, [[CX - b.neckW - 8, y], [CX, y + 10], [CX + b.neckW + 8, y]], false)), rgba(darken(c.outfit, 0.45), 0.55), 4, { blur: 1.5 });
      fill(p, ellipsePath(CX, 714, b.neckW + 6, 14), rgba(darken(c.outfit, 0.55), 0.5), 6);
    });
    for (let i = 0; i < 9; i++) {
      const x = CX - 260 + i * 65;
      withClip(p, bodyPath(p), () => stroke(p, makePath((q) => { q.moveTo(x, 940); q.lineTo(x + 6, BOTTOM); }), rgba(darken(c.outfit, 0.3), 0.25), 3));
    }
  },
  camisole(p) {
    const b = p.face.build;
    const c = p.palette;
    const top = makePath((q) => {
      q.moveTo(CX - b.shoulderW + 66, 1070);
      q.quadraticCurveTo(CX - 100, 1000, CX - 10, 1052);
      q.quadraticCurveTo(CX + 100, 1000, CX + b.shoulderW - 66, 1070);
      q.lineTo(CX + b.shoulderW - 90, BOTTOM);
      q.lineTo(CX - b.shoulderW + 90, BOTTOM);
      q.closePath();
    });
    paintGarment(p, top, c.outfit, { folds: true });
    withClip(p, top, () => {
      for (const x of [CX - 120, CX + 40, CX + 190]) fill(p, ellipsePath(x, 1300, 24, 220, 0.05), rgba(lighten(c.outfit, 0.6), 0.22), 18);
    });
    stroke(p, makePath((q) => { q.moveTo(CX - b.shoulderW + 66, 1070); q.quadraticCurveTo(CX - 100, 1000, CX - 10, 1052); q.quadraticCurveTo(CX + 100, 1000, CX + b.shoulderW - 66, 1070); }), darken(c.outfit, 0.35), 4);
    for (const s of [-1, 1] as const) {
      const strap = makePath((q) => traceSpline(q, [[CX + s * 150, 1030], [CX + s * (b.neckW + 70), 930], [CX + s * (b.neckW + 55), 870]], false));
      stroke(p, strap, darken(c.outfit, 0.3), 8);
      stroke(p, strap, c.outfit, 5);
    }
    if (p.preset.necklace) drawNecklace(p);
  },
  "sequin-top"(p) {
    const b = p.face.build;
    const c = p.palette;
    const top = makePath((q) => {
      q.moveTo(CX - b.shoulderW + 70, 1060);
      q.lineTo(CX - 40, 880);
      q.quadraticCurveTo(CX, 900, CX + 40, 880);
      q.lineTo(CX + b.shoulderW - 70, 1060);
      q.lineTo(CX + b.shoulderW - 90, BOTTOM);
      q.lineTo(CX - b.shoulderW + 90, BOTTOM);
      q.closePath();
    });
    paintGarment(p, top, c.outfit, { folds: false });
    const random = p.random.fork("sequins");
    withClip(p, top, () => {
      for (let row = 0; row < 60; row++) {
        for (let col = 0; col < 40; col++) {
          const x = CX - 300 + col * 15 + (row % 2) * 7.5;
          const y = 860 + row * 13;
          const shine = random.next();
          p.ctx.fillStyle = shine > 0.93 ? "rgba(255,255,255,0.9)" : shine > 0.6 ? rgba(lighten(c.outfit, 0.45), 0.55) : rgba(darken(c.outfit, 0.4), 0.45);
          p.ctx.beginPath();
          p.ctx.arc(x, y, 5.2, 0, Math.PI * 2);
          p.ctx.fill();
        }
      }
      // A few star glints on the brightest sequins.
      for (let i = 0; i < 14; i++) {
        const x = CX - 220 + random.next() * 440;
        const y = 950 + random.next() * 600;
        const r = 7 + random.next() * 9;
        const star = makePath((q) => {
          q.moveTo(x - r, y);
          q.quadraticCurveTo(x, y, x, y - r);
          q.quadraticCurveTo(x, y, x + r, y);
          q.quadraticCurveTo(x, y, x, y + r);
          q.quadraticCurveTo(x, y, x - r, y);
        });
        fill(p, star, "rgba(255,255,255,0.85)");
      }
    });
    stroke(p, top, rgba(darken(c.outfit, 0.5), 0.6), 2.5);
  },
};

function drawNecklace(p: Painter): void {
  const b = p.face.build;
  const gold = "#e2b552";
  const chain = makePath((q) => traceSpline(q, [[CX - b.neckW - 2, 830], [CX - 40, 912], [CX, 924], [CX + 40, 912], [CX + b.neckW + 2, 830]], false));
  stroke(p, chain, darken(gold, 0.35), 3.2);
  stroke(p, chain, gold, 1.8);
  fill(p, makePath((q) => { q.moveTo(CX, 924); q.lineTo(CX + 11, 942); q.lineTo(CX, 962); q.lineTo(CX - 11, 942); q.closePath(); }), radialGradient(p, [CX, 942], 16, [[0, "#ffffff"], [0.4, p.palette.accent], [1, darken(p.palette.accent, 0.4)]], [CX - 3, 936]));
}

export function drawBody(p: Painter): void {
  drawNeckAndSkin(p);
  OUTFITS[p.preset.outfit](p);
}

/** Outfits whose sleeves reach the wrist; the others leave the forearm bare. */
export const LONG_SLEEVES: ReadonlySet<OutfitName> = new Set(["bomber", "leather-jacket", "blazer", "hoodie", "turtleneck"]);
