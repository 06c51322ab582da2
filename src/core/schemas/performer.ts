import { Type, type Static } from "@sinclair/typebox";
import { VOICE_CLASSES } from "./analysis.ts";

/**
 * Performer: what the vision stage found in the reference photos (or drew, when there are none).
 *
 * Coordinates are pixels of the image as displayed, i.e. after its EXIF orientation is applied
 * (`@napi-rs/canvas` `loadImage` applies it, so the renderer must decode photos the same way).
 * x grows to the right, y downwards, origin at the top-left corner of the top-left pixel.
 *
 * "left" and "right" are the performer's own, as in anatomy and MediaPipe: the performer's right
 * eye is on the viewer's left in a frontal photo.
 */

const Point = Type.Tuple([Type.Number(), Type.Number()], { description: "[x, y] in pixels" });
export type Point = Static<typeof Point>;

const Polyline = (description: string) => Type.Array(Point, { minItems: 2, description });

export const BoxSchema = Type.Object(
  {
    x: Type.Number({ description: "left edge [px]" }),
    y: Type.Number({ description: "top edge [px]" }),
    width: Type.Number({ minimum: 0, description: "[px]" }),
    height: Type.Number({ minimum: 0, description: "[px]" }),
  },
  { additionalProperties: false },
);
export type Box = Static<typeof BoxSchema>;

/**
 * The named landmarks that lip sync, framing and lighting use. Each list is in drawing order;
 * closed contours (lips, eyes, face oval) do not repeat their first point.
 */
export const FaceLandmarksSchema = Type.Object(
  {
    lipsOuter: Polyline("outer lip contour, closed: from the performer's right mouth corner over the upper lip and back along the lower lip"),
    lipsInner: Polyline("inner lip contour (the mouth opening), closed, same order as lipsOuter"),
    jaw: Polyline("lower face outline from the performer's right ear level through the chin to the left ear level"),
    faceOval: Polyline("whole face outline, closed, clockwise on screen from the top of the forehead"),
    rightEye: Polyline("performer's right eye opening (viewer's left), closed"),
    leftEye: Polyline("performer's left eye opening (viewer's right), closed"),
    rightBrow: Polyline("performer's right eyebrow, upper edge, outer to inner"),
    leftBrow: Polyline("performer's left eyebrow, upper edge, inner to outer"),
    rightPupil: Point,
    leftPupil: Point,
    noseTip: Point,
    chin: Point,
    mouthRight: Point,
    mouthLeft: Point,
    upperLipTop: Type.Tuple([Type.Number(), Type.Number()], { description: "centre of the upper lip's outer edge" }),
    lowerLipBottom: Type.Tuple([Type.Number(), Type.Number()], { description: "centre of the lower lip's outer edge" }),
    upperLipInner: Type.Tuple([Type.Number(), Type.Number()], { description: "centre of the upper lip's inner edge" }),
    lowerLipInner: Type.Tuple([Type.Number(), Type.Number()], { description: "centre of the lower lip's inner edge" }),
  },
  { additionalProperties: false },
);
export type FaceLandmarks = Static<typeof FaceLandmarksSchema>;

export const HeadPoseSchema = Type.Object(
  {
    yaw: Type.Number({ minimum: -180, maximum: 180, description: "turn about the vertical axis [degrees]; positive = the face turns towards the viewer's right (the performer's left)" }),
    pitch: Type.Number({ minimum: -180, maximum: 180, description: "nod [degrees]; positive = chin down" }),
    roll: Type.Number({ minimum: -180, maximum: 180, description: "tilt in the image plane [degrees]; positive = clockwise on screen, as canvas rotate(+θ)" }),
  },
  { additionalProperties: false },
);
export type HeadPose = Static<typeof HeadPoseSchema>;

export const PerformerFaceSchema = Type.Object(
  {
    /** Tight box around the face oval (forehead to chin, ear to ear). */
    box: BoxSchema,
    score: Type.Number({ minimum: 0, maximum: 1, description: "detector confidence" }),
    pose: HeadPoseSchema,
    interPupil: Type.Number({ minimum: 0, description: "distance between the pupils [px]: the face's scale" }),
    sharpness: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
      description: "variance of the Laplacian of the face, resampled to 256 px wide [grey levels²]; null for a drawn performer",
    }),
    landmarks: FaceLandmarksSchema,
    mesh: Type.Union([Type.Array(Type.Number()), Type.Null()], {
      description:
        "the 478-point MediaPipe face mesh (468 + 2×5 iris) flattened as x0, y0, z0, x1, … [px]; z is relative depth at the same scale, smaller = nearer. null for a drawn performer",
    }),
  },
  { additionalProperties: false },
);
export type PerformerFace = Static<typeof PerformerFaceSchema>;

export const PerformerImageSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal("photo"), Type.Literal("generated")]),
    path: Type.String({ description: "the image file: the user's photo, or the drawn performer's PNG" }),
    sha256: Type.String({ pattern: "^[0-9a-f]{64}$", description: "of the image file's bytes" }),
    width: Type.Integer({ minimum: 1, description: "as displayed, after EXIF orientation [px]" }),
    height: Type.Integer({ minimum: 1, description: "as displayed, after EXIF orientation [px]" }),
    orientation: Type.Union([Type.Literal("portrait"), Type.Literal("landscape"), Type.Literal("square")]),
    mask: Type.Union(
      [
        Type.Object(
          {
            path: Type.String({ description: "PNG whose alpha channel is the person (255) versus background (0)" }),
            width: Type.Integer({ minimum: 1 }),
            height: Type.Integer({ minimum: 1 }),
            coverage: Type.Number({ minimum: 0, maximum: 1, description: "fraction of the image that is person" }),
          },
          { additionalProperties: false, description: "covers the whole image; scale it to width × height" },
        ),
        Type.Null(),
      ],
      { description: "null when masks were not requested" },
    ),
    face: PerformerFaceSchema,
    facesFound: Type.Integer({ minimum: 1, description: "faces detected in the image; the largest, most central one is used" }),
  },
  { additionalProperties: false },
);
export type PerformerImage = Static<typeof PerformerImageSchema>;

export const PerformerWarningSchema = Type.Object(
  {
    code: Type.Union([
      Type.Literal("several-faces"),
      Type.Literal("small-face"),
      Type.Literal("blurred"),
      Type.Literal("turned-head"),
      Type.Literal("tilted-head"),
      Type.Literal("face-cut-off"),
      Type.Literal("different-people"),
    ]),
    photo: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: "index into images, or null for all" }),
    message: Type.String(),
  },
  { additionalProperties: false },
);
export type PerformerWarning = Static<typeof PerformerWarningSchema>;

/** Performer: the person the video shows. Artifact written as performer.json. */
export const PerformerSchema = Type.Object(
  {
    artifact: Type.Literal("performer"),
    version: Type.Literal(1),
    source: Type.Union([Type.Literal("photos"), Type.Literal("generated")]),
    images: Type.Array(PerformerImageSchema, { minItems: 1, maxItems: 3 }),
    primary: Type.Integer({ minimum: 0, description: "index of the image best suited to close-ups and lip sync" }),
    identity: Type.Object(
      {
        samePerson: Type.Union([Type.Boolean(), Type.Null()], { description: "null with fewer than two photos, or for a drawn performer" }),
        similarity: Type.Array(Type.Array(Type.Number({ minimum: 0, maximum: 1 })), {
          description: "face-descriptor similarity for each pair of images, 1 on the diagonal",
        }),
      },
      { additionalProperties: false },
    ),
    generated: Type.Union([
      Type.Object(
        {
          voiceClass: Type.Union(VOICE_CLASSES.map((c) => Type.Literal(c))),
          look: Type.String({ description: "name of the drawn look" }),
          seed: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    warnings: Type.Array(PerformerWarningSchema),
  },
  { additionalProperties: false },
);
export type Performer = Static<typeof PerformerSchema>;
