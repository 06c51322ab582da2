/** The head: ears, skin with soft shading, eyes, brows, nose and the closed mouth. */
import type { Point } from "../../core/schemas/performer.ts";
import { darken, lighten, mix, rgba } from "../../core/colour.ts";
import { CX, EYE_Y, MOUTH_Y, NOSE_TIP_Y, type EyeGeometry } from "./face-geometry.ts";
import { sampleSpline, traceSpline } from "./geometry.ts";
import { ellipsePath, fill, linearGradient, makePath, radialGradient, stroke, withClip, type Painter } from "./paint.ts";

/** The face outline as a path (clockwise, like the landmarks). */
export function ovalPath(p: Painter) {
  return makePath((path) => traceSpline(path, p.face.oval, true));
}

/** Face plus the skull above it: the area the skin covers (hair is painted over the skull). */
export function headPath(p: Painter) {
  const b = p.face.build;
  return makePath((path) => {
    traceSpline(path, p.face.oval, true);
    path.ellipse(CX, 402, b.cheekW + 8, 216, 0, 0, Math.PI * 2);
  });
}

function drawEar(p: Painter, side: -1 | 1): void {
  const b = p.face.build;
  const x = (dx: number): number => CX + side * (b.cheekW + dx);
  const outline: Point[] = [[x(-14), 418], [x(14), 414], [x(30), 446], [x(26), 492], [x(14), 530], [x(-2), 546], [x(-16), 540]];
  const ear = makePath((path) => traceSpline(path, outline, true));
  fill(p, ear, p.palette.skin);
  withClip(p, ear, () => {
    fill(p, ear, linearGradient(p, [x(-10), 470], [x(30), 470], [[0, rgba(p.palette.skinShadow, 0.7)], [1, rgba(p.palette.skinShadow, 0)]]));
    const fold = makePath((path) => traceSpline(path, [[x(4), 436], [x(18), 450], [x(16), 492], [x(4), 518]], false));
    stroke(p, fold, rgba(p.palette.skinDeep, 0.55), 5, { blur: 1.5 });
    fill(p, ellipsePath(x(6), 480, 9, 20), rgba(p.palette.skinDeep, 0.35), 4);
  });
  stroke(p, ear, rgba(p.palette.skinLine, 0.55), 2.2);
}

function drawEarring(p: Painter, side: -1 | 1): void {
  const kind = p.preset.earrings;
  if (!kind) return;
  const b = p.face.build;
  const x = CX + side * (b.cheekW + 4);
  const gold = "#e2b552";
  if (kind === "studs") {
    fill(p, ellipsePath(x, 538, 7, 7), radialGradient(p, [x, 538], 7, [[0, "#ffffff"], [0.5, p.palette.accent], [1, darken(p.palette.accent, 0.4)]], [x - 2, 535]));
    return;
  }
  const hoop = ellipsePath(x + side * 2, 580, 22, 34);
  stroke(p, hoop, darken(gold, 0.35), 7);
  stroke(p, hoop, gold, 4.5);
  stroke(p, makePath((q) => q.arc(x + side * 2, 580, 22, Math.PI * 0.9, Math.PI * 1.25)), "#fff6d8", 2);
}

function drawSkinShading(p: Painter): void {
  const { palette: c, face } = p;
  const b = face.build;
  const head = headPath(p);
  fill(p, head, c.skin);
  withClip(p, head, () => {
    // Key light from the viewer's upper left; the far cheek turns into shadow.
    fill(p, head, radialGradient(p, [CX - 70, 400], 330, [[0, rgba(c.skinLight, 0.55)], [0.6, rgba(c.skinLight, 0.12)], [1, rgba(c.skinLight, 0)]]));
    fill(p, ellipsePath(CX + 205, 520, 85, 270), rgba(c.skinShadow, 0.55), 38);
    stroke(p, ovalPath(p), rgba(c.skinShadow, 0.35), 46, { blur: 22 });
    // Cheekbone contour and eye sockets.
    for (const s of [-1, 1] as const) {
      stroke(p, makePath((q) => traceSpline(q, [[CX + s * 158, 505], [CX + s * 128, 560], [CX + s * 98, 592]], false)), rgba(c.skinShadow, 0.22), 26, { blur: 16 });
      fill(p, ellipsePath(CX + s * 80, EYE_Y - 14, 72, 34), rgba(c.skinShadow, 0.28), 14);
      fill(p, ellipsePath(CX + s * 106, 548, 54, 40), rgba(c.blush, p.preset.build === "female" ? 0.32 : 0.16), 22);
    }
    // Brow ridge and forehead catch the light.
    fill(p, ellipsePath(CX - 40, 330, 95, 45), rgba(c.skinLight, 0.3), 24);
    // Nose: a lit bridge, a shaded side, the shadow it casts under itself.
    stroke(p, makePath((q) => traceSpline(q, [[CX - 7, 430], [CX - 6, 490], [CX - 5, 528]], false)), rgba(c.skinLight, 0.55), 11, { blur: 5 });
    stroke(p, makePath((q) => traceSpline(q, [[CX + 20, 420], [CX + 22, 480], [CX + b.noseW - 2, 530]], false)), rgba(c.skinShadow, 0.4), 13, { blur: 8 });
    fill(p, ellipsePath(CX + 6, NOSE_TIP_Y + 21, b.noseW + 6, 9), rgba(c.skinDeep, 0.32), 6);
    // Philtrum, the shadow under the lower lip, the lit chin.
    fill(p, ellipsePath(CX, MOUTH_Y - b.upperLip - 14, 8, 14), rgba(c.skinShadow, 0.22), 4);
    fill(p, ellipsePath(CX + 3, MOUTH_Y + b.lowerLip + 12, 32, 9), rgba(c.skinDeep, 0.28), 7);
    fill(p, ellipsePath(CX - 10, b.chinY - 32, 30, 15), rgba(c.skinLight, 0.4), 9);
    if (p.preset.stubble) drawStubble(p);
  });
  // Line art along the cheeks and jaw (the top is under the hair).
  const sides = face.oval.slice(2, 11);
  stroke(p, makePath((q) => traceSpline(q, sides, false)), rgba(c.skinLine, 0.7), 2.6);
}

function drawStubble(p: Painter): void {
  const { face, palette: c } = p;
  const b = face.build;
  const area = makePath((q) => {
    traceSpline(q, [[CX - b.cheekW + 6, 500], [CX - b.jawW + 2, b.jawY], [CX - b.chinW, b.chinY - 10], [CX, b.chinY + 4], [CX + b.chinW, b.chinY - 10], [CX + b.jawW - 2, b.jawY], [CX + b.cheekW - 6, 500]], false);
    traceSpline(q, [[CX + b.cheekW - 30, 520], [CX + 70, 585], [CX + 40, 570], [CX, 572], [CX - 40, 570], [CX - 70, 585], [CX - b.cheekW + 30, 520]], false, { join: true });
    q.closePath();
  });
  fill(p, area, rgba(c.hairShadow, 0.24), 14);
  // Fine stipple, under a pixel wide at 1200 px: reads as stubble at close-up, as shadow when wide.
  const random = p.random.fork("stubble");
  withClip(p, area, () => {
    p.ctx.fillStyle = rgba(c.hairShadow, 0.22);
    for (let i = 0; i < 3200; i++) {
      const x = CX - b.cheekW + random.next() * b.cheekW * 2;
      const y = 500 + random.next() * (b.chinY - 490);
      p.ctx.fillRect(x, y, 0.8, 1.6);
    }
  });
}

function drawEye(p: Painter, eye: EyeGeometry): void {
  const { palette: c, face, preset } = p;
  const b = face.build;
  const s = eye.side;
  const [px, py] = eye.pupil;
  if (preset.eyeliner) fill(p, ellipsePath(CX + s * 84, EYE_Y - 22, 56, 20), rgba(mix(c.accent, c.skinShadow, 0.35), 0.38), 11);
  // The crease, following the upper lid 13 units higher.
  const crease: Point[] = eye.upperLid.slice(0, 4).map(([x, y], i): Point => [x - s * (i === 0 ? 4 : 0), y - 12 - (i === 0 ? 0 : 2)]);
  stroke(p, makePath((q) => traceSpline(q, crease, false)), rgba(c.skinDeep, 0.45), 3, { blur: 1.2 });

  const opening = makePath((q) => traceSpline(q, eye.contour, true));
  fill(p, opening, mix("#f7f2ee", c.skin, 0.12));
  withClip(p, opening, () => {
    const r = b.irisR;
    const iris = ellipsePath(px, py, r, r);
    fill(p, iris, radialGradient(p, [px, py], r, [[0, darken(c.iris, 0.5)], [0.38, c.iris], [0.78, lighten(c.iris, 0.18)], [0.93, darken(c.iris, 0.35)], [1, darken(c.iris, 0.6)]]));
    p.ctx.save();
    p.ctx.strokeStyle = rgba(lighten(c.iris, 0.45), 0.35);
    p.ctx.lineWidth = 1.2;
    for (let i = 0; i < 18; i++) {
      const a = (i / 18) * Math.PI * 2;
      p.ctx.beginPath();
      p.ctx.moveTo(px + Math.cos(a) * r * 0.48, py + Math.sin(a) * r * 0.48);
      p.ctx.lineTo(px + Math.cos(a) * r * 0.86, py + Math.sin(a) * r * 0.86);
      p.ctx.stroke();
    }
    p.ctx.restore();
    fill(p, ellipsePath(px, py, r * 0.42, r * 0.42), "#0b0708");
    // The upper lid's shadow on the eyeball, then the catch-lights.
    fill(p, opening, linearGradient(p, [px, EYE_Y - b.eyeH - 4], [px, EYE_Y + 4], [[0, rgba(c.skinDeep, 0.55)], [1, rgba(c.skinDeep, 0)]]));
    fill(p, ellipsePath(px + r * 0.36, py - r * 0.36, r * 0.27, r * 0.24), "rgba(255,255,255,0.95)");
    fill(p, ellipsePath(px - r * 0.38, py + r * 0.36, r * 0.11, r * 0.11), "rgba(255,255,255,0.75)");
  });
  // Tear duct.
  const inner = eye.upperLid[eye.upperLid.length - 1];
  fill(p, ellipsePath(inner[0] + s * 3, inner[1], 4.5, 3.5), rgba(mix(c.lips, "#ffffff", 0.3), 0.8), 0.8);
  // Lash line, heavier towards the outer corner; the lower lid is a soft line.
  const liner = preset.build === "male" ? 4 : 5.2;
  stroke(p, makePath((q) => traceSpline(q, eye.upperLid, false)), c.liner, liner);
  stroke(p, makePath((q) => traceSpline(q, eye.upperLid.slice(0, 3), false)), c.liner, liner + 2);
  stroke(p, makePath((q) => traceSpline(q, eye.lowerLid, false)), rgba(c.skinDeep, 0.5), 2);
  const outer = eye.upperLid[0];
  if (preset.eyeliner) {
    const wing = makePath((q) => {
      q.moveTo(outer[0] + s * 2, outer[1] - 5);
      q.quadraticCurveTo(outer[0] + s * 14, outer[1] - 8, outer[0] + s * 24, outer[1] - 17);
      q.quadraticCurveTo(outer[0] + s * 12, outer[1] + 1, outer[0] - s * 4, outer[1] + 2);
      q.closePath();
    });
    fill(p, wing, c.liner);
  }
  if (preset.build === "female") {
    // Three lashes fanning out from the outer end of the lash line.
    const lid = sampleSpline(eye.upperLid, false, 3);
    for (let i = 0; i < 3; i++) {
      const [x, y] = lid[1 + i];
      const length = 13 - i * 2;
      const lash = makePath((q) => {
        q.moveTo(x, y - 1);
        q.quadraticCurveTo(x + s * (3 - i), y - length * 0.7, x + s * (9 - i * 2), y - length);
      });
      stroke(p, lash, c.liner, 2.4 - i * 0.2);
    }
  }
}

function drawBrow(p: Painter, brow: { upper: Point[]; lower: Point[] }, side: -1 | 1): void {
  const { palette: c } = p;
  const shape = makePath((q) => {
    traceSpline(q, brow.upper, false);
    traceSpline(q, brow.lower, false, { join: true });
    q.closePath();
  });
  fill(p, shape, c.brow);
  const random = p.random.fork(`brow${side}`);
  withClip(p, shape, () => {
    for (let i = 0; i < 46; i++) {
      const t = random.next();
      const x = CX + side * (44 + t * 96);
      const y = brow.upper[1][1] + 2 + random.next() * 22 + (t < 0.3 ? 6 : 0);
      const hair = makePath((q) => {
        q.moveTo(x, y + 8);
        q.lineTo(x + side * 10, y - 4);
      });
      stroke(p, hair, random.next() < 0.5 ? rgba(lighten(c.brow, 0.3), 0.45) : rgba(darken(c.brow, 0.4), 0.5), 1.6);
    }
  });
}

function drawNose(p: Painter): void {
  const { palette: c, face } = p;
  const w = face.build.noseW;
  const y = NOSE_TIP_Y;
  fill(p, ellipsePath(CX - 5, y - 12, 13, 10), rgba(c.skinLight, 0.75), 4);
  for (const s of [-1, 1] as const) {
    // Alar wing and nostril.
    const wing = makePath((q) => traceSpline(q, [[CX + s * (w - 6), y - 24], [CX + s * (w + 2), y - 4], [CX + s * (w - 4), y + 10], [CX + s * (w - 14), y + 13]], false));
    stroke(p, wing, rgba(c.skinLine, s === 1 ? 0.75 : 0.55), 2.8);
    const nostril = makePath((q) => traceSpline(q, [[CX + s * (w - 12), y + 12], [CX + s * 15, y + 10], [CX + s * 8, y + 13]], false));
    stroke(p, nostril, rgba(c.skinDeep, 0.85), 4.2);
  }
  // Columella: the soft line under the tip.
  stroke(p, makePath((q) => traceSpline(q, [[CX - 8, y + 14], [CX, y + 16], [CX + 8, y + 14]], false)), rgba(c.skinLine, 0.4), 2);
}

function drawMouth(p: Painter): void {
  const { palette: c, face } = p;
  const m = face.mouth;
  const b = face.build;
  const upper = makePath((q) => {
    traceSpline(q, m.upperOuter, false);
    traceSpline(q, [...m.line].reverse(), false, { join: true });
    q.closePath();
  });
  const lower = makePath((q) => {
    traceSpline(q, m.line, false);
    traceSpline(q, m.lowerOuter, false, { join: true, tension: 1 });
    q.closePath();
  });
  fill(p, lower, c.lips);
  fill(p, upper, darken(c.lips, 0.16));
  withClip(p, lower, () => {
    fill(p, lower, linearGradient(p, [CX, MOUTH_Y], [CX, MOUTH_Y + b.lowerLip], [[0, rgba(darken(c.lips, 0.4), 0.55)], [0.35, rgba(c.lips, 0)], [1, rgba(darken(c.lips, 0.25), 0.4)]]));
    fill(p, ellipsePath(CX - 8, MOUTH_Y + b.lowerLip * 0.5, b.mouthW * 0.34, b.lowerLip * 0.2), "rgba(255,255,255,0.42)", 3);
  });
  withClip(p, upper, () => {
    fill(p, ellipsePath(CX - 14, MOUTH_Y - b.upperLip * 0.62, b.mouthW * 0.22, 3), rgba(lighten(c.lips, 0.4), 0.4), 2);
  });
  stroke(p, makePath((q) => traceSpline(q, m.upperOuter, false)), rgba(darken(c.lips, 0.35), 0.45), 1.6);
  stroke(p, makePath((q) => traceSpline(q, m.lowerOuter, false)), rgba(darken(c.lips, 0.3), 0.3), 1.4);
  // The mouth line: darkest at the centre, tapering into small corner shadows.
  const line = makePath((q) => traceSpline(q, m.line, false));
  stroke(p, line, mix(c.lips, "#1a080a", 0.72), 3.4);
  stroke(p, makePath((q) => traceSpline(q, m.line.slice(2, 5), false)), mix(c.lips, "#1a080a", 0.85), 3.8);
  for (const [corner, s] of [[m.cornerRight, -1], [m.cornerLeft, 1]] as const) {
    const dimple = makePath((q) => {
      q.moveTo(corner[0] - s * 4, corner[1] + 1);
      q.quadraticCurveTo(corner[0] + s * 5, corner[1] - 1, corner[0] + s * 8, corner[1] - 6);
    });
    stroke(p, dimple, rgba(c.skinDeep, 0.55), 2.4, { blur: 0.8 });
  }
}

export function drawHead(p: Painter): void {
  drawEar(p, -1);
  drawEar(p, 1);
  drawSkinShading(p);
  drawEarring(p, -1);
  drawEarring(p, 1);
  drawBrow(p, p.face.brows.right, -1);
  drawBrow(p, p.face.brows.left, 1);
  drawEye(p, p.face.eyes.right);
  drawEye(p, p.face.eyes.left);
  drawNose(p);
  drawMouth(p);
}
