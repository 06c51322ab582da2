/**
 * The drawn face's geometry in design units (a 1200 × 1600 portrait, head centred at x = 600).
 * The same points are painted and reported as landmarks, so a landmark is exactly where its
 * feature is drawn: what the lip-sync warp needs.
 *
 * Proportions follow the classic head canon, stylised: eyes at half the skull's height, brow to
 * nose base equal to nose base to chin, the mouth line a third of the way from the nose base to
 * the chin; eyes and irises about 15 % larger than life for readability at wide framings.
 */
import type { FaceLandmarks, Point } from "../../core/schemas/performer.ts";
import type { BuildName } from "./looks.ts";
import { mirrored, sampleSpline } from "./geometry.ts";

export const DESIGN_WIDTH = 1200;
export const DESIGN_HEIGHT = 1600;
export const CX = DESIGN_WIDTH / 2;

export interface Build {
  /** Face half-widths [design units] at the temples, cheekbones and jaw angle; chin half-width. */
  templeW: number;
  cheekW: number;
  jawW: number;
  jawY: number;
  chinW: number;
  chinY: number;
  /** Top of the forehead (the face oval's top; hair covers it). */
  topY: number;
  neckW: number;
  shoulderW: number;
  /** Half the eye opening's height, and how far the outer corner lifts. */
  eyeH: number;
  eyeLift: number;
  irisR: number;
  browThick: number;
  browArch: number;
  mouthW: number;
  upperLip: number;
  lowerLip: number;
  noseW: number;
}

export const BUILDS: Readonly<Record<BuildName, Build>> = {
  male: { templeW: 160, cheekW: 172, jawW: 156, jawY: 618, chinW: 62, chinY: 704, topY: 252, neckW: 104, shoulderW: 418, eyeH: 14, eyeLift: 0, irisR: 17.5, browThick: 17, browArch: 6, mouthW: 60, upperLip: 14, lowerLip: 19, noseW: 31 },
  female: { templeW: 158, cheekW: 166, jawW: 130, jawY: 606, chinW: 40, chinY: 690, topY: 252, neckW: 80, shoulderW: 345, eyeH: 17.5, eyeLift: 6, irisR: 19, browThick: 11, browArch: 14, mouthW: 56, upperLip: 18, lowerLip: 24, noseW: 25 },
  neutral: { templeW: 159, cheekW: 169, jawW: 142, jawY: 612, chinW: 50, chinY: 697, topY: 252, neckW: 92, shoulderW: 380, eyeH: 16, eyeLift: 3, irisR: 18, browThick: 14, browArch: 10, mouthW: 58, upperLip: 16, lowerLip: 21, noseW: 28 },
};

export const EYE_Y = 458;
export const PUPIL_DX = 76;
export const NOSE_TIP_Y = 548;
export const MOUTH_Y = 607;

export interface EyeGeometry {
  /** Closed contour: outer corner, upper lid, inner corner, lower lid. */
  contour: Point[];
  upperLid: Point[];
  lowerLid: Point[];
  pupil: Point;
  side: -1 | 1;
}

export interface FaceGeometry {
  build: Build;
  /** Designed points of the face outline, clockwise on screen from the top of the forehead. */
  oval: Point[];
  eyes: { right: EyeGeometry; left: EyeGeometry };
  brows: { right: { upper: Point[]; lower: Point[] }; left: { upper: Point[]; lower: Point[] } };
  noseTip: Point;
  mouth: {
    cornerRight: Point;
    cornerLeft: Point;
    /** Outer edge of the upper lip, performer's right corner to left corner. */
    upperOuter: Point[];
    /** Outer edge of the lower lip, left corner back to right corner. */
    lowerOuter: Point[];
    /** The closed mouth's line, right corner to left corner. */
    line: Point[];
  };
  chin: Point;
  landmarks: FaceLandmarks;
}

function eye(build: Build, side: -1 | 1): EyeGeometry {
  const x = (dx: number): number => CX + side * dx;
  const h = build.eyeH;
  const lift = build.eyeLift;
  const inner: Point = [x(36), EYE_Y + 4];
  const outer: Point = [x(120), EYE_Y + 1 - lift * 1.5];
  const upper: Point[] = [[x(50), EYE_Y - h + 2], [x(76), EYE_Y - h - 3], [x(103), EYE_Y - h + 1 - lift]];
  const lower: Point[] = [[x(102), EYE_Y + h - 5 - lift * 0.6], [x(76), EYE_Y + h - 1], [x(52), EYE_Y + h - 5]];
  // Upper lid from the outer corner to the inner one; lower lid back.
  const upperLid = [outer, ...[...upper].reverse(), inner];
  const lowerLid = [inner, ...[...lower].reverse(), outer];
  return { contour: [outer, ...[...upper].reverse(), inner, ...[...lower].reverse()], upperLid, lowerLid, pupil: [x(PUPIL_DX), EYE_Y - 1], side };
}

function brow(build: Build, side: -1 | 1): { upper: Point[]; lower: Point[] } {
  const x = (dx: number): number => CX + side * dx;
  const base = EYE_Y - 56;
  const upper: Point[] = [[x(138), base + 4], [x(112), base - build.browArch - 4], [x(80), base - build.browArch - 6], [x(44), base - 2]];
  const t = build.browThick;
  const lower: Point[] = [[x(44), base + t * 0.95], [x(80), base - build.browArch - 6 + t], [x(114), base - build.browArch + t * 0.6], [x(140), base + 6]];
  return { upper, lower };
}

export function faceGeometry(build: Build): FaceGeometry {
  const b = build;
  const rightHalf: Point[] = [
    [CX + 96, b.topY + 11],
    [CX + b.templeW, b.topY + 92],
    [CX + b.cheekW, 470],
    [CX + b.jawW, b.jawY],
    [CX + b.chinW, b.chinY - 13],
  ];
  const oval: Point[] = [[CX, b.topY], ...rightHalf, [CX, b.chinY], ...mirrored(rightHalf, CX)];

  const my = MOUTH_Y;
  const w = b.mouthW;
  const cornerRight: Point = [CX - w, my];
  const cornerLeft: Point = [CX + w, my];
  const upperOuter: Point[] = [
    cornerRight,
    [CX - w * 0.62, my - b.upperLip * 0.66],
    [CX - w * 0.24, my - b.upperLip],
    [CX, my - b.upperLip * 0.76],
    [CX + w * 0.24, my - b.upperLip],
    [CX + w * 0.62, my - b.upperLip * 0.66],
    cornerLeft,
  ];
  const lowerOuter: Point[] = [cornerLeft, [CX + w * 0.58, my + b.lowerLip * 0.8], [CX, my + b.lowerLip], [CX - w * 0.58, my + b.lowerLip * 0.8], cornerRight];
  const line: Point[] = [cornerRight, [CX - w * 0.56, my + 1.5], [CX - w * 0.2, my + 2.6], [CX, my + 2], [CX + w * 0.2, my + 2.6], [CX + w * 0.56, my + 1.5], cornerLeft];

  const eyes = { right: eye(b, -1), left: eye(b, 1) };
  const brows = { right: brow(b, -1), left: brow(b, 1) };
  const noseTip: Point = [CX, NOSE_TIP_Y];
  const chin: Point = [CX, b.chinY];

  const ovalSamples = sampleSpline(oval, true, 2);
  // The oval's designed points are sampled 3 per segment; the cheekbone points (index 3 and 9 in
  // `oval`) are the ear-level ends of the jaw.
  const earLeft = 3 * 3;
  const earRight = 9 * 3;
  const jaw = [...ovalSamples.slice(earLeft, earRight + 1)].reverse();

  const upperSamples = sampleSpline(upperOuter, false, 1);
  const lowerSamples = sampleSpline(lowerOuter, false, 1);
  const lineSamples = sampleSpline(line, false, 1);
  const inner = lineSamples.slice(1, -1);

  const landmarks: FaceLandmarks = {
    lipsOuter: [...upperSamples, ...lowerSamples.slice(1, -1)],
    // Closed mouth: the inner contour's upper and lower halves lie on the same line.
    lipsInner: [cornerRight, ...inner, cornerLeft, ...[...inner].reverse()],
    jaw,
    faceOval: ovalSamples,
    rightEye: sampleSpline(eyes.right.contour, true, 1),
    leftEye: sampleSpline(eyes.left.contour, true, 1),
    rightBrow: brows.right.upper,
    leftBrow: [...brows.left.upper].reverse(),
    rightPupil: eyes.right.pupil,
    leftPupil: eyes.left.pupil,
    noseTip,
    chin,
    mouthRight: cornerRight,
    mouthLeft: cornerLeft,
    upperLipTop: upperOuter[3],
    lowerLipBottom: lowerOuter[2],
    upperLipInner: line[3],
    lowerLipInner: line[3],
  };
  return { build: b, oval, eyes, brows, noseTip, mouth: { cornerRight, cornerLeft, upperOuter, lowerOuter, line }, chin, landmarks };
}
