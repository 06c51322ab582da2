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
    photo: Type.Union([Type.Integer({ minimum: 0 }), Type.Literal("generated")]),
    framing: Type.Union(FRAMINGS.map((f) => Type.Literal(f))),
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
