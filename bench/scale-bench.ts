/**
 * The scale-out mode on this machine, for `npm run bench` (call benchScaleOut() from bench.ts, or
 * run this file alone with a song and photos): a private redis-server on a free port, `mvgen serve
 * --queue` as its own process, media in a local folder store, and 1 then 2 `mvgen worker`
 * processes (each with default settings: one job at a time, one render thread per core) render
 * the same song, split into 30 s chunks; then again with each worker held to one render thread (as
 * if each had a one-core machine to itself), which shows how the split scales when the second
 * worker brings cores of its own. Prints the wall time from create to completed for each, the
 * speed-ups, and the join job's time (segments copied + audio muxed, no re-encode).
 * Skipped, saying so, when redis-server is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, join } from "node:path";
import { tempDir } from "../test/helpers/fixtures.ts";
import { spawnMvgen, waitForLine } from "../test/helpers/cli.ts";
import { openDatabase } from "../src/store/database.ts";
import { createApiKey } from "../src/store/api-keys.ts";

export interface ScaleRun {
  readonly workers: number;
  /** Render threads per worker; undefined: the default (one per core). */
  readonly threads?: number;
  /** [s] from create to completed. */
  readonly seconds: number;
  /** [s] of the join job's ffmpeg stream copy, and of the whole join job (fetching segments, moderation, upload). */
  readonly joinSeconds: number;
  readonly joinJobSeconds: number;
  /** Chunk jobs each worker process rendered. */
  readonly chunksPerWorker: number[];
  /** [s] spent in each kind of job, summed over workers. */
  readonly jobSeconds: Record<string, number>;
}

export type ScaleBench = { readonly skipped: string } | { readonly runs: ScaleRun[]; readonly songSeconds: number };

export async function benchScaleOut(song: string, photos: readonly string[], songSeconds: number): Promise<ScaleBench> {
  if (spawnSync("redis-server", ["--version"]).error) return { skipped: "redis-server is not installed (apt-get install redis-server)" };
  const dir = tempDir("mvgen-scale-bench-");
  const files = new Map([song, ...photos].map((path) => [`/${basename(path)}`, readFileSync(path)]));
  const origin = createServer((req, res) => {
    const body = files.get(req.url ?? "");
    res.writeHead(body ? 200 : 404, { "content-length": body?.length ?? 0 });
    res.end(body);
  });
  await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
  const originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  const redisPort = 20000 + Math.floor(Math.random() * 20000);
  const children: ChildProcess[] = [];
  const start = (args: string[], env: Record<string, string> = {}) => {
    const child = spawnMvgen(args, env);
    children.push(child);
    return child;
  };
  const redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "ignore"] });
  children.push(redis);
  try {
    await waitForLine(redis, /Ready to accept connections/, "redis-server");
    const runs: ScaleRun[] = [];
    for (const { workers, threads } of [{ workers: 1 }, { workers: 2 }, { workers: 1, threads: 1 }, { workers: 2, threads: 1 }]) {
      const name = `${workers}${threads ? `-t${threads}` : ""}`;
      const dataDir = join(dir, `data-${name}`);
      mkdirSync(dataDir, { recursive: true });
      const db = await openDatabase({ path: join(dataDir, "mvgen.db") });
      const { key } = await createApiKey(db, { credits: 1_000_000_000 }, Date.now());
      await db.destroy();
      const queue = `redis://127.0.0.1:${redisPort}?prefix=bench${name}`;
      const api = start(["serve", "--port", "0", "--data", dataDir, "--queue", queue, "--allow-private-urls"]);
      const [, url] = await waitForLine(api, /mvgen API on (http:\/\/\S+?)\s/, "mvgen serve");
      const logs: string[][] = [];
      for (let w = 0; w < workers; w++) {
        const worker = start(["worker", "--data", dataDir, "--work-dir", join(dir, `work-${name}-${w}`), "--queue", queue, "--public-url", url, "--log", ...(threads ? ["--threads", String(threads)] : [])]);
        const lines: string[] = [];
        logs.push(lines);
        let partial = "";
        worker.stderr!.on("data", (c) => {
          const parts = (partial + c).split("\n");
          partial = parts.pop()!;
          lines.push(...parts.filter((l) => l.startsWith("{")));
        });
        await waitForLine(worker, /taking jobs/, "mvgen worker");
      }
      const t0 = performance.now();
      const created = (await (
        await fetch(`${url}/v1/videos/generations`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "music-video-generator", input: { audio_urls: [`${originUrl}/${basename(song)}`], image_urls: photos.map((p) => `${originUrl}/${basename(p)}`) } }),
        })
      ).json()) as { data?: { taskId: string } };
      if (!created.data) throw new Error(`create failed: ${JSON.stringify(created)}`);
      for (;;) {
        await new Promise((r) => setTimeout(r, 250));
        const task = (await (await fetch(`${url}/v1/tasks/${created.data.taskId}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { data: { status: string; error?: unknown } };
        if (task.data.status === "failed") throw new Error(`the bench task failed: ${JSON.stringify(task.data.error)}`);
        if (task.data.status === "completed") break;
        const percent = (task.data as { progress?: { percent?: number } }).progress?.percent ?? 0;
        if (process.stderr.isTTY) process.stderr.write(`\rbench: scale-out, ${workers} worker(s): ${percent.toFixed(0)} %   `);
      }
      const seconds = (performance.now() - t0) / 1000;
      if (process.stderr.isTTY) process.stderr.write("\n");
      const events = logs.map((lines) => lines.map((l) => JSON.parse(l) as { message: string; job?: string; ms?: number; joinMs?: number }));
      const joined = events.flat().find((e) => e.message === "job done" && e.job === "join");
      runs.push({
        workers,
        threads,
        seconds,
        joinSeconds: (joined?.joinMs ?? NaN) / 1000,
        joinJobSeconds: (joined?.ms ?? NaN) / 1000,
        chunksPerWorker: events.map((list) => list.filter((e) => e.message === "job done" && e.job === "chunk").length),
        jobSeconds: events.flat().reduce<Record<string, number>>((sums, e) => {
          if (e.message === "job done" && e.job) sums[e.job] = (sums[e.job] ?? 0) + (e.ms ?? 0) / 1000;
          return sums;
        }, {}),
      });
      for (const child of children.splice(1)) child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
    }
    return { runs, songSeconds };
  } finally {
    for (const child of children) child.kill("SIGKILL");
    origin.close();
  }
}
