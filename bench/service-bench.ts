/**
 * Service throughput on loopback, for `npm run bench` (call benchService() from bench/bench.ts, or
 * run this file alone): `mvgen serve` runs as its own process (no renders: --workers 0), and this
 * process loads it with plain undici — no extra tools.
 *
 * - GET /v1/tasks/{id}: requests per second over a bounded 3 s run, 32 connections in flight.
 * - POST /v1/videos/generations with a local 60 s MP3: creates per second over 5 s, 4 at a time
 *   (each one fetches, sniffs, probes and decodes the song, then holds credits in a transaction).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Pool } from "undici";
import { tempDir } from "../test/helpers/fixtures.ts";
import { spawnMvgen, waitForLine } from "../test/helpers/cli.ts";
import { ffmpeg } from "../test/helpers/probe.ts";
import { openDatabase } from "../src/store/database.ts";
import { createApiKey } from "../src/store/api-keys.ts";

export interface ServiceBench {
  readonly getPerSecond: number;
  readonly getP50Ms: number;
  readonly getP99Ms: number;
  readonly createsPerSecond: number;
  readonly createP50Ms: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Runs `worker` from `concurrency` loops until `ms` pass; returns each call's latency [ms]. */
async function load(ms: number, concurrency: number, worker: () => Promise<void>): Promise<number[]> {
  const end = performance.now() + ms;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await worker();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies;
}

export async function benchService(): Promise<ServiceBench> {
  const dir = tempDir("mvgen-service-bench-");
  const dataDir = join(dir, "data");
  mkdirSync(dataDir, { recursive: true });
  ffmpeg(["-f", "lavfi", "-i", "sine=frequency=220:duration=60", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "192k", join(dir, "song.mp3")]);
  const mp3 = readFileSync(join(dir, "song.mp3"));
  const origin = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "audio/mpeg", "content-length": mp3.length });
    res.end(mp3);
  });
  await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
  const songUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}/song.mp3`;

  const db = await openDatabase({ path: join(dataDir, "mvgen.db") });
  const { key } = await createApiKey(db, { credits: 1_000_000_000, ratePerMinute: 1_000_000 }, Date.now());
  await db.destroy();

  const child = spawnMvgen(["serve", "--port", "0", "--data", dataDir, "--workers", "0", "--allow-private-urls"], { MVGEN_READ_PER_MINUTE: "100000000" }, "inherit");
  try {
    const [, url] = await waitForLine(child, /mvgen API on (http:\/\/\S+)/, "mvgen serve");
    const pool = new Pool(url, { connections: 32, pipelining: 1 });
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const body = JSON.stringify({ model: "music-video-generator", input: { audio_urls: [songUrl] } });
    const create = async () => {
      const r = await pool.request({ method: "POST", path: "/v1/videos/generations", headers, body });
      const json = (await r.body.json()) as { data?: { taskId: string } };
      if (r.statusCode !== 200) throw new Error(`create answered ${r.statusCode}: ${JSON.stringify(json)}`);
      return json.data!.taskId;
    };
    const taskId = await create();
    const path = `/v1/tasks/${taskId}`;
    await load(500, 32, async () => void (await (await pool.request({ method: "GET", path, headers })).body.dump())); // warm-up
    const gets = await load(3000, 32, async () => {
      const r = await pool.request({ method: "GET", path, headers });
      await r.body.dump();
      if (r.statusCode !== 200) throw new Error(`GET answered ${r.statusCode}`);
    });
    const creates = await load(5000, 4, async () => void (await create()));
    await pool.close();
    return {
      getPerSecond: Math.round(gets.length / 3),
      getP50Ms: Math.round(percentile(gets, 50) * 10) / 10,
      getP99Ms: Math.round(percentile(gets, 99) * 10) / 10,
      createsPerSecond: Math.round((creates.length / 5) * 10) / 10,
      createP50Ms: Math.round(percentile(creates, 50)),
    };
  } finally {
    child.kill("SIGTERM");
    origin.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchService();
  process.stdout.write(
    `| GET /v1/tasks/{id} (loopback, 32 conns, 3 s) | ${result.getPerSecond} req/s | p50 ${result.getP50Ms} ms, p99 ${result.getP99Ms} ms |\n` +
      `| POST /v1/videos/generations, 60 s MP3 (4 at a time, 5 s) | ${result.createsPerSecond} creates/s | p50 ${result.createP50Ms} ms |\n`,
  );
}
