/** The Performer's landmarks that lip sync needs, copied into the Timeline's PhotoRef (same pixels). */
import type { PhotoLandmarks } from "../core/schemas/common.ts";
import type { PerformerFace } from "../core/schemas/performer.ts";

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
