/**
 * The generated performer: a stylised singer drawn in code, used when the user gives no photo.
 * The result is treated exactly like a photo: an image, a mask whose alpha is the person, and the
 * same face landmarks a photo performer exposes, so lip sync, framing and lighting need no special
 * case. A pure function of its spec: no clock, no Math.random, no I/O.
 */
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import type { Look } from "../../core/schemas/common.ts";
import type { Box, FaceLandmarks, HeadPose, PerformerFace, Point } from "../../core/schemas/performer.ts";
import { MvgenError } from "../../core/errors.ts";
import { createRandom, hash32 } from "../../core/random.ts";
import { rgba } from "../../core/colour.ts";
import { drawBody } from "./draw-body.ts";
import { drawHead } from "./draw-face.ts";
import { HAIR_STYLES } from "./draw-hair.ts";
import { drawMicrophone } from "./draw-microphone.ts";
import { BUILDS, DESIGN_HEIGHT, DESIGN_WIDTH, faceGeometry } from "./face-geometry.ts";
import { chooseLookPreset, resolvePalette, type GeneratedVoiceClass } from "./looks.ts";
import type { Painter } from "./paint.ts";

export interface GeneratedPerformerSpec {
  voiceClass: GeneratedVoiceClass;
  seed: number;
  look: Look;
  /** Canvas size [px]. The figure keeps its 3:4 proportions and is centred; 1200 × 1600 fills it. */
  width: number;
  height: number;
}

export interface GeneratedPerformer {
  /** The singer on a transparent background, head to waist, facing the camera. */
  image: Canvas;
  /** Same size; alpha is the person (255 inside, soft at the edges), colour white. */
  mask: Canvas;
  /** Ready for PerformerImage.face: landmarks in the image's pixels, score 1, no mesh. */
  face: PerformerFace;
  pose: HeadPose;
  /** Name of the drawn look, for Performer.generated.look. */
  lookName: string;
}

/** The default canvas: enough pixels that a 2.6× push-in on a 720p frame stays sharp. */
export const GENERATED_PERFORMER_SIZE = { width: DESIGN_WIDTH, height: DESIGN_HEIGHT } as const;

const MAX_SIDE = 8000;

function checkSpec(spec: GeneratedPerformerSpec): void {
  for (const key of ["width", "height"] as const) {
    const v = spec[key];
    if (!Number.isInteger(v) || v < 64 || v > MAX_SIDE) {
      throw new MvgenError("INVALID_OPTION", `generated performer ${key} ${v} is out of range: use an integer from 64 to ${MAX_SIDE} px (default ${GENERATED_PERFORMER_SIZE[key]})`, { details: { [key]: v } });
    }
  }
  if (!Number.isInteger(spec.seed) || spec.seed < 0) {
    throw new MvgenError("INVALID_OPTION", `generated performer seed ${spec.seed} must be a non-negative integer`, { details: { seed: spec.seed } });
  }
}

export function drawGeneratedPerformer(spec: GeneratedPerformerSpec): GeneratedPerformer {
  checkSpec(spec);
  const preset = chooseLookPreset(spec.voiceClass, spec.seed);
  const palette = resolvePalette(preset, spec.look, spec.seed);
  const face = faceGeometry(BUILDS[preset.build]);

  // Design units → pixels: fit the 1200 × 1600 design into the canvas, centred.
  const scale = Math.min(spec.width / DESIGN_WIDTH, spec.height / DESIGN_HEIGHT);
  const offsetX = (spec.width - DESIGN_WIDTH * scale) / 2;
  const offsetY = (spec.height - DESIGN_HEIGHT * scale) / 2;

  const image = createCanvas(spec.width, spec.height);
  const ctx = image.getContext("2d");
  ctx.setTransform(scale, 0, 0, scale, offsetX, offsetY);
  const painter: Painter = { ctx, scale, palette, preset, face, random: createRandom(hash32(spec.seed, 0x5eed)) };

  const hair = HAIR_STYLES[preset.hair];
  hair.back?.(painter);
  drawBody(painter);
  drawHead(painter);
  hair.front(painter);
  drawMicrophone(painter);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  addRimLight(image, palette.rim, scale);

  const mask = createCanvas(spec.width, spec.height);
  const mctx = mask.getContext("2d");
  mctx.drawImage(image, 0, 0);
  mctx.globalCompositeOperation = "source-in";
  mctx.fillStyle = "#ffffff";
  mctx.fillRect(0, 0, spec.width, spec.height);

  const toPixels = ([x, y]: Point): Point => [round3(x * scale + offsetX), round3(y * scale + offsetY)];
  const landmarks = mapLandmarks(face.landmarks, toPixels);
  const pose: HeadPose = { yaw: 0, pitch: 0, roll: 0 };
  return {
    image,
    mask,
    face: {
      box: boxAround(landmarks.faceOval),
      score: 1,
      pose,
      interPupil: round3(Math.hypot(landmarks.leftPupil[0] - landmarks.rightPupil[0], landmarks.leftPupil[1] - landmarks.rightPupil[1])),
      sharpness: null,
      landmarks,
      mesh: null,
    },
    pose,
    lookName: preset.name,
  };
}

/**
 * Rim light: the figure's silhouette minus itself shifted towards the key light leaves a thin edge
 * on the far side; it is blurred a little and added over the figure in the style's accent. A faint
 * cool fill on the key side, made the same way, keeps the lit edge from looking cut out.
 */
function addRimLight(image: Canvas, colour: string, scale: number): void {
  addEdgeLight(image, { colour, cutBlur: 5 * scale, shiftX: -9 * scale, shiftY: 5 * scale, alpha: 0.85, blur: 1.5 * scale });
  addEdgeLight(image, { colour: rgba("#e8f0ff", 1), cutBlur: 6 * scale, shiftX: 7 * scale, shiftY: 4 * scale, alpha: 0.35 });
}

interface EdgeLight {
  readonly colour: string;
  /** [px] softness of the silhouette cut away from the light's edge */
  readonly cutBlur: number;
  /** [px] how far the cut-away silhouette is shifted: the edge is left on the opposite side */
  readonly shiftX: number;
  readonly shiftY: number;
  readonly alpha: number;
  /** [px] blur of the edge as it is added; absent = none */
  readonly blur?: number;
}

/** The figure in `colour`, minus its blurred, shifted silhouette, laid over the figure (source-atop). */
function addEdgeLight(image: Canvas, light: EdgeLight): void {
  const { width, height } = image;
  const edge = createCanvas(width, height);
  const e = edge.getContext("2d");
  e.drawImage(image, 0, 0);
  e.globalCompositeOperation = "source-in";
  e.fillStyle = light.colour;
  e.fillRect(0, 0, width, height);
  e.globalCompositeOperation = "destination-out";
  e.filter = `blur(${light.cutBlur.toFixed(3)}px)`;
  e.drawImage(image, light.shiftX, light.shiftY);
  const ctx = image.getContext("2d");
  ctx.save();
  ctx.globalCompositeOperation = "source-atop";
  ctx.globalAlpha = light.alpha;
  if (light.blur !== undefined) ctx.filter = `blur(${light.blur.toFixed(3)}px)`;
  ctx.drawImage(edge, 0, 0);
  ctx.restore();
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function mapLandmarks(l: FaceLandmarks, f: (p: Point) => Point): FaceLandmarks {
  const list = (points: Point[]): Point[] => points.map(f);
  return {
    lipsOuter: list(l.lipsOuter),
    lipsInner: list(l.lipsInner),
    jaw: list(l.jaw),
    faceOval: list(l.faceOval),
    rightEye: list(l.rightEye),
    leftEye: list(l.leftEye),
    rightBrow: list(l.rightBrow),
    leftBrow: list(l.leftBrow),
    rightPupil: f(l.rightPupil),
    leftPupil: f(l.leftPupil),
    noseTip: f(l.noseTip),
    chin: f(l.chin),
    mouthRight: f(l.mouthRight),
    mouthLeft: f(l.mouthLeft),
    upperLipTop: f(l.upperLipTop),
    lowerLipBottom: f(l.lowerLipBottom),
    upperLipInner: f(l.upperLipInner),
    lowerLipInner: f(l.lowerLipInner),
  };
}

function boxAround(points: readonly Point[]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: round3(Math.max(...xs) - x), height: round3(Math.max(...ys) - y) };
}
