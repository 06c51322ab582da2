/**
 * The inspect stage for photos: encoded photos in, a Performer artifact out. Face analysis runs in
 * the detector's worker thread; this module applies the quality rules, picks the face, checks that
 * the photos show one person and writes the masks.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { MvgenError, throwIfAborted } from "../core/errors.ts";
import type { Performer, PerformerImage, PerformerWarning } from "../core/schemas/performer.ts";
import { createFaceDetector, type FaceDetector } from "./face-detector.ts";
import { distance, faceBoxFromMesh, headPoseFromHuman, landmarksFromMesh, MESH_POINTS } from "./face-landmarks.ts";
import { checkFace, chooseFace, descriptorSimilarity, QUALITY_PARAMETERS, type QualityParameters } from "./photo-quality.ts";

export const MAX_PHOTOS = 3;

export interface InspectPhotosOptions {
  /** Folder for the mask PNGs (created if missing). Without it no masks are computed: `mask: null`. */
  maskDir?: string;
  /** A detector to reuse (it stays open). Without one, a detector is created and closed here. */
  detector?: FaceDetector;
  /** Override quality thresholds (tests, the eval command). */
  quality?: Partial<QualityParameters>;
  signal?: AbortSignal;
  /** Called after each photo, for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

export interface PhotoInput {
  /** Where the photo lives; recorded in the artifact and used in nothing else. */
  path: string;
  bytes: Uint8Array;
}

/**
 * Inspects 1–3 photos of the performer. Throws MvgenError when a photo cannot be used (undecodable,
 * no face, face too small or turned away); everything else becomes a warning in the artifact.
 */
export async function inspectPhotos(photos: readonly PhotoInput[], options: InspectPhotosOptions = {}): Promise<Performer> {
  if (photos.length === 0) {
    throw new MvgenError("INVALID_OPTION", "inspectPhotos needs at least one photo; with none, use the generated performer.");
  }
  if (photos.length > MAX_PHOTOS) {
    throw new MvgenError("TOO_MANY_PHOTOS", `${photos.length} photos were given; at most ${MAX_PHOTOS} are used: pick the best ${MAX_PHOTOS}.`, {
      details: { count: photos.length, limit: MAX_PHOTOS },
    });
  }
  const params: QualityParameters = { ...QUALITY_PARAMETERS, ...options.quality };
  const detector = options.detector ?? (await createFaceDetector());
  try {
    if (options.maskDir) await mkdir(options.maskDir, { recursive: true });
    const images: PerformerImage[] = [];
    const descriptors: Float32Array[] = [];
    const warnings: PerformerWarning[] = [];
    for (const [index, photo] of photos.entries()) {
      throwIfAborted(options.signal);
      const number = index + 1;
      const label = `photo ${number}`;
      const result = await detector.analyze(photo.bytes, { label, mask: options.maskDir !== undefined, signal: options.signal });
      if (result.faces.length === 0) {
        throw new MvgenError("PHOTO_NO_FACE", `${label} has no detectable face: use a clear, front-facing portrait.`, {
          details: { photo: index, path: photo.path },
        });
      }
      const boxes = result.faces.map((f) => ({ box: faceBoxFromMesh(f.mesh), score: f.score }));
      const chosen = chooseFace(boxes, result.width, result.height);
      const face = result.faces[chosen];
      const landmarks = landmarksFromMesh(face.mesh);
      const pose = headPoseFromHuman(face);
      const interPupil = distance(landmarks.leftPupil, landmarks.rightPupil);
      warnings.push(
        ...checkFace(
          { photoNumber: number, box: boxes[chosen].box, width: result.width, height: result.height, interPupil, pose, sharpness: face.sharpness, facesFound: result.faces.length },
          params,
        ),
      );

      let mask: PerformerImage["mask"] = null;
      if (options.maskDir && result.mask) {
        const maskPath = path.resolve(options.maskDir, `photo-${number}-mask.png`);
        await writeFile(maskPath, result.mask.png);
        mask = { path: maskPath, width: result.mask.width, height: result.mask.height, coverage: Math.round(result.mask.coverage * 1000) / 1000 };
      }
      descriptors.push(face.descriptor);
      images.push({
        kind: "photo",
        path: photo.path,
        sha256: createHash("sha256").update(photo.bytes).digest("hex"),
        width: result.width,
        height: result.height,
        orientation: result.height > result.width ? "portrait" : result.width > result.height ? "landscape" : "square",
        mask,
        face: {
          box: boxes[chosen].box,
          score: Math.round(face.score * 1000) / 1000,
          pose,
          interPupil: Math.round(interPupil * 10) / 10,
          sharpness: Math.round(face.sharpness * 100) / 100,
          landmarks,
          mesh: Array.from(face.mesh.subarray(0, MESH_POINTS * 3), (v) => Math.round(v * 10) / 10),
        },
        facesFound: result.faces.length,
      });
      options.onProgress?.(number, photos.length);
    }

    const similarity = descriptors.map((a) => descriptors.map((b) => Math.round(descriptorSimilarity(a, b) * 1000) / 1000));
    let samePerson: boolean | null = null;
    if (images.length > 1) {
      samePerson = true;
      for (let i = 0; i < images.length; i++) {
        for (let j = i + 1; j < images.length; j++) {
          if (similarity[i][j] < params.samePersonSimilarity) {
            samePerson = false;
            warnings.push({
              code: "different-people",
              photo: null,
              message: `photos ${i + 1} and ${j + 1} seem to show different people (similarity ${similarity[i][j].toFixed(2)}, below ${params.samePersonSimilarity}); the video will cut between them as one performer.`,
            });
          }
        }
      }
    }

    return {
      artifact: "performer",
      version: 1,
      source: "photos",
      images,
      primary: choosePrimary(images),
      identity: { samePerson, similarity },
      generated: null,
      warnings,
    };
  } finally {
    if (!options.detector) await detector.close();
  }
}

/**
 * The image for close-ups and lip sync: the largest face (up to 150 px between the pupils, where a
 * 720p close-up stops gaining detail), facing the camera, in focus. First image wins ties.
 */
export function choosePrimary(images: readonly Pick<PerformerImage, "face">[]): number {
  let best = 0;
  let bestScore = -Infinity;
  images.forEach((image, i) => {
    const { interPupil, pose, sharpness } = image.face;
    const rad = Math.PI / 180;
    const score =
      Math.min(interPupil, 150) / 150 *
      Math.cos(pose.yaw * rad) * Math.cos(pose.pitch * rad) *
      (sharpness !== null && sharpness < QUALITY_PARAMETERS.minSharpness ? 0.5 : 1);
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}
