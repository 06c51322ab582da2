/** POST /v1/videos/generations: check the inputs, hold the credits, queue the render. */
import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Services } from "../services.ts";
import { authenticate } from "../auth.ts";
import { ApiError, invalidRequest } from "../api-error.ts";
import { checkInputs } from "../input-check.ts";
import { createTask, idempotencyMismatch, newTaskId, type CreateResult } from "../create-task.ts";
import { EgressError } from "../../egress/safe-fetch.ts";
import { isMvgenError } from "../../core/errors.ts";
import { parseLyrics } from "../../analysis/lyrics/parse-lyrics.ts";
import { egressWithUploads } from "./uploads.ts";
import { GenerationRequest, MODEL, errorResponses, success } from "../schemas.ts";

/** A UTF-16 surrogate without its partner: JSON allows it, Unicode text does not. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** [ms] a task may take from creation, queueing included, before it is failed and refunded. */
export const taskDeadlineMs = (seconds: number) => 2 * 3_600_000 + 4 * seconds * 1000;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function generationRoutes(app: FastifyInstance, services: Services): void {
  const { db, clock } = services;
  const inFlight = new Map<string, Promise<CreateResult>>();

  app.withTypeProvider<TypeBoxTypeProvider>().post(
    "/v1/videos/generations",
    {
      schema: {
        summary: "Create a music video task",
        description: "Fetches and measures the song (and photos), holds `clamp(ceil(seconds), 5, 600) × rate` credits, and queues the render. Optional `Idempotency-Key` header: the same key and body return the same taskId without a second charge.",
        body: GenerationRequest,
        response: { 200: success(Type.Object({ taskId: Type.String() })), 402: errorResponses[400], ...errorResponses },
      },
      onRequest: authenticate(db, services.limiter, services.policies.create),
    },
    async (request) => {
      const key = request.apiKey!;
      const body = request.body;
      if (body.model !== MODEL) throw new ApiError("model_not_found", `model "${body.model.slice(0, 100)}" does not exist; use "${MODEL}".`);
      const prompt = body.input.prompt;
      if (prompt !== undefined && (LONE_SURROGATE.test(prompt) || prompt.includes("\u0000"))) {
        throw invalidRequest("input.prompt contains a NUL character or a lone surrogate; send plain Unicode text.");
      }
      const lyrics = body.input.lyrics;
      if (lyrics !== undefined) {
        if (LONE_SURROGATE.test(lyrics) || lyrics.includes("\u0000")) throw invalidRequest("input.lyrics contains a NUL character or a lone surrogate; send plain Unicode text.");
        try {
          parseLyrics(lyrics, "input.lyrics");
        } catch (error) {
          if (isMvgenError(error)) throw invalidRequest(error.message);
          throw error;
        }
      }
      if (body.callback_url !== undefined) {
        try {
          services.egress.checkUrl(body.callback_url);
        } catch (error) {
          if (error instanceof EgressError) throw invalidRequest(`callback_url ${error.message}; give a public http(s) URL.`);
          throw error;
        }
      }
      const header = request.headers["idempotency-key"];
      let idempotency: { key: string; fingerprint: string } | undefined;
      if (header !== undefined) {
        if (typeof header !== "string" || !/^[\x21-\x7e]{1,255}$/.test(header)) {
          throw invalidRequest("Idempotency-Key must be 1–255 printable ASCII characters without spaces.");
        }
        idempotency = { key: header, fingerprint: createHash("sha256").update(canonicalJson(body)).digest("hex") };
        const existing = await db.selectFrom("idempotency_keys").selectAll().where("api_key_id", "=", key.id).where("key", "=", header).executeTakeFirst();
        if (existing) {
          if (existing.fingerprint !== idempotency.fingerprint) throw idempotencyMismatch();
          return { code: 200 as const, msg: "success" as const, data: { taskId: existing.task_id } };
        }
      }
      const run = async (): Promise<CreateResult> => {
        if (services.creating.count >= services.creating.max) {
          throw new ApiError("rate_limit_exceeded", "The server is checking many songs right now; retry after 5s.", { "retry-after": "5" });
        }
        services.creating.count++;
        const taskId = newTaskId();
        const dir = join(services.tasksDir, taskId, "input");
        try {
          await mkdir(dir, { recursive: true });
          // The account's own uploads (POST /v1/uploads) resolve to their stored files, not the network.
          const egress = egressWithUploads(services.egress, services, key.account_id);
          const checked = await checkInputs({ audioUrl: body.input.audio_urls[0], imageUrls: body.input.image_urls ?? [] }, dir, { ...services, egress });
          const lyricsPath = lyrics === undefined ? undefined : join(dir, "lyrics.txt");
          if (lyricsPath) await writeFile(lyricsPath, lyrics!, { mode: 0o600 });
          // Scale-out mode: the workers read the inputs from the object store.
          await services.files.publish(dir);
          const result = await createTask(db, {
            taskId,
            key,
            model: MODEL,
            stored: {
              audioPath: checked.audioPath,
              imagePaths: checked.imagePaths,
              prompt,
              ...(lyricsPath ? { lyricsPath } : {}),
              aspect: body.input.aspect_ratio,
              resolution: body.input.resolution ?? "480p",
            },
            callbackUrl: body.callback_url,
            seconds: checked.seconds,
            now: clock.now(),
            deadlineMs: taskDeadlineMs(checked.seconds),
            idempotency,
          });
          if (result.replayed) await removeTaskFiles(services, taskId);
          else services.runner.kick();
          return result;
        } catch (error) {
          await removeTaskFiles(services, taskId);
          throw error;
        } finally {
          services.creating.count--;
        }
      };
      let result: CreateResult;
      if (idempotency) {
        // Parallel retries with one key share one create (and one charge).
        const slot = `${key.id}\u0000${idempotency.key}`;
        let pending = inFlight.get(slot);
        if (!pending) {
          pending = run().finally(() => inFlight.delete(slot));
          inFlight.set(slot, pending);
          result = await pending;
        } else {
          result = await pending;
          const stored = await db.selectFrom("idempotency_keys").select("fingerprint").where("api_key_id", "=", key.id).where("key", "=", idempotency.key).executeTakeFirst();
          if (stored && stored.fingerprint !== idempotency.fingerprint) throw idempotencyMismatch();
        }
      } else {
        result = await run();
      }
      return { code: 200 as const, msg: "success" as const, data: { taskId: result.taskId } };
    },
  );
}

/** A task that was not created leaves no files, here or in the object store. */
async function removeTaskFiles(services: Services, taskId: string): Promise<void> {
  const dir = join(services.tasksDir, taskId);
  await rm(dir, { recursive: true, force: true });
  await services.files.unpublish(dir).catch(() => {});
}
