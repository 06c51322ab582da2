/**
 * The drawn performer as files, so the rest of the pipeline treats it like a photo: the image and
 * its mask as PNGs in the work folder, and a Performer artifact with its exact landmarks.
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Canvas } from "@napi-rs/canvas";
import type { Look } from "../core/schemas/common.ts";
import type { Performer } from "../core/schemas/performer.ts";
import type { VoiceClass } from "../core/schemas/analysis.ts";
import { drawGeneratedPerformer, GENERATED_PERFORMER_SIZE } from "../vision/generated-performer/index.ts";

export interface GeneratedPerformerFiles {
  readonly performer: Performer;
  readonly image: Canvas;
}

export async function writeGeneratedPerformer(dir: string, voiceClass: VoiceClass, seed: number, look: Look): Promise<GeneratedPerformerFiles> {
  const { width, height } = GENERATED_PERFORMER_SIZE;
  const drawn = drawGeneratedPerformer({ voiceClass, seed, look, width, height });
  const imagePath = join(dir, "performer.png");
  const maskPath = join(dir, "performer-mask.png");
  const png = drawn.image.encodeSync("png");
  await writeFile(imagePath, png);
  await writeFile(maskPath, drawn.mask.encodeSync("png"));
  const performer: Performer = {
    artifact: "performer",
    version: 1,
    source: "generated",
    images: [
      {
        kind: "generated",
        path: imagePath,
        sha256: createHash("sha256").update(png).digest("hex"),
        width,
        height,
        orientation: "portrait",
        mask: { path: maskPath, width, height, coverage: maskCoverage(drawn.mask) },
        face: drawn.face,
        facesFound: 1,
      },
    ],
    primary: 0,
    identity: { samePerson: null, similarity: [[1]] },
    generated: { voiceClass, look: drawn.lookName, seed },
    warnings: [],
  };
  return { performer, image: drawn.image };
}

/** Share of the image the performer covers: alpha summed over a coarse grid (every 8th pixel). */
function maskCoverage(mask: Canvas): number {
  const data = mask.getContext("2d").getImageData(0, 0, mask.width, mask.height).data;
  let covered = 0;
  let samples = 0;
  for (let i = 3; i < data.length; i += 4 * 8) {
    covered += data[i] / 255;
    samples++;
  }
  return Math.round((covered / samples) * 1000) / 1000;
}
