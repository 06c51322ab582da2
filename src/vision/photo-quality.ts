/**
 * Quality rules for reference photos: which face to use, and what to refuse or warn about. Pure
 * functions of the detector's output, so each rule is tested without a model.
 */
import { MvgenError } from "../core/errors.ts";
import type { Box, HeadPose, PerformerWarning } from "../core/schemas/performer.ts";

/** Declared thresholds: unit, default, and where the number comes from. */
export const QUALITY_PARAMETERS = {
  /**
   * Below this inter-pupil distance the photo is refused [px], default 20 (a face ≈ 50 px wide):
   * the mesh model reads the face at 192 px, so it is interpolating 4× and lips are a few pixels.
   */
  minInterPupilPx: 20,
  /**
   * Below this a "small face" warning [px], default 60 (a face ≈ 150 px wide): a 720p close-up
   * shows the face ≈ 400 px tall, so the photo is enlarged more than 2.5× and looks soft.
   */
  softInterPupilPx: 60,
  /**
   * Below this a "blurred" warning [grey levels², see sharpness.ts], default 2.0. Measured on the
   * corpus: sharp studio portraits 54–119, sharp phone selfies 2.7–9.5, the 360×288 GRID video
   * frame 1.9; the same studio portraits blurred with σ = 3 px at the 256 px measuring scale
   * 2.2–2.7, σ = 5 px 1.8–2.2. Only strong blur falls under 2; phone selfies sit close to it.
   */
  minSharpness: 2.0,
  /** |yaw| above this is refused [degrees], default 60: past it the far half of the mouth is hidden, so lip sync cannot work. */
  maxYaw: 60,
  /** |yaw| above this warns [degrees], default 30 (a three-quarter view). */
  softYaw: 30,
  /** |pitch| above this is refused [degrees], default 45. */
  maxPitch: 45,
  /** |pitch| above this warns [degrees], default 25. */
  softPitch: 25,
  /** |roll| above this is refused [degrees], default 60: most likely a photo stored sideways without an EXIF tag. */
  maxRoll: 60,
  /** |roll| above this warns [degrees], default 25. */
  softRoll: 25,
  /**
   * Descriptor cosine similarity below which two photos are reported as different people,
   * default 0.63. Corpus: same person 0.68–0.97 (lisa×4, zoom×2 — the same woman —, 025, 042),
   * different people 0.26–0.59: the threshold sits in that gap, which is narrow.
   */
  samePersonSimilarity: 0.63,
} as const;

export type QualityParameters = { [K in keyof typeof QUALITY_PARAMETERS]: number };

export interface FaceCandidate {
  box: Box;
  score: number;
}

/**
 * The face to use: the largest and most central. Weight = area × (1 − 0.5 × d), d = distance of
 * the face centre from the image centre, 0 at the centre and 1 at a corner, so a face at the edge
 * must be twice as large as a central one to win.
 */
export function chooseFace(faces: readonly FaceCandidate[], width: number, height: number): number {
  if (faces.length === 0) return -1;
  const halfDiagonal = Math.hypot(width, height) / 2;
  let best = 0;
  let bestWeight = -Infinity;
  faces.forEach((face, i) => {
    const cx = face.box.x + face.box.width / 2, cy = face.box.y + face.box.height / 2;
    const d = Math.min(1, Math.hypot(cx - width / 2, cy - height / 2) / halfDiagonal);
    const weight = face.box.width * face.box.height * (1 - 0.5 * d);
    if (weight > bestWeight) {
      bestWeight = weight;
      best = i;
    }
  });
  return best;
}

export interface FaceFacts {
  /** 1-based photo number for messages. */
  photoNumber: number;
  box: Box;
  width: number;
  height: number;
  interPupil: number;
  pose: HeadPose;
  sharpness: number;
  facesFound: number;
}

/**
 * Refuses a face no stage can use (throws), and lists the problems a user should hear about.
 */
export function checkFace(facts: FaceFacts, params: QualityParameters = QUALITY_PARAMETERS): PerformerWarning[] {
  const photo = facts.photoNumber - 1;
  const name = `photo ${facts.photoNumber}`;
  const warnings: PerformerWarning[] = [];
  const warn = (code: PerformerWarning["code"], message: string) => warnings.push({ code, photo, message });
  const { yaw, pitch, roll } = facts.pose;

  if (facts.interPupil < params.minInterPupilPx) {
    throw new MvgenError(
      "PHOTO_FACE_TOO_SMALL",
      `${name}: the face is too small (${Math.round(facts.interPupil)} px between the eyes, at least ${params.minInterPupilPx} needed): use a closer or larger portrait.`,
      { details: { photo, interPupil: facts.interPupil, minimum: params.minInterPupilPx } },
    );
  }
  if (Math.abs(yaw) > params.maxYaw || Math.abs(pitch) > params.maxPitch) {
    const what = Math.abs(yaw) > params.maxYaw ? `turned ${Math.round(Math.abs(yaw))}° to the side` : `tilted ${Math.round(Math.abs(pitch))}° ${pitch > 0 ? "down" : "up"}`;
    throw new MvgenError("PHOTO_FACE_TURNED", `${name}: the face is ${what}, so its mouth cannot be animated: use a photo facing the camera.`, {
      details: { photo, pose: facts.pose },
    });
  }
  if (Math.abs(roll) > params.maxRoll) {
    throw new MvgenError(
      "PHOTO_FACE_TURNED",
      `${name}: the face is rotated ${Math.round(roll)}° in the picture; the photo is probably stored sideways: rotate it upright and try again.`,
      { details: { photo, pose: facts.pose } },
    );
  }

  if (facts.facesFound > 1) {
    warn("several-faces", `${name} shows ${facts.facesFound} faces; the largest, most central one is used.`);
  }
  if (facts.interPupil < params.softInterPupilPx) {
    warn("small-face", `${name}: the face is small (${Math.round(facts.interPupil)} px between the eyes); close-ups will look soft. A photo with a larger face looks better.`);
  }
  if (facts.sharpness < params.minSharpness) {
    warn("blurred", `${name} looks blurred (sharpness ${facts.sharpness.toFixed(1)}, below ${params.minSharpness}); close-ups will look soft.`);
  }
  if (Math.abs(yaw) > params.softYaw || Math.abs(pitch) > params.softPitch) {
    warn("turned-head", `${name}: the head is turned (yaw ${yaw.toFixed(0)}°, pitch ${pitch.toFixed(0)}°); lip sync works best on a face looking at the camera.`);
  }
  if (Math.abs(roll) > params.softRoll) {
    warn("tilted-head", `${name}: the head is tilted ${roll.toFixed(0)}°; shots will keep the tilt.`);
  }
  const b = facts.box;
  // The mesh extrapolates past the frame edge; more than 5 % of the face width outside means part of the face is missing.
  const margin = 0.05 * b.width;
  if (b.x < -margin || b.y < -margin || b.x + b.width > facts.width + margin || b.y + b.height > facts.height + margin) {
    warn("face-cut-off", `${name}: the face is cut off by the edge of the photo; framing will avoid that edge.`);
  }
  return warnings;
}

/** Cosine similarity of two face descriptors, clamped to [0, 1] (unrelated faces score ≈ 0.3, never below 0 on the corpus). */
export function descriptorSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return 0;
  return Math.max(0, Math.min(1, dot / Math.sqrt(na * nb)));
}
