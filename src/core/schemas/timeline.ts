import { Type, type Static } from "@sinclair/typebox";
import { CameraSchema, FpsSchema, LookSchema, PhotoRefSchema } from "./common.ts";

const Frame = Type.Integer({ minimum: 0, description: "frame index" });

/** Where a photo clip looks: a window on the photo, before the camera move. */
export const ViewSchema = Type.Object(
  {
    x: Type.Number({ description: "window centre, 0–1 of the photo width" }),
    y: Type.Number({ description: "window centre, 0–1 of the photo height" }),
    zoom: Type.Number({ minimum: 0.2, maximum: 8, description: "1 = the photo just covers the frame" }),
    dutch: Type.Optional(Type.Number({ minimum: -30, maximum: 30, description: "Dutch tilt [degrees], positive = clockwise" })),
    mirror: Type.Optional(Type.Boolean({ description: "flipped left to right: a second angle from one photo" })),
    keystone: Type.Optional(
      Type.Number({ minimum: -0.5, maximum: 0.5, description: "perspective: > 0 low angle (looking up), < 0 high angle" }),
    ),
  },
  { additionalProperties: false },
);
export type View = Static<typeof ViewSchema>;

export const ClipSourceSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal("photo"),
      photo: Type.Integer({ minimum: 0 }),
      view: ViewSchema,
      background: Type.Optional(
        Type.String({ description: "a registered environment drawn behind the cut-out performer; absent = the photo's own background" }),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("environment"),
      name: Type.String({ description: "a registered environment, shown without the performer" }),
      zoom: Type.Number({ minimum: 0.2, maximum: 8 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal("backdrop"), zoom: Type.Number({ minimum: 0.2, maximum: 8, description: "the framing's scale, 1 = wide" }) },
    { additionalProperties: false },
  ),
]);
export type ClipSource = Static<typeof ClipSourceSchema>;

export const ClipSchema = Type.Object(
  {
    start: Frame,
    end: Type.Integer({ minimum: 1, description: "first frame after the clip" }),
    source: ClipSourceSchema,
    camera: CameraSchema,
    lipSync: Type.Optional(Type.Boolean({ description: "the performer's mouth follows the vocals in this clip" })),
    transitionIn: Type.Object(
      {
        kind: Type.String(),
        frames: Type.Integer({ minimum: 0, description: "length, centred on the clip's start" }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type Clip = Static<typeof ClipSchema>;

/**
 * The singer's mouth per frame, from the audio (src/analysis/mouth). Photos with landmarks lip-sync
 * to it; without it they keep their own mouth, as in timelines written before lip sync existed.
 */
export const MouthTrackSchema = Type.Object(
  {
    open: Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { description: "jaw opening per frame, 0 = lips together, 1 = wide open" }),
    round: Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { description: "lip rounding per frame (O, U, W)" }),
    spread: Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { description: "lip spreading per frame (I, E, S)" }),
    visemes: Type.String({
      pattern: "^[XMFIAOC]*$",
      description: "one mouth shape per frame: X rest, M closed (M/B/P), F (F/V), I wide, A open, O round, C other",
    }),
  },
  { additionalProperties: false },
);
export type MouthTrackFrames = Static<typeof MouthTrackSchema>;

/** Timeline: the render contract, in integer frames. The renderer sees nothing else. */
export const TimelineSchema = Type.Object(
  {
    artifact: Type.Literal("timeline"),
    version: Type.Literal(1),
    seed: Type.Integer({ minimum: 0 }),
    fps: FpsSchema,
    width: Type.Integer({ minimum: 2, multipleOf: 2 }),
    height: Type.Integer({ minimum: 2, multipleOf: 2 }),
    frameCount: Type.Integer({ minimum: 1 }),
    audio: Type.Object(
      { path: Type.String(), duration: Type.Number({ exclusiveMinimum: 0, description: "[s]" }) },
      { additionalProperties: false },
    ),
    photos: Type.Array(PhotoRefSchema, { maxItems: 3 }),
    look: LookSchema,
    clips: Type.Array(ClipSchema, { minItems: 1 }),
    beats: Type.Array(Frame, { description: "frames on which a beat falls" }),
    downbeats: Type.Array(Frame),
    energy: Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { description: "loudness per frame, 0–1" }),
    mouth: Type.Optional(MouthTrackSchema),
  },
  { additionalProperties: false },
);
export type Timeline = Static<typeof TimelineSchema>;
