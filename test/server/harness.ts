/**
 * Test harness for the service: a real server on 127.0.0.1:0 over a real SQLite file in a temp
 * folder, a local "origin" serving test files over HTTP, and small request helpers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { buildApp, type AppOptions } from "../../src/server/app.ts";
import { createApiKey, type NewKeyOptions } from "../../src/store/api-keys.ts";
import { accountBalance, findLedgerViolations } from "../../src/billing/ledger.ts";
import { tempDir } from "../helpers/fixtures.ts";
import { testDatabaseUrl } from "../helpers/database.ts";
import { startScaleWorker } from "../../src/scale/worker.ts";
import { parseQueueUrl } from "../../src/scale/queue-config.ts";
import type { FastifyInstance } from "fastify";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Origin {
  readonly url: string;
  readonly port: number;
  /** Requests seen, by path. */
  readonly hits: Map<string, number>;
  route(path: string, handler: Handler): void;
  file(path: string, body: Buffer | string, contentType?: string): string;
  close(): Promise<void>;
}

/** A local HTTP server that answers only the routes a test gives it. */
export async function startOrigin(): Promise<Origin> {
  const routes = new Map<string, Handler>();
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else {
      res.writeHead(404);
      res.end("not here");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    hits,
    route: (path, handler) => routes.set(path, handler),
    file(path, body, contentType = "application/octet-stream") {
      routes.set(path, (_req, res) => {
        res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
        res.end(body);
      });
      return `${url}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly dataDir: string;
  key(options?: NewKeyOptions): Promise<{ key: string; id: string; accountId: string; webhookSecret: string }>;
  balance(accountId: string): Promise<{ available: number; held: number }>;
  ledgerRows(): Promise<number>;
  violations(): ReturnType<typeof findLedgerViolations>;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? join(tempDir("mvgen-server-"), "data");
  const database = options.database ?? (await testDatabaseUrl());
  const scaleOut = testScaleOut();
  const app = await buildApp({ workers: 0, webhookIntervalMs: 0, pollMs: 200, ...options, ...(scaleOut?.app ?? {}), dataDir, database });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const db = app.mvgen.db;
  // Scale-out mode: the app renders nothing itself; `workers` become an in-process BullMQ worker.
  const worker =
    scaleOut && (options.workers ?? 0) > 0
      ? startScaleWorker({
          db,
          queue: parseQueueUrl(scaleOut.app.queue),
          store: app.mvgen.files.store!,
          workDir: join(dataDir, "..", "worker"),
          concurrency: options.workers!,
          renderThreads: 1,
          chunkSeconds: 1,
          lockMs: 10_000,
          stalledMs: 5_000,
          pollMs: 200,
          nsfwFrames: options.nsfwFrames ?? 3,
          callbackBody: app.mvgen.callbackBody,
        })
      : undefined;
  await worker?.ready;
  return {
    url,
    app,
    dataDir,
    key: (keyOptions = {}) => createApiKey(db, keyOptions, app.mvgen.clock.now()),
    balance: (accountId) => accountBalance(db, accountId),
    ledgerRows: async () => Number((await db.selectFrom("ledger_entries").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n),
    violations: () => findLedgerViolations(db),
    close: async () => {
      await worker?.close();
      await app.close();
    },
  };
}

let scaleOutServers = 0;

/**
 * Set by postgres.test.ts for the suites it re-runs in the scale-out mode: MVGEN_TEST_QUEUE
 * (redis://…) and MVGEN_TEST_STORAGE (s3://bucket?endpoint=…). Each server gets its own queue
 * prefix and key prefix, so suites and tests never see each other's jobs or files.
 */
function testScaleOut(): { app: { queue: string; storage: string } } | undefined {
  const queue = process.env.MVGEN_TEST_QUEUE;
  const storage = process.env.MVGEN_TEST_STORAGE;
  if (!queue || !storage) return undefined;
  const name = `t${process.pid}-${scaleOutServers++}`;
  const queueUrl = new URL(queue);
  queueUrl.searchParams.set("prefix", name);
  const storageUrl = new URL(storage);
  storageUrl.pathname = `${storageUrl.pathname.replace(/\/+$/, "")}/${name}`;
  return { app: { queue: queueUrl.toString(), storage: storageUrl.toString() } };
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export async function call(url: string, init: { method?: string; key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.key !== undefined) headers.authorization = `Bearer ${init.key}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const generation = (audioUrl: string, input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  model: "music-video-generator",
  input: { audio_urls: [audioUrl], ...input },
  ...extra,
});

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Polls `GET /v1/tasks/{taskId}` until the task is completed or failed; returns its data. `onPoll`
 * sees every answer's data on the way (e.g. to collect the statuses passed through).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitForTaskEnd(url: string, taskId: string, key: string, timeoutMs: number, everyMs = 200, onPoll?: (data: any) => void): Promise<any> {
  return waitFor(
    `task ${taskId} to complete or fail`,
    async () => {
      const r = await call(`${url}/v1/tasks/${taskId}`, { key });
      onPoll?.(r.body.data);
      return r.body.data.status === "completed" || r.body.data.status === "failed" ? r.body.data : undefined;
    },
    timeoutMs,
    everyMs,
  );
}
