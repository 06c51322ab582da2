/**
 * `POST /v1/uploads` (extension, for the dashboard and for clients without a public file host):
 * one multipart file — a song or a photo — stored for the key's account and checked at once with
 * the same checks creation runs (sniffed bytes, decoded length; a face in a photo), so the user
 * hears what is wrong before paying. The answer's URL is `<public-url>/files/uploads/<128 random
 * bits>/<name>`; it expires after UPLOAD_TTL_MS, `POST /v1/videos/generations` accepts it from
 * the same account only (resolved to the stored file, never fetched over the network), and
 * `GET` on it answers only the owner's key.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { copyFile, mkdir, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance } from "fastify";
import fastifyMultipart from "@fastify/multipart";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Services } from "../services.ts";
import { authenticate } from "../auth.ts";
import { ApiError, invalidRequest } from "../api-error.ts";
import { AUDIO_LIMITS, IMAGE_LIMITS, UploadUnavailable, checkAudioFile, checkImageBytes, mapMvgenError } from "../input-check.ts";
import { errorResponses, success } from "../schemas.ts";
import { deleteUpload, expiredUploads, findOwnUpload, insertUpload } from "../../store/uploads.ts";
import type { Upload } from "../../store/schema.ts";
import { inspectPhotos } from "../../vision/inspect-photos.ts";
import { isMvgenError } from "../../core/errors.ts";
import type { EgressClient } from "../../egress/safe-fetch.ts";
import { taskCost } from "../../billing/cost.ts";

/** [ms] an upload stays usable: long enough to compose a video, short enough not to become hosting. */
export const UPLOAD_TTL_MS = 24 * 3_600_000;
const UPLOAD_PATH = /^\/files\/uploads\/([0-9a-f]{32})\/[^/]+$/;

const AUDIO_MIME: Record<string, string> = { mp3: "audio/mpeg", wav: "audio/wav", m4a: "audio/mp4" };

const UploadData = Type.Object({
  id: Type.String(),
  url: Type.String({ description: "Give this in audio_urls or image_urls; only this account can use it." }),
  kind: Type.Union([Type.Literal("audio"), Type.Literal("image")]),
  filename: Type.String(),
  bytes: Type.Integer(),
  expires_at: Type.Integer({ description: "Unix seconds" }),
  seconds: Type.Optional(Type.Number({ description: "Songs: the decoded length [s]." })),
  cost: Type.Optional(Type.Object({ "480p": Type.Integer(), "720p": Type.Integer() }, { description: "Songs: what a video of this song costs, in credits." })),
  face: Type.Optional(
    Type.Object(
      { found: Type.Boolean(), warnings: Type.Array(Type.String(), { description: "Things that may spoil the result: a small, turned or blurred face." }) },
      { description: "Photos: the face check." },
    ),
  ),
});

const UploadQuery = Type.Object(
  { purpose: Type.Optional(Type.Union([Type.Literal("audio"), Type.Literal("image")], { description: "What the file is meant to be; omitted: decided from its bytes." })) },
  { additionalProperties: false },
);

/** A file name safe to show and to put in a URL path and a header. */
function cleanName(name: string | undefined, fallback: string): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[^\w.\- ]+/g, "_").replace(/\s+/g, "-").replace(/^\.+/, "").slice(-80);
  return cleaned || fallback;
}

export function uploadRoutes(app: FastifyInstance, services: Services): void {
  const { db, clock } = services;
  const uploadsDir = join(services.tasksDir, "..", "uploads");

  void app.register(async (scope) => {
    // Scoped: multipart bodies are accepted here only; every other route still takes JSON alone.
    await scope.register(fastifyMultipart, {
      limits: { fileSize: AUDIO_LIMITS.maxBytes, files: 1, fields: 0, parts: 2, headerPairs: 50 },
      throwFileSizeLimit: false,
    });
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      "/v1/uploads",
      {
        schema: {
          summary: "Upload a song or a photo (extension): multipart/form-data with one file field; returns a private, expiring URL for audio_urls / image_urls",
          consumes: ["multipart/form-data"],
          querystring: UploadQuery,
          response: { 200: success(UploadData), ...errorResponses },
        },
        onRequest: authenticate(db, services.limiter, () => services.policies.upload),
      },
      async (request) => {
        const key = request.apiKey!;
        if (!request.isMultipart()) throw invalidRequest("Send the file as multipart/form-data with one file field (e.g. curl -F file=@song.mp3).");
        if (services.creating.count >= services.creating.max) {
          throw new ApiError("rate_limit_exceeded", "The server is checking many files right now; retry after 5s.", { "retry-after": "5" });
        }
        services.creating.count++;
        const id = randomBytes(16).toString("hex");
        const dir = join(uploadsDir, id);
        let kept = false;
        try {
          const part = await request.file().catch((error: unknown) => {
            throw invalidRequest(`The upload is not a readable multipart body (${String((error as Error).message).slice(0, 120)}).`);
          });
          if (!part) throw invalidRequest("The upload has no file; send one file field (e.g. curl -F file=@song.mp3).");
          await mkdir(dir, { recursive: true });
          const raw = join(dir, "upload.download");
          await pipeline(part.file, createWriteStream(raw, { mode: 0o600 }));
          if (part.file.truncated) throw invalidRequest(`The file is larger than ${AUDIO_LIMITS.maxBytes / 1024 / 1024} MB; a 10-minute song fits well under that — export it as MP3.`);
          const bytes = (await stat(raw)).size;
          if (bytes === 0) throw invalidRequest(`${cleanName(part.filename, "The file")} is empty; choose the file again.`);
          const head = await readHead(raw, 4100);
          const sniffed = await fileTypeFromBuffer(head);
          const looksImage = sniffed !== undefined && ["jpg", "png", "webp"].includes(sniffed.ext);
          const kind = request.query.purpose ?? (looksImage ? "image" : "audio");
          const label = cleanName(part.filename, kind === "audio" ? "The song" : "The photo");
          const now = clock.now();
          let row: Upload;
          const extra: { seconds?: number; cost?: { "480p": number; "720p": number }; face?: { found: boolean; warnings: string[] } } = {};
          if (kind === "audio") {
            const checked = await checkAudioFile(raw, dir, label, services).catch((error: unknown) => {
              throw mapMvgenError(label, error);
            });
            const ext = checked.audioPath.split(".").pop()!;
            extra.seconds = checked.seconds;
            extra.cost = { "480p": taskCost("480p", checked.seconds), "720p": taskCost("720p", checked.seconds) };
            row = uploadRow(id, key, "audio", label, checked.audioPath, AUDIO_MIME[ext] ?? "application/octet-stream", bytes, checked.seconds, now);
          } else {
            if (bytes > IMAGE_LIMITS.maxBytes) throw invalidRequest(`${label} is ${(bytes / 1024 / 1024).toFixed(1)} MB; photos may be up to ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB — resize it.`);
            const data = await readFile(raw);
            const image = await checkImageBytes(data, label);
            const path = join(dir, `photo.${image.ext}`);
            await rm(raw);
            await writeFile(path, data, { mode: 0o600 });
            try {
              const performer = await inspectPhotos([{ path, bytes: data }], { detector: await services.faceDetector() });
              extra.face = { found: true, warnings: performer.warnings.map((w) => w.message.replace(/\bphoto 1\b/g, label)) };
            } catch (error) {
              if (isMvgenError(error) && error.code === "PHOTO_NO_FACE") {
                throw invalidRequest(`${label} has no face the performer can be made from: use a clear, front-facing portrait with the whole face visible.`);
              }
              throw mapMvgenError(label, error);
            }
            row = uploadRow(id, key, "image", label, path, image.mime, bytes, null, now);
          }
          await services.files.publish(dir);
          await insertUpload(db, row);
          kept = true;
          return {
            code: 200 as const,
            msg: "success" as const,
            data: {
              id,
              url: `${services.publicUrl}/files/uploads/${id}/${encodeURIComponent(row.filename)}`,
              kind: row.kind,
              filename: row.filename,
              bytes,
              expires_at: Math.floor(row.expires_at / 1000),
              ...extra,
            },
          };
        } finally {
          services.creating.count--;
          if (!kept) await rm(dir, { recursive: true, force: true });
        }
      },
    );
  });

  // The owner may read an upload back (with the key); anyone else gets the same 404 as a made-up id.
  app.get<{ Params: { id: string; name: string } }>("/files/uploads/:id/:name", {
    schema: { hide: true },
    onRequest: authenticate(db, services.limiter, () => services.policies.read),
  }, async (request, reply) => {
    const upload = /^[0-9a-f]{32}$/.test(request.params.id) ? await findOwnUpload(db, request.params.id, request.apiKey!.account_id, clock.now()) : undefined;
    if (!upload) throw new ApiError("not_found", "No such upload for this key, or it has expired; upload the file again.");
    reply.header("x-content-type-options", "nosniff").header("cache-control", "private, no-store").type(upload.content_type);
    reply.header("content-disposition", `attachment; filename="${upload.filename}"`);
    await services.files.fetch(upload.path);
    return reply.send(await readFile(upload.path));
  });
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function uploadRow(id: string, key: { id: string; account_id: string }, kind: "audio" | "image", filename: string, path: string, contentType: string, bytes: number, seconds: number | null, now: number): Upload {
  return { id, account_id: key.account_id, api_key_id: key.id, kind, filename, path, content_type: contentType, bytes, seconds, created_at: now, expires_at: now + UPLOAD_TTL_MS };
}

/**
 * The egress client a create uses: the account's own upload URLs (under the public URL) resolve
 * to the stored files; every other URL goes through the guarded client unchanged. An upload URL
 * that is expired or another account's is refused as if it did not exist.
 */
export function egressWithUploads(egress: EgressClient, services: Pick<Services, "db" | "clock" | "publicUrl" | "files">, accountId: string): EgressClient {
  /** The upload id if `url` is one of this server's upload URLs, else null (an ordinary URL). */
  const uploadId = (url: string): string | null => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    const match = UPLOAD_PATH.exec(parsed.pathname);
    if (parsed.origin !== new URL(services.publicUrl).origin || !match || parsed.search || parsed.hash) return null;
    return match[1];
  };
  const ownUpload = (url: string): Promise<Upload> | null => {
    const id = uploadId(url);
    if (id === null) return null;
    return findOwnUpload(services.db, id, accountId, services.clock.now()).then((upload) => {
      if (!upload) throw new UploadUnavailable();
      return upload;
    });
  };
  return {
    checkUrl: (url) => (uploadId(url) !== null ? new URL(url) : egress.checkUrl(url)),
    async download(url, path, limits, signal) {
      const upload = ownUpload(url);
      if (!upload) return egress.download(url, path, limits, signal);
      const found = await upload;
      await services.files.fetch(found.path);
      await copyFile(found.path, path);
      return { url, contentType: found.content_type, bytes: Number(found.bytes) };
    },
    async fetchBytes(url, limits, signal) {
      const upload = ownUpload(url);
      if (!upload) return egress.fetchBytes(url, limits, signal);
      const found = await upload;
      await services.files.fetch(found.path);
      return { url, contentType: found.content_type, bytes: await readFile(found.path) };
    },
    post: (url, body, headers, totalMs) => egress.post(url, body, headers, totalMs),
    close: () => egress.close(),
  };
}

/** Removes expired uploads, row and files; run now and then by the app. */
export async function sweepUploads(services: Pick<Services, "db" | "clock" | "files">): Promise<number> {
  const rows = await expiredUploads(services.db, services.clock.now());
  for (const row of rows) {
    await rm(join(row.path, ".."), { recursive: true, force: true });
    await services.files.unpublish(join(row.path, "..")).catch(() => {});
    await deleteUpload(services.db, row.id);
  }
  return rows.length;
}
