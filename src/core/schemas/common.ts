import { Type, type Static } from "@sinclair/typebox";

export const FpsSchema = Type.Object(
  { num: Type.Integer({ minimum: 1 }), den: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false, description: "frame rate as a rational num/den" },
);

/** A curve sampled at a fixed rate: values[i] is at time i / rate seconds. */
export const CurveSchema = Type.Object(
  { rate: Type.Number({ exclusiveMinimum: 0, description: "samples per second [Hz]" }), values: Type.Array(Type.Number()) },
  { additionalProperties: false },
);
export type Curve = Static<typeof CurveSchema>;

export const SpanSchema = Type.Object(
  { start: Type.Number({ minimum: 0, description: "[s]" }), end: Type.Number({ minimum: 0, description: "[s]" }) },
  { additionalProperties: false },
);
export type Span = Static<typeof SpanSchema>;

export const AspectSchema = Type.Union([Type.Literal("16:9"), Type.Literal("9:16")]);
export type Aspect = Static<typeof AspectSchema>;
export const ResolutionSchema = Type.Union([Type.Literal("480p"), Type.Literal("720p")]);
export type Resolution = Static<typeof ResolutionSchema>;

/** A box as fractions of an image's width and height (0–1), so it survives rescaling. */
export const UnitBoxSchema = Type.Object(
  {
    x: Type.Number({ description: "left edge, 0–1 of the width" }),
    y: Type.Number({ description: "top edge, 0–1 of the height" }),
    width: Type.Number({ minimum: 0 }),
    height: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type UnitBox = Static<typeof UnitBoxSchema>;

const PointSchema = Type.Tuple([Type.Number(), Type.Number()], { description: "[x, y] in the photo's displayed pixels" });
const ContourSchema = (description: string) => Type.Array(PointSchema, { minItems: 2, description });

/**
 * The face landmarks lip sync moves (a subset of the Performer's, same conventions and pixels):
 * enough to rig the photo's own lips, jaw and eyelids.
 */
export const PhotoLandmarksSchema = Type.Object(
  {
    lipsOuter: ContourSchema("outer lip contour, 20 points from the performer's right corner over the upper lip and back along the lower lip"),
    lipsInner: ContourSchema("inner lip contour, 20 points, same order"),
    jaw: ContourSchema("lower face outline, right ear level → chin → left ear level"),
    rightEye: ContourSchema("performer's right eye opening, 16 points, outer corner along the upper lid first"),
    leftEye: ContourSchema("performer's left eye opening, 16 points, outer corner along the upper lid first"),
    noseTip: PointSchema,
    upperLipInner: PointSchema,
    lowerLipInner: PointSchema,
  },
  { additionalProperties: false },
);
export type PhotoLandmarks = Static<typeof PhotoLandmarksSchema>;

export const PhotoRefSchema = Type.Object(
  {
    path: Type.String({ description: "absolute path of the photo file" }),
    width: Type.Integer({ minimum: 1, description: "as displayed, after EXIF orientation [px]" }),
    height: Type.Integer({ minimum: 1 }),
    face: Type.Optional(UnitBoxSchema),
    /** [degrees] head pose from the face mesh; yaw > 0 = turned towards the viewer's right. */
    pose: Type.Optional(
      Type.Object(
        { yaw: Type.Number(), pitch: Type.Number(), roll: Type.Number() },
        { additionalProperties: false },
      ),
    ),
    mask: Type.Optional(Type.String({ description: "PNG whose alpha is the person, stretched over the photo" })),
    generated: Type.Optional(Type.Boolean({ description: "the drawn performer, not a user's photo" })),
    landmarks: Type.Optional(PhotoLandmarksSchema),
  },
  { additionalProperties: false },
);
export type PhotoRef = Static<typeof PhotoRefSchema>;

const HexColor = Type.String({ pattern: "^#[0-9a-fA-F]{6}$" });

/** The look chosen from the prompt; the renderer reads it through the Timeline. */
export const LookSchema = Type.Object(
  {
    name: Type.String(),
    background: Type.Array(HexColor, { minItems: 2, description: "backdrop gradient, top to bottom" }),
    accent: HexColor,
    tint: Type.Object(
      { color: HexColor, strength: Type.Number({ minimum: 0, maximum: 1 }) },
      { additionalProperties: false, description: "a soft-light colour wash over the frame" },
    ),
    saturation: Type.Number({ minimum: 0, maximum: 2, description: "1 = unchanged, 0 = black and white" }),
    contrast: Type.Number({ minimum: 0.5, maximum: 1.5 }),
    vignette: Type.Number({ minimum: 0, maximum: 1 }),
    grain: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type Look = Static<typeof LookSchema>;

export const CameraSchema = Type.Object(
  {
    move: Type.String({ description: "a registered camera move, e.g. push-in" }),
    intensity: Type.Number({ minimum: 0, maximum: 2, description: "1 = the move's normal amount" }),
    easing: Type.Union([
      Type.Literal("linear"),
      Type.Literal("ease-in"),
      Type.Literal("ease-out"),
      Type.Literal("ease-in-out"),
    ]),
  },
  { additionalProperties: false },
);
export type Camera = Static<typeof CameraSchema>;
