/**
 * The handheld microphone and the hand and forearm that hold it. The mic is held low, off the
 * performer's left shoulder, with its grille below the chin and aimed at the mouth: it reads as
 * singing, and it stays clear of the lips and jaw that lip sync warps.
 */
import type { Point } from "../../core/schemas/performer.ts";
import { darken, lighten, mix, rgba } from "../../core/colour.ts";
import { CX, DESIGN_HEIGHT } from "./face-geometry.ts";
import { LONG_SLEEVES } from "./draw-body.ts";
import { ellipsePath, fill, linearGradient, makePath, radialGradient, stroke, withClip, type Painter } from "./paint.ts";

/** Grille centre [design units] and the handle's direction (unit vector, grille → handle end). */
export const MIC_GRILLE: Point = [CX + 112, 852];
const AXIS: Point = [0.266, 0.964];
const GRILLE_R = 50;
/** Where the fist grips the handle, measured along the axis from the grille centre. */
const GRIP = 196;

function local(p: Painter, draw: () => void): void {
  p.ctx.save();
  p.ctx.translate(MIC_GRILLE[0], MIC_GRILLE[1]);
  p.ctx.rotate(-Math.asin(AXIS[0]));
  draw();
  p.ctx.restore();
}

function toGlobal([x, y]: Point): Point {
  const [ux, uy] = AXIS;
  // Local +y runs along AXIS, local +x along (uy, -ux).
  return [MIC_GRILLE[0] + x * uy + y * ux, MIC_GRILLE[1] - x * ux + y * uy];
}

function drawForearm(p: Painter): void {
  const c = p.palette;
  const b = p.face.build;
  const wrist = toGlobal([44, GRIP + 52]);
  const elbow: Point = [CX + b.shoulderW - 40, DESIGN_HEIGHT + 40];
  const dx = elbow[0] - wrist[0];
  const dy = elbow[1] - wrist[1];
  const len = Math.hypot(dx, dy);
  const nx = -dy / len;
  const ny = dx / len;
  const at = (t: number, w: number): Point => [wrist[0] + dx * t + nx * w, wrist[1] + dy * t + ny * w];
  const arm = makePath((q) => {
    const a = at(0, -40);
    q.moveTo(a[0], a[1]);
    const m1 = at(0.45, -56);
    const e1 = at(1, -60);
    q.quadraticCurveTo(m1[0], m1[1], e1[0], e1[1]);
    const e2 = at(1, 62);
    q.lineTo(e2[0], e2[1]);
    const m2 = at(0.5, 60);
    const w2 = at(0, 40);
    q.quadraticCurveTo(m2[0], m2[1], w2[0], w2[1]);
    q.closePath();
  });
  const sleeve = LONG_SLEEVES.has(p.preset.outfit);
  const colour = sleeve ? p.palette.outfit : c.skin;
  // Its shadow on the body, then the arm.
  p.ctx.save();
  p.ctx.translate(-14, 10);
  fill(p, arm, rgba("#000000", 0.3), 14);
  p.ctx.restore();
  fill(p, arm, colour);
  withClip(p, arm, () => {
    fill(p, arm, linearGradient(p, at(0.5, -60), at(0.5, 60), [[0, rgba(lighten(colour, 0.3), 0.45)], [0.5, rgba(colour, 0)], [1, rgba(darken(colour, 0.5), 0.55)]]));
    if (sleeve) {
      const cuff = makePath((q) => {
        const a = at(0.02, -70);
        const bb = at(0.02, 70);
        const c2 = at(0.14, 70);
        const d = at(0.14, -70);
        q.moveTo(a[0], a[1]);
        q.lineTo(bb[0], bb[1]);
        q.lineTo(c2[0], c2[1]);
        q.lineTo(d[0], d[1]);
        q.closePath();
      });
      fill(p, cuff, rgba(darken(colour, 0.25), 0.8));
      for (const t of [0.45, 0.7]) stroke(p, makePath((q) => { const a = at(t, -60); const m = at(t + 0.05, 0); const e = at(t - 0.02, 60); q.moveTo(a[0], a[1]); q.quadraticCurveTo(m[0], m[1], e[0], e[1]); }), rgba(darken(colour, 0.5), 0.35), 8, { blur: 5 });
    }
  });
  stroke(p, arm, rgba(sleeve ? darken(colour, 0.5) : c.skinLine, 0.6), 2.4);
  // A lit edge along the top of the forearm separates it from a garment of the same colour.
  const edge = makePath((q) => { const a = at(0.03, -38); const m = at(0.45, -54); const e = at(1, -58); q.moveTo(a[0], a[1]); q.quadraticCurveTo(m[0], m[1], e[0], e[1]); });
  withClip(p, arm, () => stroke(p, edge, rgba(lighten(colour, sleeve ? 0.45 : 0.3), 0.7), 7, { blur: 3 }));
}

function drawMic(p: Painter): void {
  const c = p.palette;
  local(p, () => {
    // Handle: a tapered cylinder, lit on the left.
    const handle = makePath((q) => {
      q.moveTo(-30, 60);
      q.lineTo(30, 60);
      q.lineTo(21, 372);
      q.quadraticCurveTo(0, 386, -21, 372);
      q.closePath();
    });
    fill(p, handle, linearGradient(p, [-30, 0], [30, 0], [[0, darken(c.micBody, 0.35)], [0.28, lighten(c.micBody, 0.45)], [0.42, c.micBody], [1, darken(c.micBody, 0.6)]]));
    stroke(p, handle, rgba(darken(c.micBody, 0.7), 0.8), 2);
    // The ring between handle and grille, in the accent colour.
    const ring = makePath((q) => q.roundRect(-34, 44, 68, 24, 6));
    fill(p, ring, linearGradient(p, [-34, 0], [34, 0], [[0, darken(c.accent, 0.4)], [0.3, lighten(c.accent, 0.4)], [1, darken(c.accent, 0.5)]]));
    // Grille: a wire-mesh ball.
    const grille = ellipsePath(0, 0, GRILLE_R, GRILLE_R);
    fill(p, grille, radialGradient(p, [0, 0], GRILLE_R, [[0, lighten(c.metal, 0.6)], [0.55, c.metal], [1, darken(c.metal, 0.55)]], [-16, -18]));
    withClip(p, grille, () => {
      p.ctx.strokeStyle = rgba(darken(c.metal, 0.6), 0.45);
      p.ctx.lineWidth = 1.4;
      for (let i = -12; i <= 12; i++) {
        p.ctx.beginPath();
        p.ctx.moveTo(-60, i * 8 - 60);
        p.ctx.lineTo(60, i * 8 + 60);
        p.ctx.moveTo(60, i * 8 - 60);
        p.ctx.lineTo(-60, i * 8 + 60);
        p.ctx.stroke();
      }
      stroke(p, makePath((q) => q.ellipse(0, 4, GRILLE_R, 9, 0, 0, Math.PI)), rgba(darken(c.metal, 0.5), 0.7), 5);
      fill(p, ellipsePath(-17, -20, 17, 11, -0.6), "rgba(255,255,255,0.7)", 4);
    });
    stroke(p, grille, rgba(darken(c.metal, 0.7), 0.8), 2);
  });
}

function drawFist(p: Painter): void {
  const c = p.palette;
  local(p, () => {
    p.ctx.translate(0, GRIP);
    // A fist is about half the face's width [~150 design units]; the shapes below are drawn at 1/1.3 of that.
    p.ctx.scale(1.3, 1.3);
    const backOfHand = makePath((q) => q.roundRect(-6, -56, 66, 116, 30));
    fill(p, backOfHand, c.skin);
    withClip(p, backOfHand, () => fill(p, backOfHand, linearGradient(p, [-6, 0], [60, 0], [[0, rgba(c.skinLight, 0.3)], [1, rgba(c.skinShadow, 0.6)]])));
    stroke(p, backOfHand, rgba(c.skinLine, 0.6), 2.2);
    // Four fingers curled round the handle, lowest first so each overlaps the one below.
    for (let i = 3; i >= 0; i--) {
      const y = -42 + i * 26;
      const w = i === 3 ? 58 : 70;
      const finger = makePath((q) => q.roundRect(-44 + (70 - w) * 0.4, y - 14, w, 29, 14));
      fill(p, finger, c.skin);
      withClip(p, finger, () => {
        fill(p, finger, linearGradient(p, [0, y - 14], [0, y + 15], [[0, rgba(c.skinLight, 0.45)], [0.6, rgba(c.skin, 0)], [1, rgba(c.skinShadow, 0.7)]]));
        fill(p, ellipsePath(-30 + (70 - w) * 0.4, y - 2, 9, 6), rgba(c.skinLight, 0.5), 3);
      });
      stroke(p, finger, rgba(c.skinLine, 0.7), 2);
      stroke(p, makePath((q) => { q.moveTo(-8, y - 10); q.quadraticCurveTo(-4, y, -8, y + 10); }), rgba(c.skinDeep, 0.45), 1.6);
    }
    // The thumb wraps over the index finger.
    const thumb = makePath((q) => {
      q.moveTo(50, -60);
      q.quadraticCurveTo(10, -80, -26, -66);
      q.quadraticCurveTo(-40, -60, -30, -46);
      q.quadraticCurveTo(10, -44, 52, -30);
      q.closePath();
    });
    fill(p, thumb, mix(c.skin, c.skinLight, 0.2));
    withClip(p, thumb, () => fill(p, thumb, linearGradient(p, [0, -76], [0, -40], [[0, rgba(c.skinLight, 0.3)], [1, rgba(c.skinShadow, 0.55)]])));
    stroke(p, thumb, rgba(c.skinLine, 0.75), 2);
    fill(p, ellipsePath(-20, -62, 9, 6, -0.2), rgba(mix(c.skinLight, "#ffffff", 0.4), 0.7), 1);
  });
}

export function drawMicrophone(p: Painter): void {
  drawForearm(p);
  drawMic(p);
  drawFist(p);
}
