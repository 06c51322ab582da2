/** The drawn performer: deterministic pixels, and landmarks that lie on the drawing. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Value } from "@sinclair/typebox/value";
import type { Look } from "../../src/core/schemas/common.ts";
import { PerformerFaceSchema, type FaceLandmarks, type Point } from "../../src/core/schemas/performer.ts";
import { drawGeneratedPerformer, chooseLookPreset, LOOK_PRESETS, type GeneratedVoiceClass } from "../../src/vision/generated-performer/index.ts";

const LOOK: Look = {
  name: "test",
  background: ["#2a0845", "#0b0221"],
  accent: "#ff2bd6",
  tint: { color: "#7b2ff7", strength: 0.2 },
  saturation: 1,
  contrast: 1,
  vignette: 0.5,
  grain: 0,
};
const CLASSES: GeneratedVoiceClass[] = ["male", "female", "none"];
// Small canvases keep the suite fast; the drawing is resolution-independent.
const W = 300;
const H = 400;

function sha(canvas: { toBuffer(mime: "image/png"): Buffer }): string {
  return createHash("sha256").update(canvas.toBuffer("image/png")).digest("hex");
}

/** The first seed ≥ 0 that picks each preset of the class. */
function seedsPerPreset(voiceClass: GeneratedVoiceClass): number[] {
  const names = LOOK_PRESETS[voiceClass].map((p) => p.name);
  const seeds = new Map<string, number>();
  for (let seed = 0; seeds.size < names.length && seed < 1000; seed++) {
    const name = chooseLookPreset(voiceClass, seed).name;
    if (!seeds.has(name)) seeds.set(name, seed);
  }
  return names.map((n) => seeds.get(n) ?? -1);
}

function allPoints(l: FaceLandmarks): Array<[string, Point]> {
  const out: Array<[string, Point]> = [];
  for (const [key, value] of Object.entries(l)) {
    if (typeof value[0] === "number") out.push([key, value as Point]);
    else (value as Point[]).forEach((p, i) => out.push([`${key}[${i}]`, p]));
  }
  return out;
}

test("at least three looks per voice class, each reachable by some seed", () => {
  for (const cls of CLASSES) {
    assert.ok(LOOK_PRESETS[cls].length >= 3, `${cls} has ${LOOK_PRESETS[cls].length} looks`);
    assert.ok(seedsPerPreset(cls).every((s) => s >= 0), `${cls}: some look is never chosen`);
  }
});

test("same spec → identical image and mask bytes; another seed → other pixels", () => {
  const spec = { voiceClass: "female" as const, seed: 7, look: LOOK, width: W, height: H };
  const a = drawGeneratedPerformer(spec);
  const b = drawGeneratedPerformer(spec);
  assert.equal(sha(a.image), sha(b.image));
  assert.equal(sha(a.mask), sha(b.mask));
  assert.deepEqual(a.face, b.face);
  // A neighbouring seed that picks the same look still varies skin, hair and strands.
  const sameLook = [...Array(200).keys()].find((s) => s !== 7 && chooseLookPreset("female", s).name === a.lookName) ?? -1;
  const c = drawGeneratedPerformer({ ...spec, seed: sameLook });
  assert.equal(c.lookName, a.lookName);
  assert.notEqual(sha(c.image), sha(a.image));
  const other = seedsPerPreset("female").find((s) => chooseLookPreset("female", s).name !== a.lookName) ?? -1;
  assert.notEqual(sha(drawGeneratedPerformer({ ...spec, seed: other }).image), sha(a.image));
});

test("every look: landmarks inside the mask and the face box, face in the upper half, features in order", () => {
  for (const cls of CLASSES) {
    for (const seed of seedsPerPreset(cls)) {
      const r = drawGeneratedPerformer({ voiceClass: cls, seed, look: LOOK, width: W, height: H });
      const label = `${cls}/${r.lookName}`;
      assert.ok(Value.Check(PerformerFaceSchema, r.face), `${label}: face matches the Performer schema`);
      assert.deepEqual(r.pose, { yaw: 0, pitch: 0, roll: 0 });
      assert.equal(r.image.width, W);
      assert.equal(r.mask.height, H);

      const alpha = r.mask.getContext("2d").getImageData(0, 0, W, H).data;
      const image = r.image.getContext("2d").getImageData(0, 0, W, H).data;
      const at = (data: Uint8ClampedArray, [x, y]: Point): number => data[(Math.min(H - 1, Math.floor(y)) * W + Math.min(W - 1, Math.floor(x))) * 4 + 3];
      const { box, landmarks: l } = r.face;
      for (const [name, p] of allPoints(l)) {
        assert.ok(at(alpha, p) > 0, `${label}: ${name} ${p} is outside the mask`);
        assert.equal(at(alpha, p), at(image, p), `${label}: mask alpha equals image alpha at ${name}`);
        const e = 1e-6;
        assert.ok(p[0] >= box.x - e && p[0] <= box.x + box.width + e && p[1] >= box.y - e && p[1] <= box.y + box.height + e, `${label}: ${name} ${p} is outside the face box`);
      }
      // The background is transparent: the corners are empty.
      assert.equal(at(alpha, [1, 1]), 0);
      assert.equal(at(alpha, [W - 2, 1]), 0);

      assert.ok(box.y + box.height < H / 2, `${label}: face box ends at ${box.y + box.height}, below the upper half`);
      assert.ok(Math.abs(box.x + box.width / 2 - W / 2) < 1, `${label}: face is centred`);
      const pupilsY = Math.max(l.rightPupil[1], l.leftPupil[1]);
      assert.ok(l.mouthRight[1] > pupilsY && l.mouthLeft[1] > pupilsY, `${label}: mouth corners below the pupils`);
      assert.ok(l.rightPupil[0] < l.leftPupil[0], `${label}: the performer's right pupil is on the viewer's left`);
      assert.ok(l.mouthRight[0] < l.mouthLeft[0], `${label}: mouth corners left to right`);
      assert.ok(l.noseTip[1] > pupilsY && l.noseTip[1] < l.upperLipTop[1], `${label}: nose between eyes and lips`);
      assert.ok(l.upperLipTop[1] < l.upperLipInner[1] && l.lowerLipInner[1] < l.lowerLipBottom[1] && l.lowerLipBottom[1] < l.chin[1], `${label}: lips stacked top to bottom above the chin`);
      // Closed, neutral mouth: inner lip centres coincide; corners level.
      assert.ok(Math.abs(l.upperLipInner[1] - l.lowerLipInner[1]) < 0.5, `${label}: mouth is closed`);
      assert.ok(Math.abs(l.mouthRight[1] - l.mouthLeft[1]) < 0.5, `${label}: mouth corners level`);
      assert.ok(Math.abs(r.face.interPupil - (l.leftPupil[0] - l.rightPupil[0])) < 0.01);
      // Jaw: from the performer's right (viewer's left) through the chin to the left.
      assert.ok(l.jaw[0][0] < l.chin[0] && l.jaw[l.jaw.length - 1][0] > l.chin[0], `${label}: jaw order`);
      assert.ok(l.jaw.some((p) => Math.abs(p[0] - l.chin[0]) < 1e-6 && Math.abs(p[1] - l.chin[1]) < 1e-6), `${label}: jaw passes through the chin`);
      // The face oval runs clockwise on screen (positive shoelace area with y down).
      let area = 0;
      l.faceOval.forEach((p, i) => {
        const q = l.faceOval[(i + 1) % l.faceOval.length];
        area += p[0] * q[1] - q[0] * p[1];
      });
      assert.ok(area > 0, `${label}: face oval is clockwise`);
      // The mouth is drawn: the lips are darker or redder than the skin beside the nose.
      const px = (p: Point): number[] => [0, 1, 2].map((k) => image[(Math.floor(p[1]) * W + Math.floor(p[0])) * 4 + k]);
      const lip = px([l.lowerLipInner[0], (l.lowerLipInner[1] + l.lowerLipBottom[1]) / 2]);
      const cheek = px([l.noseTip[0] - r.face.interPupil * 0.55, l.noseTip[1]]);
      assert.notDeepEqual(lip, cheek, `${label}: lips differ from skin`);
    }
  }
});

test("the figure is fitted and centred on canvases of another shape, landmarks scaled with it", () => {
  const base = drawGeneratedPerformer({ voiceClass: "male", seed: 3, look: LOOK, width: 300, height: 400 });
  const wide = drawGeneratedPerformer({ voiceClass: "male", seed: 3, look: LOOK, width: 600, height: 400 });
  assert.ok(Math.abs(wide.face.landmarks.noseTip[0] - (base.face.landmarks.noseTip[0] + 150)) < 1e-6);
  assert.ok(Math.abs(wide.face.landmarks.noseTip[1] - base.face.landmarks.noseTip[1]) < 1e-6);
  const double = drawGeneratedPerformer({ voiceClass: "male", seed: 3, look: LOOK, width: 600, height: 800 });
  assert.ok(Math.abs(double.face.interPupil - 2 * base.face.interPupil) < 0.01);
});

test("bad sizes and seeds are refused with a message that names the value", () => {
  assert.throws(() => drawGeneratedPerformer({ voiceClass: "none", seed: 1, look: LOOK, width: 0, height: 400 }), /width 0/);
  assert.throws(() => drawGeneratedPerformer({ voiceClass: "none", seed: 1.5, look: LOOK, width: 300, height: 400 }), /seed 1.5/);
});
