/**
 * End to end on loopback: a local origin serves a short song and a portrait; the real server
 * fetches them, renders in a child process, and serves the MP4 (Range, ETag, 304); the callback
 * arrives signed; the ledger shows exactly one capture.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startOrigin, startTestServer, call, generation, waitFor, waitForTaskEnd, type Origin, type TestServer } from "./harness.ts";
import { writePhoto, writeSongWav, tempDir } from "../helpers/fixtures.ts";
import { ffprobe } from "../helpers/probe.ts";
import { request } from "undici";
import { verifyWebhook } from "../../src/webhooks/signature.ts";

let server: TestServer;
let origin: Origin;

before(async () => {
  origin = await startOrigin();
  server = await startTestServer({ egress: { allowPrivate: true }, workers: 1, webhookIntervalMs: 200, nsfwFrames: 2 });
});

after(async () => {
  await server.close();
  await origin.close();
});

test("create → poll to completed → download the MP4 with Range → ffprobe; signed callback; one capture", async () => {
  const dir = tempDir();
  const songUrl = origin.file("/song.wav", readFileSync(writeSongWav(dir, 3)), "audio/wav");
  const photoUrl = origin.file("/me.png", readFileSync(writePhoto(dir, "me.png", 360, 480)), "image/png");
  const callbacks: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
  origin.route("/hook", (req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      callbacks.push({ headers: req.headers, body });
      res.writeHead(200);
      res.end();
    });
  });
  const k = await server.key({ credits: 100 });

  const created = await call(`${server.url}/v1/videos/generations`, {
    key: k.key,
    body: generation(songUrl, { image_urls: [photoUrl], prompt: "neon city at night", lyrics: "Oh la la,\nsing it out loud" }, { callback_url: `${origin.url}/hook` }),
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const taskId = created.body.data.taskId as string;
  assert.deepEqual(await server.balance(k.accountId), { available: 55, held: 45 });

  const seen = new Set<string>();
  const done = await waitForTaskEnd(server.url, taskId, k.key, 90_000, 150, (task) => seen.add(task.status));
  assert.equal(done.status, "completed", JSON.stringify(done.error));
  assert.ok(seen.has("processing"), `statuses seen: ${[...seen]}`);
  assert.deepEqual(done.progress, { stage: "done", percent: 100 });
  assert.equal(done.output.metadata.model, "music-video-generator");
  assert.deepEqual(done.output.metadata.has_nsfw_contents, [false]);
  assert.ok(Number.isInteger(done.completed_at) && done.completed_at >= done.created_at);
  const url = done.output.urls[0] as string;
  assert.ok(url.startsWith(`${server.url}/files/videos/${taskId}/`), url);

  const whole = await fetch(url);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get("content-type"), "video/mp4");
  assert.equal(whole.headers.get("x-content-type-options"), "nosniff");
  const bytes = Buffer.from(await whole.arrayBuffer());
  const etag = whole.headers.get("etag");
  assert.ok(etag);
  const part = await fetch(url, { headers: { range: "bytes=100-1099" } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get("content-range"), `bytes 100-1099/${bytes.length}`);
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(100, 1100));
  // undici's request, not fetch: fetch adds Cache-Control: no-cache to conditional requests.
  const conditional = await request(url, { headers: { "if-none-match": etag } });
  await conditional.body.dump();
  assert.equal(conditional.statusCode, 304);

  const file = join(dir, "downloaded.mp4");
  writeFileSync(file, bytes);
  const info = ffprobe(file);
  const video = info.streams.find((s) => s.type === "video");
  const audio = info.streams.find((s) => s.type === "audio");
  assert.equal(video?.codec, "h264");
  assert.equal(audio?.codec, "aac");
  assert.equal(video?.width, 480, "a portrait photo gives 9:16");
  assert.equal(video?.height, 854);
  assert.ok(Math.abs((video?.duration ?? 0) - 3) <= 0.04, `video lasts ${video?.duration} s`);

  assert.deepEqual(await server.balance(k.accountId), { available: 55, held: 0 }, "captured");
  assert.deepEqual(await server.violations(), []);

  // The lyrics (an extension field) were kept beside the song for the render.
  assert.equal(readFileSync(join(server.dataDir, "tasks", taskId, "input", "lyrics.txt"), "utf8"), "Oh la la,\nsing it out loud");
  const artifacts = await call(`${server.url}/v1/tasks/${taskId}/artifacts`, { key: k.key });
  assert.equal(artifacts.body.data.timeline.version !== undefined, true);
  assert.ok(artifacts.body.data.analysis && artifacts.body.data.storyboard);

  const callback = await waitFor("the callback", async () => callbacks[0], 10_000);
  assert.equal(callbacks.length, 1);
  assert.equal(callback.headers["x-task-id"], taskId);
  const headers = { id: String(callback.headers["webhook-id"]), timestamp: String(callback.headers["webhook-timestamp"]), signature: String(callback.headers["webhook-signature"]) };
  assert.ok(verifyWebhook(k.webhookSecret, headers, callback.body, Math.floor(Date.now() / 1000)));
  assert.deepEqual(JSON.parse(callback.body), done);

  const wrongFile = await call(`${server.url}/files/videos/${taskId}/../../mvgen.db`);
  assert.equal(wrongFile.status, 404);
});

test("a render that fails (a silent song) ends failed with an actionable error, and the credits come back", async () => {
  const dir = tempDir();
  // 3 s of digital silence: accepted at creation (it decodes), refused by the pipeline.
  const silent = Buffer.alloc(44 + 22050 * 2 * 3);
  silent.write("RIFF", 0, "latin1");
  silent.writeUInt32LE(silent.length - 8, 4);
  silent.write("WAVEfmt ", 8, "latin1");
  silent.writeUInt32LE(16, 16);
  silent.writeUInt16LE(1, 20);
  silent.writeUInt16LE(1, 22);
  silent.writeUInt32LE(22050, 24);
  silent.writeUInt32LE(44100, 28);
  silent.writeUInt16LE(2, 32);
  silent.writeUInt16LE(16, 34);
  silent.write("data", 36, "latin1");
  silent.writeUInt32LE(22050 * 2 * 3, 40);
  writeFileSync(join(dir, "silent.wav"), silent);
  const url = origin.file("/silent.wav", silent, "audio/wav");
  const k = await server.key({ credits: 100 });
  const created = await call(`${server.url}/v1/videos/generations`, { key: k.key, body: generation(url) });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const done = await waitForTaskEnd(server.url, created.body.data.taskId, k.key, 60_000);
  assert.equal(done.status, "failed");
  assert.equal(done.error.code, "audio_silent");
  assert.match(done.error.message, /silent/);
  assert.equal(done.output, undefined);
  assert.deepEqual(await server.balance(k.accountId), { available: 100, held: 0 }, "released");
  assert.deepEqual(await server.violations(), []);
});
