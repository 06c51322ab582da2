/**
 * Request and response schemas (TypeBox → JSON Schema): fastify validates with them, the route
 * handlers get their types from them, and /openapi.json is generated from them.
 */
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { MAX_LYRICS_CHARACTERS, MAX_PROMPT_CHARACTERS } from "./task-wire.ts";

/** The only model this server runs, as the hosted API names it. */
export const MODEL = "music-video-generator";
const Url = Type.String({ minLength: 1, maxLength: 2048, description: "A public http(s) URL." });
const oneOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>({ type: "string", enum: values, description });

export const GenerationRequest = Type.Object(
  {
    model: Type.String({ minLength: 1, maxLength: 200, description: `Must be "${MODEL}".` }),
    callback_url: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: "POSTed the task when it completes or fails." })),
    input: Type.Object(
      {
        audio_urls: Type.Array(Url, { minItems: 1, maxItems: 1, description: "Exactly one song: MP3, WAV or M4A, up to 600 s." }),
        image_urls: Type.Optional(Type.Array(Url, { minItems: 0, maxItems: 3, description: "0–3 photos of the performer (JPEG, PNG, WebP), each with a face." })),
        prompt: Type.Optional(Type.String({ maxLength: MAX_PROMPT_CHARACTERS, description: `The look, in words; up to ${MAX_PROMPT_CHARACTERS} Unicode code points.` })),
        lyrics: Type.Optional(
          Type.String({
            maxLength: MAX_LYRICS_CHARACTERS,
            description: "Extension: the song's lyrics, plain text (one sung line per line) or LRC ([mm:ss.xx] per line, optional <mm:ss.xx> per word); the singer's mouth then follows their sounds.",
          }),
        ),
        aspect_ratio: Type.Optional(oneOf(["16:9", "9:16"] as const, "Omitted: from the photos (portrait → 9:16), else 16:9.")),
        resolution: Type.Optional(oneOf(["480p", "720p"] as const, "Default 480p. 480p costs 9 credits per second, 720p 18.")),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type GenerationRequest = Static<typeof GenerationRequest>;

export const TaskParams = Type.Object({ taskId: Type.String({ maxLength: 200 }) }, { additionalProperties: false });

export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), type: Type.String() }),
});

export const TaskData = Type.Object({
  id: Type.String(),
  status: oneOf(["pending", "processing", "completed", "failed"] as const, "pending → processing → completed | failed"),
  model: Type.String(),
  created_at: Type.Integer({ description: "Unix seconds" }),
  completed_at: Type.Optional(Type.Integer({ description: "Unix seconds" })),
  progress: Type.Object({ stage: Type.String(), percent: Type.Number({ minimum: 0, maximum: 100 }) }, { description: "Extension." }),
  output: Type.Optional(
    Type.Object({
      urls: Type.Array(Type.String()),
      metadata: Type.Object({ model: Type.String(), has_nsfw_contents: Type.Array(Type.Boolean()) }),
    }),
  ),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

export const success = <T extends TSchema>(data: T) =>
  Type.Object({ code: Type.Literal(200), msg: Type.Literal("success"), data });

/** The error responses every authenticated route can give. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  429: ErrorBody,
  500: ErrorBody,
  503: ErrorBody,
};
