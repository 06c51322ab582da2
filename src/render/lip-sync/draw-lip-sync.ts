/**
 * Per frame: poses the rig, warps the photo's own lips, jaw and eyelids into small patches,
 * paints the mouth's interior, and draws the patches over the photo with the photo's own
 * transform. The caller has already drawn the photo on `ctx` with that transform set.
 */
import type { SKRSContext2D } from "@napi-rs/canvas";
import { clamp } from "../../core/easing.ts";
import { applyPlacement, type PhotoPlacement } from "../draw-photo.ts";
import { poseEye, poseMouth, type MouthState } from "./pose-face.ts";
import { fillPolygon, sampleSource, warpTriangles, type Patch, type SourceLevel } from "./warp-patch.ts";
import { MOUTH_POINTS, EYE_POINTS, type MouthRig } from "./face-rig.ts";
import type { LipSyncRig, MouthColours, RigSurface } from "./prepare-lip-sync.ts";

/** Mouths narrower than this on screen [px] are left alone: nobody can see them move. */
const MIN_MOUTH_PX = 5;
/** Eyes narrower than this on screen [px] do not blink visibly either. */
const MIN_EYE_PX = 4;

/** What a photo's face does in one frame. */
export interface FaceFrame {
  readonly rig: LipSyncRig;
  readonly mouth: MouthState;
  /** 0 open – 1 shut */
  readonly blink: number;
}

/** Draws the face's patches over a photo drawn with `placement` (draw-photo.ts' transform). */
export function drawFaceFrame(ctx: SKRSContext2D, face: FaceFrame, placement: PhotoPlacement, width: number, height: number): void {
  ctx.save();
  applyPlacement(ctx, placement, width, height);
  drawLipSync(ctx, face.rig, face.mouth, face.blink, placement.scale);
  ctx.restore();
}

/**
 * `screenScale` is output pixels per prepared-photo pixel for this clip and frame: patches are
 * computed at that resolution (never above the prepared photo's), so a wide shot costs little.
 */
function drawLipSync(ctx: SKRSContext2D, rig: LipSyncRig, mouth: MouthState, blink: number, screenScale: number): void {
  const scale = Math.min(1, screenScale);
  if (rig.mouth && rig.mouth.rig.width * screenScale >= MIN_MOUTH_PX && !isSourcePose(rig.mouth.rig, mouth)) {
    const { rig: m, surface, colours } = rig.mouth;
    const posed = poseMouth(m, mouth);
    drawPatch(ctx, surface, scale, (patch, source) => {
      warpTriangles(source, patch, m.points, posed, m.triangles, m.alpha);
      paintInterior(patch, m, posed, colours);
    });
  }
  if (blink > 0.02) {
    for (const eye of rig.eyes) {
      if (eye.rig.box.width * screenScale < MIN_EYE_PX * 1.5) continue;
      const posed = poseEye(eye.rig, blink);
      drawPatch(ctx, eye.surface, scale, (patch, source) => {
        warpTriangles(source, patch, eye.rig.points, posed, eye.rig.triangles, eye.rig.alpha);
        // The eyeball stays where it is; only the lids move over it.
        const opening = polygonInPatch(posed, 0, EYE_POINTS, patch);
        fillPolygon(patch, opening, (px, py, rgb) => sampleSource(source, patch.x + px / patch.scale, patch.y + py / patch.scale, rgb));
      });
    }
  }
}

/** Nothing to move: a closed-mouth photo at rest. Skipping it saves the patch on every silent frame. */
function isSourcePose(rig: MouthRig, state: MouthState): boolean {
  return state.open === 0 && state.round === 0 && state.spread === 0 && state.viseme !== "M" && state.viseme !== "F" && rig.sourceGap < 0.03 * rig.width;
}

function drawPatch(ctx: SKRSContext2D, surface: RigSurface, scale: number, paint: (patch: Patch, source: SourceLevel) => void): void {
  const base = surface.levels[0];
  // The finest level that is not coarser than the patch.
  let source = base;
  for (const level of surface.levels) if (level.scale >= scale * 0.999) source = level;
  const width = Math.min(surface.image.width, Math.ceil(base.width * scale));
  const height = Math.min(surface.image.height, Math.ceil(base.height * scale));
  const data = surface.image.data as unknown as Uint8ClampedArray;
  // Cleared one row and column past the patch too: the smoothed draw below samples half a pixel
  // beyond its source rectangle, where a larger patch of an earlier frame would otherwise remain.
  const cleared = { width: Math.min(surface.image.width, width + 1), height: Math.min(surface.image.height, height + 1) };
  data.fill(0, 0, surface.image.width * cleared.height * 4);
  const patch: Patch = { data, stride: surface.image.width, width, height, x: base.x, y: base.y, scale };
  paint(patch, source);
  surface.ctx.putImageData(surface.image, 0, 0, 0, 0, cleared.width, cleared.height);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(surface.canvas, 0, 0, width, height, base.x, base.y, width / scale, height / scale);
}

function polygonInPatch(points: Float32Array, from: number, count: number, patch: Patch): Float64Array {
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    out[2 * i] = (points[2 * (from + i)] - patch.x) * patch.scale;
    out[2 * i + 1] = (points[2 * (from + i) + 1] - patch.y) * patch.scale;
  }
  return out;
}

/**
 * The mouth's inside, where the posed inner lips have parted: a dark cavity, the upper teeth as a
 * band under the upper lip that turns away towards the corners, and the tongue low at the back.
 * Colours come from the photo's own lips and skin, so they carry its light and white balance.
 */
function paintInterior(patch: Patch, rig: MouthRig, posed: Float32Array, colours: MouthColours): void {
  const { centre, ex, ey, width: W } = rig;
  // Posed inner contour in the mouth's frame: upper lip indices 0…10, lower 10…19, 0.
  const upperU: number[] = [], upperV: number[] = [], lowerU: number[] = [], lowerV: number[] = [];
  const localOf = (k: number): [number, number] => {
    const dx = posed[2 * k] - centre[0], dy = posed[2 * k + 1] - centre[1];
    return [dx * ex[0] + dy * ex[1], dx * ey[0] + dy * ey[1]];
  };
  for (let i = 0; i <= 10; i++) {
    const [u, v] = localOf(i);
    upperU.push(u);
    upperV.push(v);
  }
  for (let i = 10; i <= 20; i++) {
    const [u, v] = localOf(i % MOUTH_POINTS);
    lowerU.push(u);
    lowerV.push(v);
  }
  lowerU.reverse();
  lowerV.reverse();
  const gapAtCentre = interpolate(lowerU, lowerV, 0) - interpolate(upperU, upperV, 0);
  if (gapAtCentre <= 0.004 * W) return;
  const [lr, lg, lb] = colours.lips;
  const [sr, sg, sb] = colours.skin;
  // The skin's luminance mixes its albedo with the light; teeth are bright whatever the skin, so
  // only the square root of the skin's brightness (and a fifth of its hue) carries over to them.
  const skinLuma = Math.max(1, 0.299 * sr + 0.587 * sg + 0.114 * sb);
  const light = Math.sqrt(Math.max(0.35, Math.min(1.1, skinLuma / 175)));
  const hue = [sr / skinLuma, sg / skinLuma, sb / skinLuma].map((h) => 0.8 + 0.2 * h);
  const cavity = [lr * 0.17 + 5, lg * 0.08 + 3, lb * 0.09 + 3];
  const teeth = [232 * hue[0] * light * 0.82, 224 * hue[1] * light * 0.82, 206 * hue[2] * light * 0.82];
  const tongue = [lr * 0.75, lg * 0.45, lb * 0.48];
  const teethHeight = Math.min(0.085 * W, 0.35 * gapAtCentre);
  const tongueRy = Math.max(0.05 * W, 0.3 * gapAtCentre);
  const tongueVisible = clamp((gapAtCentre - 0.08 * W) / (0.08 * W), 0, 1);
  const pixel = 1 / patch.scale;
  const polygon = polygonInPatch(posed, 0, MOUTH_POINTS, patch);
  fillPolygon(patch, polygon, (px, py, rgb) => {
    const x = patch.x + px / patch.scale - centre[0];
    const y = patch.y + py / patch.scale - centre[1];
    const u = x * ex[0] + y * ex[1];
    const v = x * ey[0] + y * ey[1];
    const top = interpolate(upperU, upperV, u);
    const bottom = interpolate(lowerU, lowerV, u);
    const side = Math.min(1, Math.abs(u) / (0.5 * W));
    // Deeper is darker; the corners are in the cheeks' shadow.
    const depth = clamp((v - top) / Math.max(pixel, bottom - top), 0, 1);
    let shadeFactor = (0.75 + 0.35 * Math.sin(Math.PI * depth)) * (1 - 0.45 * side * side);
    rgb[0] = cavity[0] * shadeFactor;
    rgb[1] = cavity[1] * shadeFactor;
    rgb[2] = cavity[2] * shadeFactor;
    // Tongue: a dim ellipse low at the back, its edge soft over ≈ 4 % of the mouth's width.
    if (tongueVisible > 0) {
      const tv = (v - (bottom - 0.2 * tongueRy)) / tongueRy;
      const tu = u / (0.34 * W);
      const e = tu * tu + tv * tv;
      const edge = clamp(((1 - e) * tongueRy) / Math.max(2 * pixel, 0.04 * W), 0, 1) * tongueVisible;
      if (edge > 0) {
        const lit = 0.55 + 0.25 * clamp(-tv, 0, 1);
        for (let c = 0; c < 3; c++) rgb[c] += (tongue[c] * lit * (1 - 0.5 * side) - rgb[c]) * edge;
      }
    }
    // Upper teeth under the upper lip: the arch turns away, so the band thins, darkens and fades
    // towards the corners; its top lies in the upper lip's shadow.
    const band = teethHeight * (1 - 0.55 * side * side);
    const fade = 1 - clamp((side - 0.55) / 0.35, 0, 1);
    const inTeeth = clamp((band - (v - top)) / pixel + 0.5, 0, 1) * fade;
    if (inTeeth > 0) {
      shadeFactor = (1 - 0.5 * side * side) * (0.72 + 0.28 * clamp((v - top) / Math.max(pixel, 0.4 * teethHeight), 0, 1));
      for (let c = 0; c < 3; c++) rgb[c] += (teeth[c] * shadeFactor - rgb[c]) * inTeeth;
    }
  });
}

/** Piecewise-linear y(x) through points sorted by x (clamped at the ends). */
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  for (let i = 1; i < n; i++) {
    if (x <= xs[i]) {
      const span = xs[i] - xs[i - 1];
      return span > 1e-9 ? ys[i - 1] + ((ys[i] - ys[i - 1]) * (x - xs[i - 1])) / span : ys[i];
    }
  }
  return ys[n - 1];
}
