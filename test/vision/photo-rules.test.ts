/** The pure parts of the vision stage: exact answers, no model. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { chooseAspect } from "../../src/vision/choose-aspect.ts";
import { laplacianVariance } from "../../src/vision/sharpness.ts";
import { faceBoxFromMesh, headPoseFromHuman, landmarksFromMesh } from "../../src/vision/face-landmarks.ts";
import { checkFace, chooseFace, descriptorSimilarity, QUALITY_PARAMETERS, type FaceFacts } from "../../src/vision/photo-quality.ts";
import { choosePrimary } from "../../src/vision/inspect-photos.ts";
import { MvgenError } from "../../src/core/errors.ts";
import { indexMesh, twoColourJpeg, withExifOrientation } from "./fixtures.ts";

test("aspect from photo orientation: portrait → 9:16, landscape or square → 16:9, none → 16:9", () => {
  assert.equal(chooseAspect([]), "16:9");
  assert.equal(chooseAspect([{ width: 600, height: 800 }]), "9:16");
  assert.equal(chooseAspect([{ width: 1920, height: 1080 }]), "16:9");
  assert.equal(chooseAspect([{ width: 1350, height: 1350 }]), "16:9");
  // Majority decides; a tie goes to 16:9.
  assert.equal(chooseAspect([{ width: 600, height: 800 }, { width: 600, height: 800 }, { width: 800, height: 600 }]), "9:16");
  assert.equal(chooseAspect([{ width: 600, height: 800 }, { width: 800, height: 600 }]), "16:9");
});

test("EXIF orientation is applied by the decoder: orientation 6 turns a 40×20 image into 20×40, rotated clockwise", async () => {
  const image = await loadImage(withExifOrientation(twoColourJpeg(), 6));
  assert.deepEqual([image.width, image.height], [20, 40]);
  const canvas = createCanvas(20, 40);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const top = ctx.getImageData(10, 5, 1, 1).data;
  const bottom = ctx.getImageData(10, 35, 1, 1).data;
  // 90° clockwise: the left (red) half goes to the top, the right (blue) half to the bottom.
  assert.ok(top[0] > 200 && top[2] < 60, `top pixel ${[...top]}`);
  assert.ok(bottom[2] > 200 && bottom[0] < 60, `bottom pixel ${[...bottom]}`);
  const upright = await loadImage(withExifOrientation(twoColourJpeg(), 1));
  assert.deepEqual([upright.width, upright.height], [40, 20]);
});

test("Laplacian variance: 0 on a flat image, (4·255)² on a one-pixel checkerboard", () => {
  const flat = new Uint8ClampedArray(6 * 6 * 4).fill(128);
  assert.equal(laplacianVariance(flat, 6, 6), 0);
  const checker = new Uint8ClampedArray(6 * 6 * 4);
  for (let y = 0; y < 6; y++) {
    for (let x = 0; x < 6; x++) {
      const v = (x + y) % 2 === 0 ? 255 : 0;
      checker.set([v, v, v, 255], (y * 6 + x) * 4);
    }
  }
  // Every interior pixel differs from its 4 neighbours by ±255, so the Laplacian is ±1020 with mean 0.
  assert.ok(Math.abs(laplacianVariance(checker, 6, 6) - 1020 ** 2) < 1, String(laplacianVariance(checker, 6, 6)));
});

test("landmarks pick the documented mesh indices", () => {
  const l = landmarksFromMesh(indexMesh());
  assert.deepEqual(l.mouthRight, [61, 122]);
  assert.deepEqual(l.mouthLeft, [291, 582]);
  assert.deepEqual(l.upperLipInner, [13, 26]);
  assert.deepEqual(l.lowerLipInner, [14, 28]);
  assert.deepEqual(l.rightPupil, [473, 946]);
  assert.deepEqual(l.leftPupil, [468, 936]);
  assert.equal(l.lipsOuter.length, 20);
  assert.equal(l.lipsInner.length, 20);
  assert.equal(l.faceOval.length, 36);
  assert.deepEqual(l.jaw[10], [152, 304]);
  // The box covers the 468 face points only: x 0–467, y 0–934.
  assert.deepEqual(faceBoxFromMesh(indexMesh()), { x: 0, y: 0, width: 467, height: 934 });
});

test("head pose: radians to degrees, yaw negated to 'positive = towards the viewer's right'", () => {
  assert.deepEqual(headPoseFromHuman({ yaw: Math.PI / 6, pitch: -Math.PI / 12, roll: Math.PI / 4 }), { yaw: -30, pitch: -15, roll: 45 });
  assert.deepEqual(headPoseFromHuman({ yaw: 0, pitch: 0, roll: 0 }), { yaw: 0, pitch: 0, roll: 0 });
});

test("the largest, most central face wins; an edge face must be much larger", () => {
  const box = (x: number, y: number, size: number) => ({ box: { x, y, width: size, height: size }, score: 1 });
  // 1000×1000 image: a 200 px face in the centre against a 220 px face in the corner.
  assert.equal(chooseFace([box(0, 0, 220), box(400, 400, 200)], 1000, 1000), 1);
  assert.equal(chooseFace([box(0, 0, 400), box(400, 400, 200)], 1000, 1000), 0);
  assert.equal(chooseFace([], 1000, 1000), -1);
});

const facts = (over: Partial<FaceFacts> = {}): FaceFacts => ({
  photoNumber: 2,
  box: { x: 300, y: 300, width: 400, height: 480 },
  width: 1000,
  height: 1200,
  interPupil: 150,
  pose: { yaw: 0, pitch: 0, roll: 0 },
  sharpness: 50,
  facesFound: 1,
  ...over,
});

test("a good face passes with no warnings", () => {
  assert.deepEqual(checkFace(facts()), []);
});

test("unusable faces are refused with a message naming the photo and the fix", () => {
  const refuses = (f: FaceFacts, pattern: RegExp) =>
    assert.throws(() => checkFace(f), (e: unknown) => e instanceof MvgenError && e.kind === "input" && pattern.test(e.message));
  refuses(facts({ interPupil: 12 }), /^photo 2: the face is too small \(12 px between the eyes.*use a closer or larger portrait/);
  refuses(facts({ pose: { yaw: -75, pitch: 0, roll: 0 } }), /^photo 2: the face is turned 75° to the side.*facing the camera/);
  refuses(facts({ pose: { yaw: 0, pitch: 50, roll: 0 } }), /tilted 50° down/);
  refuses(facts({ pose: { yaw: 0, pitch: 0, roll: 90 } }), /stored sideways: rotate it upright/);
});

test("problems that still render become warnings", () => {
  const codes = (f: FaceFacts) => checkFace(f).map((w) => w.code);
  assert.deepEqual(codes(facts({ facesFound: 3 })), ["several-faces"]);
  assert.deepEqual(codes(facts({ interPupil: 40 })), ["small-face"]);
  assert.deepEqual(codes(facts({ sharpness: QUALITY_PARAMETERS.minSharpness / 2 })), ["blurred"]);
  assert.deepEqual(codes(facts({ pose: { yaw: 40, pitch: 0, roll: 0 } })), ["turned-head"]);
  assert.deepEqual(codes(facts({ pose: { yaw: 0, pitch: 0, roll: -30 } })), ["tilted-head"]);
  assert.deepEqual(codes(facts({ box: { x: -100, y: 300, width: 400, height: 480 } })), ["face-cut-off"]);
  assert.equal(checkFace(facts({ facesFound: 2 }))[0].photo, 1, "photo index is 0-based in the artifact");
});

test("descriptor similarity is the clamped cosine", () => {
  assert.equal(descriptorSimilarity([1, 0], [1, 0]), 1);
  assert.equal(descriptorSimilarity([1, 0], [0, 1]), 0);
  assert.equal(descriptorSimilarity([1, 0], [-1, 0]), 0);
  assert.ok(Math.abs(descriptorSimilarity([1, 1], [1, 0]) - Math.SQRT1_2) < 1e-12);
  assert.equal(descriptorSimilarity([], []), 0);
});

test("the primary image is the larger, frontal, sharp face", () => {
  const image = (interPupil: number, yaw: number, sharpness: number) => ({
    face: { interPupil, pose: { yaw, pitch: 0, roll: 0 }, sharpness } as never,
  });
  assert.equal(choosePrimary([image(80, 0, 50), image(140, 0, 50)]), 1);
  assert.equal(choosePrimary([image(140, 50, 50), image(120, 0, 50)]), 1);
  assert.equal(choosePrimary([image(150, 0, 1), image(100, 0, 50)]), 1);
  // Past 150 px more size gains nothing: the first image keeps a tie.
  assert.equal(choosePrimary([image(200, 0, 50), image(400, 0, 50)]), 0);
});

test("a Performer with a photo image validates against the schema; a wrong version does not", async () => {
  const { TypeCompiler } = await import("@sinclair/typebox/compiler");
  const { PerformerSchema } = await import("../../src/core/schemas/performer.ts");
  const check = TypeCompiler.Compile(PerformerSchema);
  const mesh = Array.from(indexMesh());
  const performer = {
    artifact: "performer",
    version: 1,
    source: "photos",
    images: [
      {
        kind: "photo",
        path: "/photos/a.jpg",
        sha256: "a".repeat(64),
        width: 1000,
        height: 1200,
        orientation: "portrait",
        mask: { path: "/out/photo-1-mask.png", width: 427, height: 512, coverage: 0.4 },
        face: {
          box: faceBoxFromMesh(mesh),
          score: 0.99,
          pose: { yaw: 1, pitch: 2, roll: 3 },
          interPupil: 150,
          sharpness: 40,
          landmarks: landmarksFromMesh(mesh),
          mesh,
        },
        facesFound: 1,
      },
    ],
    primary: 0,
    identity: { samePerson: null, similarity: [[1]] },
    generated: null,
    warnings: [],
  };
  assert.ok(check.Check(performer), JSON.stringify([...check.Errors(performer)].slice(0, 2)));
  assert.equal(check.Check({ ...performer, version: 2 }), false);
});
