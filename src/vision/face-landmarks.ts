/**
 * Named landmarks and head pose from the 478-point MediaPipe face mesh (468 face points from
 * "Real-time Facial Surface Geometry from Monocular Video on Mobile GPUs", Kartynnik et al. 2019,
 * plus 5 points per iris). Index lists follow MediaPipe's published mesh topology
 * (face_mesh_connections / canonical_face_model_uv_visualization); the iris order is human's:
 * 468–472 the performer's left iris (centre first), 473–477 the right one (checked on the corpus:
 * 468 lies next to corner 263, the left eye's outer corner).
 */
import type { Box, FaceLandmarks, HeadPose, Point } from "../core/schemas/performer.ts";

export const MESH_POINTS = 478;

/** MediaPipe mesh indices of each named landmark group. */
export const MESH_INDICES = {
  /** From the right corner (61) over the upper lip to the left corner (291), back along the lower lip. */
  lipsOuter: [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146],
  /** Inner contour, right inner corner (78) to left (308) over the upper lip, back along the lower. */
  lipsInner: [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95],
  /** Lower half of the face oval: right ear level (234) → chin (152) → left ear level (454). */
  jaw: [234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365, 397, 288, 361, 323, 454],
  /** Silhouette from the top of the forehead (10), clockwise on screen. */
  faceOval: [
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93,
    234, 127, 162, 21, 54, 103, 67, 109,
  ],
  /** Outer corner (33) along the upper lid to the inner corner (133), back along the lower lid. */
  rightEye: [33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7],
  /** Outer corner (263) along the upper lid to the inner corner (362), back along the lower lid. */
  leftEye: [263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249],
  rightBrow: [70, 63, 105, 66, 107],
  leftBrow: [336, 296, 334, 293, 300],
  rightPupil: 473,
  leftPupil: 468,
  noseTip: 1,
  chin: 152,
  mouthRight: 61,
  mouthLeft: 291,
  upperLipTop: 0,
  lowerLipBottom: 17,
  upperLipInner: 13,
  lowerLipInner: 14,
  /** Top of the forehead, on the silhouette. */
  foreheadTop: 10,
  /** Silhouette points at ear level, performer's right and left. */
  rightCheekEdge: 234,
  leftCheekEdge: 454,
} as const;

/** Coordinates are stored to 0.1 px: finer than any landmark's accuracy, and keeps the JSON small. */
const round = (v: number): number => Math.round(v * 10) / 10;

function at(mesh: ArrayLike<number>, index: number): Point {
  return [round(mesh[index * 3]), round(mesh[index * 3 + 1])];
}

export function landmarksFromMesh(mesh: ArrayLike<number>): FaceLandmarks {
  if (mesh.length < MESH_POINTS * 3) throw new RangeError(`a face mesh has ${MESH_POINTS} points × 3; got ${mesh.length} values`);
  const line = (indices: readonly number[]): Point[] => indices.map((i) => at(mesh, i));
  const m = MESH_INDICES;
  return {
    lipsOuter: line(m.lipsOuter),
    lipsInner: line(m.lipsInner),
    jaw: line(m.jaw),
    faceOval: line(m.faceOval),
    rightEye: line(m.rightEye),
    leftEye: line(m.leftEye),
    rightBrow: line(m.rightBrow),
    leftBrow: line(m.leftBrow),
    rightPupil: at(mesh, m.rightPupil),
    leftPupil: at(mesh, m.leftPupil),
    noseTip: at(mesh, m.noseTip),
    chin: at(mesh, m.chin),
    mouthRight: at(mesh, m.mouthRight),
    mouthLeft: at(mesh, m.mouthLeft),
    upperLipTop: at(mesh, m.upperLipTop),
    lowerLipBottom: at(mesh, m.lowerLipBottom),
    upperLipInner: at(mesh, m.upperLipInner),
    lowerLipInner: at(mesh, m.lowerLipInner),
  };
}

/** Tight box around the 468 face points (the iris points lie inside it). */
export function faceBoxFromMesh(mesh: ArrayLike<number>): Box {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < 468; i++) {
    const x = mesh[i * 3], y = mesh[i * 3 + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { x: round(minX), y: round(minY), width: round(maxX - minX), height: round(maxY - minY) };
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/**
 * Head pose in our conventions, from human's angles [radians] (computed by human from the mesh).
 * Checked on the corpus: rotating a photo 15° counter-clockwise moved human's roll by −14.4°, and
 * mirroring it flipped the signs of yaw and roll; human's yaw is positive when the nose points
 * to the viewer's left, so it is negated here.
 *   yaw   > 0: the face turns towards the viewer's right (the performer's left)
 *   pitch > 0: the chin goes down
 *   roll  > 0: the head tilts clockwise on screen (as canvas `rotate(+θ)`)
 * Degrees, to 0.1°.
 */
export function headPoseFromHuman(angles: { yaw: number; pitch: number; roll: number }): HeadPose {
  const deg = (r: number) => Math.round(((r * 180) / Math.PI) * 10) / 10 || 0;
  return { yaw: deg(-angles.yaw), pitch: deg(angles.pitch), roll: deg(angles.roll) };
}
