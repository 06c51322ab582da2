/**
 * Builds the service: the database, the guarded egress client, the render runner, the callback
 * dispatcher and the fastify app with its routes. Tests build it and listen on 127.0.0.1:0;
 * server.ts builds it for `mvgen serve`. Every side effect (clock, media tools, egress policy)
 * comes in through AppOptions.
 */
import { mkdir } from "node:fs/promises";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { databaseLocation, openDatabase } from "../store/database.ts";
import { systemClock, type Clock } from "../store/clock.ts";
import type { Task } from "../store/schema.ts";
import { createMedia, type Media } from "../media/media.ts";
import { createFaceDetector, type FaceDetector } from "../vision/face-detector.ts";
import { createEgressClient, type EgressPolicy } from "../egress/safe-fetch.ts";
import { createRenderRunner } from "../queue/render-runner.ts";
import { DEFAULT_LEASE, type LeaseSettings } from "../queue/job-queue.ts";
import { createWebhookDispatcher } from "../webhooks/dispatcher.ts";
import { MvgenError } from "../core/errors.ts";
import { openObjectStore } from "../storage/object-store.ts";
import { checkQueue, parseQueueUrl } from "../scale/queue-config.ts";
import { createQueueDispatcher } from "../scale/dispatcher.ts";
import { createSharedFiles } from "./shared-files.ts";
import { ApiError } from "./api-error.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { taskView } from "./task-view.ts";
import { normalizePublicUrl } from "./public-url.ts";
import type { Services } from "./services.ts";
import { generationRoutes } from "./routes/generations.ts";
import { taskRoutes } from "./routes/tasks.ts";
import { fileRoutes } from "./routes/files.ts";
import { sweepUploads, uploadRoutes } from "./routes/uploads.ts";
import { dashboardRoutes } from "./routes/dashboard.ts";

export interface AppOptions {
  /** Database and media live here (`mvgen.db`, `tasks/`). */
  readonly dataDir: string;
  /** postgres://… to keep the state in PostgreSQL instead of `mvgen.db` (media stays in dataDir). */
  readonly database?: string;
  /**
   * redis://… : the scale-out mode — renders go to `mvgen worker` processes through BullMQ, none
   * run here (`workers` is ignored).
   */
  readonly queue?: string;
  /** Where media lives in the scale-out mode: s3://bucket?endpoint=… or a folder every process shares; default <data>/objects. Needs `queue`. */
  readonly storage?: string;
  /** Base of the URLs in `output.urls`, e.g. https://mv.example.com; default http://127.0.0.1:<port> once listening. */
  readonly publicUrl?: string;
  readonly egress?: EgressPolicy;
  readonly clock?: Clock;
  readonly media?: Media;
  /** Renders at once; default one per two cores. 0: accept tasks but render none (API-only). */
  readonly workers?: number;
  readonly lease?: LeaseSettings;
  /** [ms] between queue polls and sweeps. */
  readonly pollMs?: number;
  /** [ms] between callback passes; 0: only when asked (tests drive it with an injected clock). */
  readonly webhookIntervalMs?: number;
  /** Frames of each video the NSFW check samples. */
  readonly nsfwFrames?: number;
  /** Default create requests per key per minute (a key's own --rate wins). */
  readonly createPerMinute?: number;
  readonly readPerMinute?: number;
  /** Uploads (`POST /v1/uploads`) per key per minute. */
  readonly uploadPerMinute?: number;
  /** The built dashboard (index.html, assets/); default web/dist in this package. */
  readonly dashboardDir?: string;
  /** Creates checking their inputs at once, across keys. */
  readonly maxConcurrentCreates?: number;
  /** Trust X-Forwarded-For from these proxies (fastify's trustProxy). */
  readonly trustProxy?: boolean | string | string[];
  readonly logger?: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    mvgen: Services;
  }
}

export const defaultWorkers = () => Math.max(1, Math.floor(cpus().length / 2));

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const givenPublicUrl = options.publicUrl === undefined ? undefined : normalizePublicUrl(options.publicUrl);
  const dataDir = resolve(options.dataDir);
  const tasksDir = join(dataDir, "tasks");
  await mkdir(tasksDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  if (options.storage && !options.queue) {
    throw new MvgenError("INVALID_OPTION", "--storage is for the scale-out mode and needs --queue redis://…; leave it out to keep media in --data.");
  }
  const queue = options.queue ? parseQueueUrl(options.queue) : undefined;
  const store = queue ? openObjectStore(options.storage ?? join(dataDir, "objects")) : undefined;
  if (queue && store) {
    // Refuse to start half-configured: an unreachable queue or store would strand every task.
    await checkQueue(queue);
    await store.check();
  }
  const db = await openDatabase(databaseLocation(options.database, join(dataDir, "mvgen.db")));
  const egress = createEgressClient(options.egress ?? { allowPrivate: false });
  const lease = options.lease ?? DEFAULT_LEASE;

  const app = Fastify({
    logger: options.logger ? { level: "info", redact: ["req.headers.authorization"] } : false,
    bodyLimit: 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Fastify's defaults would strip unknown fields and coerce "1" to 1; the API rejects both.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    return503OnClosing: true,
  });
  const log = (message: string, extra?: object) => app.log.info(extra ?? {}, message);

  let detector: Promise<FaceDetector> | null = null;
  const faceDetector = () => {
    // One detector per server, loaded on first use (≈ 1 s), in its own worker thread.
    detector ??= createFaceDetector().catch((error) => {
      detector = null;
      throw error;
    });
    return detector;
  };

  const services: Services = {
    db,
    clock,
    media: options.media ?? createMedia(),
    egress,
    faceDetector,
    runner: undefined as never,
    webhooks: createWebhookDispatcher(db, egress, clock, log),
    limiter: new RateLimiter(clock),
    policies: {
      create: (key) => ({ name: "create", quota: key.rate_per_minute ?? options.createPerMinute ?? 60, windowSeconds: 60 }),
      read: { name: "read", quota: options.readPerMinute ?? 600, windowSeconds: 60 },
      credits: { name: "credits", quota: 120, windowSeconds: 60 },
      upload: { name: "upload", quota: options.uploadPerMinute ?? 60, windowSeconds: 60 },
    },
    tasksDir,
    get publicUrl() {
      return publicUrl();
    },
    callbackBody: (task: Task) => JSON.stringify(taskView(task, publicUrl())),
    creating: { count: 0, max: options.maxConcurrentCreates ?? 16 },
    files: createSharedFiles(dataDir, store),
  };
  const publicUrl = () => {
    if (givenPublicUrl) return givenPublicUrl;
    const address = app.server.address();
    return typeof address === "object" && address ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}` : "http://127.0.0.1";
  };
  const runner = queue
    ? createQueueDispatcher({
        db,
        clock,
        queue,
        pollMs: options.pollMs ?? 1000,
        callbackBody: services.callbackBody,
        onFinished: () => void services.webhooks.runDue().catch(() => {}),
        log,
      })
    : createRenderRunner({
    db,
    clock,
    tasksDir,
    workers: options.workers ?? defaultWorkers(),
    lease,
    pollMs: options.pollMs ?? 1000,
    nsfwFrames: options.nsfwFrames ?? 3,
    callbackBody: services.callbackBody,
    onFinished: () => void services.webhooks.runDue().catch(() => {}),
    log,
  });
  (services as { runner: typeof runner }).runner = runner;
  app.decorate("mvgen", services);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "mvgen",
        version: "0.1.0",
        description:
          "Self-hosted music video generator, compatible with the hosted music-video-generator API. Errors are `{error: {code, message, type}}`. Rate limits are announced in `RateLimit-Policy` / `RateLimit` headers (draft-ietf-httpapi-ratelimit-headers); a 429 carries `Retry-After`.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key, sk-…" } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });
  await app.register(fastifyStatic, { root: tasksDir, serve: false });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, "request failed");
    void reply.status(apiError.status).headers(apiError.headers).send(apiError.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new ApiError("not_found", `No route ${request.method} ${request.url.split("?")[0].slice(0, 200)}; see /docs.`);
    void reply.status(404).send(error.body());
  });

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/healthz", { schema: { hide: true } }, async () => ({ ok: true }));
  generationRoutes(app, services);
  taskRoutes(app, services);
  fileRoutes(app, services);
  uploadRoutes(app, services);
  await dashboardRoutes(app, options.dashboardDir);
  let uploadSweep: NodeJS.Timeout | undefined;

  app.addHook("onReady", async () => {
    runner.start();
    if (options.webhookIntervalMs !== 0) services.webhooks.start(options.webhookIntervalMs ?? 1000);
    // [10 min] between sweeps of expired uploads: they are refused by expiry time anyway.
    uploadSweep = setInterval(() => void sweepUploads(services).catch(() => {}), 600_000).unref();
  });
  app.addHook("onClose", async () => {
    clearInterval(uploadSweep);
    await runner.stop();
    await services.webhooks.stop();
    if (detector) await (await detector.catch(() => null))?.close();
    await egress.close();
    store?.close();
    await db.destroy();
  });
  return app;
}

/** Everything thrown in a route, as one of the API's errors. */
function toApiError(error: FastifyError | ApiError): ApiError {
  if (error instanceof ApiError) return error;
  const fe = error as FastifyError & { validation?: Array<{ instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }>; validationContext?: string };
  if (fe.validation && fe.validation.length > 0) {
    const v = fe.validation[0];
    const base = [fe.validationContext ?? "body", ...v.instancePath.split("/").filter(Boolean)]
      .join(".")
      .replace(/^body\.?/, "")
      .replace(/\.(\d+)(?=\.|$)/g, "[$1]");
    const where = base || "the body";
    let message: string;
    if (v.keyword === "additionalProperties") message = `${where} has an unknown field "${String(v.params.additionalProperty)}"; remove it.`;
    else if (v.keyword === "required") message = `${base ? `${base}.` : ""}${String(v.params.missingProperty)} is required.`;
    else if (v.keyword === "enum") message = `${where} must be one of ${(v.params.allowedValues as string[]).map((x) => JSON.stringify(x)).join(", ")}.`;
    else message = `${where} ${v.message ?? "is invalid"}.`;
    return new ApiError("invalid_request", message);
  }
  const status = fe.statusCode ?? 500;
  if (status === 413) return new ApiError("invalid_request", "The request body is larger than 64 kB; send URLs, not file contents.");
  if (status === 415) return new ApiError("invalid_request", "Send the body as JSON with Content-Type: application/json.");
  if (status >= 400 && status < 500) return new ApiError("invalid_request", `The request is not valid JSON or not acceptable (${fe.message.slice(0, 200)}).`);
  if (status === 503) return new ApiError("upstream_error", "The server is shutting down; retry shortly.");
  return new ApiError("internal_error", "Something went wrong on the server; try again. If it keeps failing, report the time of the request.");
}
