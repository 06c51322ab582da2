import { Type, type Static } from "@sinclair/typebox";
import { CurveSchema, SpanSchema } from "./common.ts";

export const SECTION_LABELS = ["intro", "verse", "pre-chorus", "chorus", "bridge", "instrumental", "outro"] as const;
export type SectionLabel = (typeof SECTION_LABELS)[number];

export const SectionSchema = Type.Object(
  {
    start: Type.Number({ minimum: 0 }),
    end: Type.Number({ minimum: 0 }),
    label: Type.Union(SECTION_LABELS.map((label) => Type.Literal(label))),
    energy: Type.Number({ minimum: 0, maximum: 1, description: "mean loudness of the section, 0–1" }),
    group: Type.Optional(
      Type.Integer({ minimum: 0, description: "repetition id: sections with the same group repeat the same material (numbered in order of first appearance)" }),
    ),
  },
  { additionalProperties: false },
);
export type Section = Static<typeof SectionSchema>;

export const VOICE_CLASSES = ["male", "female", "none"] as const;
export type VoiceClass = (typeof VOICE_CLASSES)[number];

/** AudioAnalysis: what the analysis stage found in the song. Times in seconds. */
export const AudioAnalysisSchema = Type.Object(
  {
    artifact: Type.Literal("analysis"),
    version: Type.Literal(1),
    duration: Type.Number({ minimum: 0, description: "[s]" }),
    sampleRate: Type.Number({ exclusiveMinimum: 0, description: "rate the analysis ran at [Hz]" }),
    tempo: Type.Object(
      {
        bpm: Type.Number({ minimum: 0 }),
        confidence: Type.Number({ minimum: 0, maximum: 1 }),
      },
      { additionalProperties: false },
    ),
    beats: Type.Array(Type.Number({ minimum: 0 })),
    downbeats: Type.Array(Type.Number({ minimum: 0 })),
    meter: Type.Object(
      {
        beatsPerBar: Type.Integer({ minimum: 1 }),
        confidence: Type.Number({ minimum: 0, maximum: 1 }),
      },
      { additionalProperties: false },
    ),
    onsets: Type.Array(Type.Number({ minimum: 0 })),
    energy: CurveSchema,
    loudness: Type.Object(
      { integratedLufs: Type.Number({ description: "ITU-R BS.1770 integrated loudness, gated [LUFS]; −120 for silence" }) },
      { additionalProperties: false },
    ),
    sections: Type.Array(SectionSchema),
    vocalActivity: CurveSchema,
    vocalSegments: Type.Array(SpanSchema),
    pitch: CurveSchema,
    voice: Type.Object(
      {
        class: Type.Union(VOICE_CLASSES.map((c) => Type.Literal(c))),
        medianF0: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
        confidence: Type.Number({ minimum: 0, maximum: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type AudioAnalysis = Static<typeof AudioAnalysisSchema>;
