/**
 * Made once per photo before the first frame: the mouth and eye rigs in prepared-photo pixels,
 * the source pixels around them at three levels of detail, the interior colours measured on the
 * photo, and the canvases each frame's patches are drawn through.
 */
import { createCanvas, type Canvas, type ImageData, type SKRSContext2D } from "@napi-rs/canvas";
import type { PhotoLandmarks } from "../../core/schemas/common.ts";
import { buildEyeRig, buildMouthRig, MOUTH_POINTS, type EyeRig, type MouthRig, type RingRig } from "./face-rig.ts";
import { sampleSource, type SourceLevel } from "./warp-patch.ts";

export interface RigSurface {
  readonly levels: readonly SourceLevel[];
  readonly canvas: Canvas;
  readonly ctx: SKRSContext2D;
  readonly image: ImageData;
}

export interface MouthColours {
  /** mean colour of the lips, rgb 0–255 */
  readonly lips: readonly [number, number, number];
  /** mean colour of the skin around the mouth */
  readonly skin: readonly [number, number, number];
}

export interface LipSyncRig {
  readonly mouth: { rig: MouthRig; surface: RigSurface; colours: MouthColours } | undefined;
  readonly eyes: ReadonlyArray<{ rig: EyeRig; surface: RigSurface }>;
  /** the photo's head roll [degrees] */
  readonly roll: number;
}

/** Levels of detail: a patch drawn small samples a halved or quartered copy, so it does not alias. */
const LEVELS = 3;

export function prepareLipSync(landmarks: PhotoLandmarks, photo: Canvas, scale: number, roll = 0): LipSyncRig | undefined {
  const ctx = photo.getContext("2d");
  const mouthRig = buildMouthRig(landmarks, scale);
  let mouth: LipSyncRig["mouth"];
  if (mouthRig) {
    const surface = makeSurface(ctx, mouthRig, photo);
    mouth = { rig: mouthRig, surface, colours: measureColours(mouthRig, surface.levels[0]) };
  }
  const eyes: Array<{ rig: EyeRig; surface: RigSurface }> = [];
  for (const contour of [landmarks.rightEye, landmarks.leftEye]) {
    const rig = buildEyeRig(contour, scale);
    if (rig) eyes.push({ rig, surface: makeSurface(ctx, rig, photo) });
  }
  if (!mouth && eyes.length === 0) return undefined;
  return { mouth, eyes, roll };
}

function makeSurface(ctx: SKRSContext2D, rig: RingRig, photo: Canvas): RigSurface {
  // One pixel of margin for bilinear sampling; the box is clipped to the photo.
  const x = Math.max(0, Math.floor(rig.box.x) - 1);
  const y = Math.max(0, Math.floor(rig.box.y) - 1);
  const w = Math.max(2, Math.min(photo.width, Math.ceil(rig.box.x + rig.box.width) + 2) - x);
  const h = Math.max(2, Math.min(photo.height, Math.ceil(rig.box.y + rig.box.height) + 2) - y);
  const base = ctx.getImageData(x, y, w, h);
  const levels: SourceLevel[] = [{ data: base.data, width: w, height: h, x, y, scale: 1 }];
  for (let l = 1; l < LEVELS; l++) {
    const prev = levels[l - 1];
    if (prev.width < 4 || prev.height < 4) break;
    levels.push(halve(prev));
  }
  const canvas = createCanvas(w + 2, h + 2);
  const patchCtx = canvas.getContext("2d");
  return { levels, canvas, ctx: patchCtx, image: patchCtx.createImageData(canvas.width, canvas.height) };
}

function halve(level: SourceLevel): SourceLevel {
  const width = level.width >> 1;
  const height = level.height >> 1;
  const data = new Uint8ClampedArray(width * height * 4);
  const src = level.data;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const a = ((2 * j) * level.width + 2 * i) * 4;
      const b = a + level.width * 4;
      for (let c = 0; c < 4; c++) data[(j * width + i) * 4 + c] = (src[a + c] + src[a + 4 + c] + src[b + c] + src[b + 4 + c] + 2) >> 2;
    }
  }
  return { data, width, height, x: level.x, y: level.y, scale: level.scale / 2 };
}

/** Lip colour between the inner and outer contours; skin colour on the perioral ring. */
function measureColours(rig: MouthRig, source: SourceLevel): MouthColours {
  const rgb = new Float64Array(3);
  const mean = (points: Array<[number, number]>): [number, number, number] => {
    const sum = [0, 0, 0];
    for (const [x, y] of points) {
      sampleSource(source, x, y, rgb);
      for (let c = 0; c < 3; c++) sum[c] += rgb[c];
    }
    return [sum[0] / points.length, sum[1] / points.length, sum[2] / points.length];
  };
  const p = rig.points;
  const lips: Array<[number, number]> = [];
  const skin: Array<[number, number]> = [];
  for (let i = 0; i < MOUTH_POINTS; i++) {
    if (i === 0 || i === 10) continue;
    const k0 = i, k1 = MOUTH_POINTS + i, k2 = 2 * MOUTH_POINTS + i;
    lips.push([(p[2 * k0] + p[2 * k1]) / 2, (p[2 * k0 + 1] + p[2 * k1 + 1]) / 2]);
    skin.push([p[2 * k2], p[2 * k2 + 1]]);
  }
  return { lips: mean(lips), skin: mean(skin) };
}
