/**
 * The scale-out mode with real processes: the API in this process on PostgreSQL, BullMQ on Redis,
 * media in an S3-compatible server (s3rver), and two `mvgen worker` child processes that split one
 * song into chunks. Needs MVGEN_TEST_POSTGRES_URL and MVGEN_TEST_REDIS_URL (.ci/run sets both);
 * skipped without them, saying so.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { startOrigin, startTestServer, call, generation, waitForTaskEnd, type Origin, type TestServer } from "../server/harness.ts";
import { spawnMvgen, waitForLine } from "../helpers/cli.ts";
import { writePhoto, writeSongWav, tempDir } from "../helpers/fixtures.ts";
import { startS3Server, type S3TestServer } from "../helpers/s3-server.ts";
import { ffprobe } from "../helpers/probe.ts";
import { readArtifact } from "../../src/pipeline/artifact-store.ts";
import { renderTimeline } from "../../src/pipeline/render-music-video.ts";

const postgresUrl = process.env.MVGEN_TEST_POSTGRES_URL;
const redisUrl = process.env.MVGEN_TEST_REDIS_URL;
const skip = postgresUrl && redisUrl ? false : "MVGEN_TEST_POSTGRES_URL and MVGEN_TEST_REDIS_URL are not both set; set them (as .ci/run does) to run the scale-out tests";
/** Not the prefix postgres.test.ts drops when its suites end: these schemas are dropped here. */
const SCHEMA_PREFIX = "mvgen_scale_";

let s3: S3TestServer;
let origin: Origin;
const schemas: string[] = [];
const children: ChildProcess[] = [];

before(async () => {
  if (skip) return;
  s3 = await startS3Server();
  origin = await startOrigin();
});

after(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  if (skip) return;
  await origin.close();
  await s3.close();
  await withPostgres(async (client) => {
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
  });
});

async function withPostgres<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** One deployment: its own schema, queue prefix and key prefix. */
async function deployment(name: string): Promise<{ database: string; queue: string; storage: string }> {
  const schema = `${SCHEMA_PREFIX}${process.pid}_${name}`;
  schemas.push(schema);
  await withPostgres(async (client) => {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`create schema ${schema}`);
  });
  const database = new URL(postgresUrl!);
  database.searchParams.set("options", `-c search_path=${schema}`);
  const queue = new URL(redisUrl!);
  queue.searchParams.set("prefix", `${process.pid}-${name}`);
  const storage = new URL(s3.url);
  storage.pathname = `/${process.pid}-${name}`;
  return { database: database.toString(), queue: queue.toString(), storage: storage.toString() };
}

interface WorkerProcess {
  readonly child: ChildProcess;
  /** The JSON lines the worker logged so far. */
  readonly events: Array<{ message: string; job?: string; index?: number; task?: string }>;
  /** Resolves with the first logged event that matches. */
  next(match: (e: WorkerProcess["events"][number]) => boolean): Promise<void>;
}

/** Starts `mvgen worker` as its own process; resolves once it takes jobs. */
async function startWorker(config: { database: string; queue: string; storage: string }, publicUrl: string, chunkSeconds: number): Promise<WorkerProcess> {
  const child = spawnMvgen(
    ["worker", "--data", tempDir("mvgen-worker-"), "--database", config.database, "--queue", config.queue, "--storage", config.storage,
      "--public-url", publicUrl, "--chunk-seconds", String(chunkSeconds), "--concurrency", "1", "--threads", "1", "--log"],
    // A 3 s lock checked every 1.5 s: a killed worker's job runs elsewhere within seconds.
    { MVGEN_LOCK_MS: "3000", MVGEN_STALLED_MS: "1500", MVGEN_POLL_MS: "200" },
  );
  children.push(child);
  const events: WorkerProcess["events"] = [];
  const waiters: Array<{ match: (e: WorkerProcess["events"][number]) => boolean; resolve: () => void }> = [];
  let err = "";
  child.stderr!.on("data", (chunk) => {
    err += chunk;
    const lines = err.split("\n");
    err = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const event = JSON.parse(line) as WorkerProcess["events"][number];
      events.push(event);
      for (const w of waiters.filter((w) => w.match(event))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const worker: WorkerProcess = {
    child,
    events,
    next: (match) => (events.some(match) ? Promise.resolve() : new Promise((resolve) => waiters.push({ match, resolve }))),
  };
  await waitForLine(child, /mvgen worker taking jobs/, "mvgen worker");
  return worker;
}

async function createAndFinish(server: TestServer, songSeconds: number, afterCreate: () => Promise<void> = async () => {}) {
  const dir = tempDir();
  const song = origin.file(`/song-${songSeconds}.wav`, readFileSync(writeSongWav(dir, songSeconds)), "audio/wav");
  const photo = origin.file("/me.png", readFileSync(writePhoto(dir, "me.png", 360, 480)), "image/png");
  const k = await server.key({ credits: 1000 });
  const created = await call(`${server.url}/v1/videos/generations`, { key: k.key, body: generation(song, { image_urls: [photo] }) });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const taskId = created.body.data.taskId as string;
  await afterCreate();
  const done = await waitForTaskEnd(server.url, taskId, k.key, 120_000, 200);
  return { taskId, done, key: k, dir };
}

test("two worker processes render one song in chunks; the joined video matches a single-worker render of the same timeline", { skip }, async () => {
  const config = await deployment("two");
  const server = await startTestServer({ ...config, egress: { allowPrivate: true }, workers: 0 });
  try {
    const workers = [await startWorker(config, server.url, 1), await startWorker(config, server.url, 1)];
    const { taskId, done, dir, key } = await createAndFinish(server, 6);
    assert.equal(done.status, "completed", JSON.stringify(done.error));

    // Both processes rendered chunks: 6 s at 1 s a chunk is 6 chunk jobs.
    const chunksBy = workers.map((w) => w.events.filter((e) => e.message === "job done" && e.job === "chunk").map((e) => e.index));
    assert.equal(chunksBy.flat().length, 6, `chunks done: ${JSON.stringify(chunksBy)}`);
    assert.ok(chunksBy.every((done) => done.length > 0), `each worker rendered chunks: ${JSON.stringify(chunksBy)}`);

    const joined = join(dir, "joined.mp4");
    writeFileSync(joined, Buffer.from(await (await fetch(done.output.urls[0])).arrayBuffer()));
    // The same timeline rendered in one piece: the API fetches the artifacts from the store for /artifacts.
    const artifacts = await call(`${server.url}/v1/tasks/${taskId}/artifacts`, { key: key.key });
    assert.equal(artifacts.body.data.timeline.frameCount, 150);
    const timeline = await readArtifact("timeline", join(server.dataDir, "tasks", taskId, "artifacts", "timeline.json"));
    const single = await renderTimeline(timeline, join(dir, "single.mp4"), { renderThreads: 1 });

    const [a, b] = [ffprobe(joined), ffprobe(single.output)];
    const streams = (info: typeof a) => info.streams.map((s) => ({ type: s.type, codec: s.codec, width: s.width, height: s.height, frames: s.frames, duration: s.duration }));
    assert.deepEqual(streams(a), streams(b));
    const video = a.streams.find((s) => s.type === "video")!;
    assert.equal(video.frames, 150, "6 s at 25 fps");
    assert.ok(Math.abs((a.duration ?? 0) - (b.duration ?? -1)) < 0.001, `joined ${a.duration} s, single ${b.duration} s`);
  } finally {
    await server.close();
  }
});

test("SIGKILL of a worker mid-chunk: another worker re-runs the chunk, the task completes, one capture in the ledger", { skip }, async () => {
  const config = await deployment("kill");
  const server = await startTestServer({ ...config, egress: { allowPrivate: true }, workers: 0 });
  try {
    const victim = await startWorker(config, server.url, 2);
    let killed: number | undefined;
    const { taskId, done, key } = await createAndFinish(server, 6, async () => {
      await victim.next((e) => e.message === "job started" && e.job === "chunk");
      killed = victim.events.find((e) => e.message === "job started" && e.job === "chunk")!.index;
      victim.child.kill("SIGKILL");
      // The survivor starts only now, so the chunk the victim held is certainly its to re-run.
      await startWorker(config, server.url, 2);
    });
    assert.equal(done.status, "completed", JSON.stringify(done.error));
    assert.ok(!victim.events.some((e) => e.message === "job done" && e.job === "chunk" && e.index === killed), "the victim died mid-chunk");

    const captures = await server.app.mvgen.db.selectFrom("ledger_entries").select(["kind", "amount"]).where("task_id", "=", taskId).execute();
    assert.deepEqual(captures.map((c) => c.kind).sort(), ["capture", "hold"], `ledger rows: ${JSON.stringify(captures)}`);
    assert.deepEqual(await server.violations(), []);
    assert.equal((await server.balance(key.accountId)).held, 0);
    const video = ffprobe(await download(done.output.urls[0])).streams.find((s) => s.type === "video")!;
    assert.equal(video.frames, 150, "6 s at 25 fps, every chunk present once");
  } finally {
    await server.close();
  }
});

async function download(url: string): Promise<string> {
  const path = join(tempDir(), "video.mp4");
  writeFileSync(path, Buffer.from(await (await fetch(url)).arrayBuffer()));
  return path;
}
