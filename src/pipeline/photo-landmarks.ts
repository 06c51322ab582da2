/**
 * A Performer image as the Timeline refers to it (PhotoRef): the face box in units of the image,
 * the pose, the landmarks lip sync needs (same pixels), the mask. Photos and the drawn performer
 * both go through here.
 */
import type { PhotoLandmarks, PhotoRef } from "../core/schemas/common.ts";
import type { PerformerFace, PerformerImage } from "../core/schemas/performer.ts";

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/** `width` × `height`: the image as decoded for drawing (a photo's upright size). */
export function photoRef(image: PerformerImage, width: number, height: number): PhotoRef {
  const box = image.face.box;
  return {
    path: image.path,
    width,
    height,
    face: { x: round4(box.x / width), y: round4(box.y / height), width: round4(box.width / width), height: round4(box.height / height) },
    pose: image.face.pose,
    landmarks: photoLandmarks(image.face),
    ...(image.mask ? { mask: image.mask.path } : {}),
    ...(image.kind === "generated" ? { generated: true } : {}),
  };
}

export function photoLandmarks(face: PerformerFace): PhotoLandmarks {
  const l = face.landmarks;
  return {
    lipsOuter: l.lipsOuter,
    lipsInner: l.lipsInner,
    jaw: l.jaw,
    rightEye: l.rightEye,
    leftEye: l.leftEye,
    noseTip: l.noseTip,
    upperLipInner: l.upperLipInner,
    lowerLipInner: l.lowerLipInner,
  };
}
