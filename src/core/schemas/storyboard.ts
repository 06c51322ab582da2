import { Type, type Static } from "@sinclair/typebox";
import { AspectSchema, CameraSchema, FpsSchema, LookSchema, PhotoRefSchema, ResolutionSchema } from "./common.ts";
import { SectionSchema } from "./analysis.ts";

export const FRAMINGS = ["extreme-close-up", "close-up", "medium", "medium-wide", "wide"] as const;
export type Framing = (typeof FRAMINGS)[number];

export const TransitionRefSchema = Type.Object(
  {
    kind: Type.String({ description: "a registered transition, e.g. crossfade" }),
    duration: Type.Number({ minimum: 0, description: "[s]; 0 for a cut" }),
  },
  { additionalProperties: false },
);
export type TransitionRef = Static<typeof TransitionRefSchema>;

export const ShotSchema = Type.Object(
  {
    start: Type.Number({ minimum: 0, description: "[s], on a beat" }),
    end: Type.Number({ minimum: 0, description: "[s]" }),
    photo: Type.Union([Type.Integer({ minimum: 0 }), Type.Literal("generated"), Type.Literal("none")], {
      description: "which photo shows the performer; generated = the drawn performer; none = a shot without the performer",
    }),
    content: Type.Union([Type.Literal("performer"), Type.Literal("environment"), Type.Literal("abstract")], {
      description: "performer: the singer; environment: the setting alone; abstract: audio-reactive visuals",
    }),
    framing: Type.Union(FRAMINGS.map((f) => Type.Literal(f))),
    angle: Type.Object(
      {
        dutch: Type.Number({ minimum: -30, maximum: 30, description: "[degrees]" }),
        mirror: Type.Boolean(),
        height: Type.Union([Type.Literal("eye"), Type.Literal("low"), Type.Literal("high")]),
      },
      { additionalProperties: false },
    ),
    background: Type.String({ description: "the environment behind the performer, or photo for the photo's own background" }),
    camera: CameraSchema,
    transitionIn: TransitionRefSchema,
    lipSync: Type.Boolean(),
    why: Type.String({ description: "why the planner chose this shot, for a person reviewing the plan" }),
  },
  { additionalProperties: false },
);
export type Shot = Static<typeof ShotSchema>;

export const StyleSchema = Type.Object(
  {
    prompt: Type.String({ maxLength: 2500 }),
    look: LookSchema,
    environment: Type.String({ description: "the registered environment the prompt's setting chose" }),
    timeOfDay: Type.Union([Type.Literal("day"), Type.Literal("golden-hour"), Type.Literal("night"), Type.Literal("any")]),
    mood: Type.Union([Type.Literal("calm"), Type.Literal("neutral"), Type.Literal("energetic")]),
    energy: Type.Number({ minimum: 0, maximum: 2, description: "how hard the edit hits: 1 = as the music says" }),
    matched: Type.Array(
      Type.Object({ word: Type.String(), chose: Type.String() }, { additionalProperties: false }),
      { description: "which prompt words chose what" },
    ),
  },
  { additionalProperties: false },
);
export type Style = Static<typeof StyleSchema>;

/** Storyboard: the director's plan in seconds, editable by a person before compiling to frames. */
export const StoryboardSchema = Type.Object(
  {
    artifact: Type.Literal("storyboard"),
    version: Type.Literal(1),
    seed: Type.Integer({ minimum: 0 }),
    audio: Type.Object(
      { path: Type.String(), duration: Type.Number({ exclusiveMinimum: 0, description: "[s]" }) },
      { additionalProperties: false },
    ),
    photos: Type.Array(PhotoRefSchema, { maxItems: 3 }),
    output: Type.Object(
      {
        aspect: AspectSchema,
        resolution: ResolutionSchema,
        width: Type.Integer({ minimum: 2, multipleOf: 2 }),
        height: Type.Integer({ minimum: 2, multipleOf: 2 }),
        fps: FpsSchema,
      },
      { additionalProperties: false },
    ),
    style: StyleSchema,
    scenes: Type.Array(SectionSchema),
    shots: Type.Array(ShotSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type Storyboard = Static<typeof StoryboardSchema>;
