/**
 * The bad-input suite (api-reliability.md §9 A/B): every case against the real server and a
 * real SQLite file, asserting the status, the error code and type, and that no money moved (the
 * balance and the ledger's row count are unchanged).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { startOrigin, startTestServer, call, generation, type Origin, type TestServer } from "./harness.ts";
import { makeMediaFixtures, pngHeaderClaiming, type MediaFixtures } from "./media-fixtures.ts";
import { API_ERRORS } from "../../src/server/api-error.ts";

let server: TestServer;
let origin: Origin;
let canary: Origin;
let media: MediaFixtures;
let key: string;
let account: string;

before(async () => {
  media = makeMediaFixtures();
  origin = await startOrigin();
  canary = await startOrigin();
  // Private addresses are refused, except this test's own origin (so the fetch path is real).
  server = await startTestServer({ egress: { allowPrivate: false, allowAddress: (address, port) => port === origin.port && address === "127.0.0.1" } });
  const created = await server.key({ credits: 10_000, ratePerMinute: 100_000 });
  key = created.key;
  account = created.accountId;
  origin.file("/song.wav", media.wav4, "audio/wav");
  origin.file("/song.mp3", media.mp3, "audio/mpeg");
  origin.file("/page.html", "<!doctype html><html><body>not a song</body></html>", "text/html");
  origin.file("/song.aac", media.adts, "audio/aac");
  origin.file("/adts-as.mp3", media.adts, "audio/mpeg");
  origin.file("/empty.mp3", Buffer.alloc(0), "audio/mpeg");
  origin.file("/one.mp3", Buffer.from([0xff]), "audio/mpeg");
  origin.file("/random.mp3", randomBytes(100), "audio/mpeg");
  origin.file("/truncated.mp3", media.mp3Long.subarray(0, 4096), "audio/mpeg");
  origin.file("/song.flac", media.flac, "audio/flac");
  origin.file("/film.mp4", media.mp4Video, "video/mp4");
  origin.file("/long.wav", media.wav601, "audio/wav");
  origin.file("/playlist.mp3", "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n", "audio/mpeg");
  origin.file("/face.png", media.photo, "image/png");
  origin.file("/gradient.png", media.gradient, "image/png");
  origin.file("/bomb.png", pngHeaderClaiming(20000, 20000), "image/png");
  origin.file("/image.svg", '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1/"/></svg>', "image/svg+xml");
  origin.file("/notes.txt", "just text", "image/png");
  origin.route("/to-canary", (_req, res) => {
    res.writeHead(302, { location: `${canary.url}/secret` });
    res.end();
  });
  origin.route("/to-metadata", (_req, res) => {
    res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" });
    res.end();
  });
  for (let i = 0; i < 5; i++) {
    origin.route(`/hop${i}`, (_req, res) => {
      res.writeHead(302, { location: `/hop${i + 1}` });
      res.end();
    });
  }
  origin.route("/hop5", (_req, res) => {
    res.writeHead(200, { "content-type": "audio/wav" });
    res.end(media.wav4);
  });
  origin.route("/status500", (_req, res) => {
    res.writeHead(500);
    res.end("database password is hunter2");
  });
});

after(async () => {
  await server.close();
  await origin.close();
  await canary.close();
});

const song = () => `${origin.url}/song.wav`;

interface Case {
  readonly name: string;
  readonly status: number;
  readonly code: string;
  readonly body?: () => unknown;
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  /** Part of the message that must appear (names the field). */
  readonly mentions?: string;
}

const cases: Case[] = [
  // Malformed bodies (B1)
  { name: "invalid JSON", raw: '{"model": "music-video-generator",', headers: { "content-type": "application/json" }, status: 400, code: "invalid_request" },
  { name: "empty body", raw: "", headers: { "content-type": "application/json" }, status: 400, code: "invalid_request" },
  { name: "text/plain body", raw: "model=music-video-generator", headers: { "content-type": "text/plain" }, status: 400, code: "invalid_request" },
  { name: "65 kB body", body: () => generation(song(), { prompt: "x".repeat(70_000) }), status: 400, code: "invalid_request" },
  { name: "__proto__ pollution", raw: '{"__proto__":{"polluted":1},"model":"music-video-generator","input":{"audio_urls":["http://x.example/a.mp3"]}}', headers: { "content-type": "application/json" }, status: 400, code: "invalid_request" },
  { name: "body is an array", body: () => [generation(song())], status: 400, code: "invalid_request" },
  { name: "body is a string", body: () => "music-video-generator", status: 400, code: "invalid_request" },
  // model (B2)
  { name: "model missing", body: () => ({ input: { audio_urls: [song()] } }), status: 400, code: "invalid_request", mentions: "model" },
  { name: "model is a number", body: () => ({ ...generation(song()), model: 7 }), status: 400, code: "invalid_request", mentions: "model" },
  { name: "model is null", body: () => ({ ...generation(song()), model: null }), status: 400, code: "invalid_request", mentions: "model" },
  { name: "unknown model", body: () => ({ ...generation(song()), model: "foo" }), status: 404, code: "model_not_found", mentions: "foo" },
  // audio_urls (B3)
  { name: "input missing", body: () => ({ model: "music-video-generator" }), status: 400, code: "invalid_request", mentions: "input" },
  { name: "audio_urls missing", body: () => ({ model: "music-video-generator", input: {} }), status: 400, code: "invalid_request", mentions: "audio_urls" },
  { name: "audio_urls empty", body: () => ({ model: "music-video-generator", input: { audio_urls: [] } }), status: 400, code: "invalid_request", mentions: "input.audio_urls" },
  { name: "two audio_urls", body: () => ({ model: "music-video-generator", input: { audio_urls: [song(), song()] } }), status: 400, code: "invalid_request", mentions: "input.audio_urls" },
  { name: "audio_urls holds a number", body: () => ({ model: "music-video-generator", input: { audio_urls: [42] } }), status: 400, code: "invalid_request", mentions: "input.audio_urls[0]" },
  { name: "audio_urls holds an empty string", body: () => ({ model: "music-video-generator", input: { audio_urls: [""] } }), status: 400, code: "invalid_request", mentions: "input.audio_urls[0]" },
  { name: "audio_urls is a string", body: () => ({ model: "music-video-generator", input: { audio_urls: song() } }), status: 400, code: "invalid_request", mentions: "input.audio_urls" },
  // image_urls (B4)
  { name: "four image_urls", body: () => generation(song(), { image_urls: [1, 2, 3, 4].map(() => `${origin.url}/face.png`) }), status: 400, code: "invalid_request", mentions: "input.image_urls" },
  { name: "image_urls not an array", body: () => generation(song(), { image_urls: `${origin.url}/face.png` }), status: 400, code: "invalid_request", mentions: "input.image_urls" },
  { name: "image_urls holds null", body: () => generation(song(), { image_urls: [null] }), status: 400, code: "invalid_request", mentions: "input.image_urls[0]" },
  // prompt (B5)
  { name: "prompt of 2501 characters", body: () => generation(song(), { prompt: "a".repeat(2501) }), status: 400, code: "invalid_request", mentions: "input.prompt" },
  { name: "prompt of 2501 emoji", body: () => generation(song(), { prompt: "🎤".repeat(2501) }), status: 400, code: "invalid_request", mentions: "input.prompt" },
  { name: "prompt with a NUL", body: () => generation(song(), { prompt: "neon\u0000night" }), status: 400, code: "invalid_request", mentions: "input.prompt" },
  { name: "prompt with a lone surrogate", raw: '{"model":"music-video-generator","input":{"audio_urls":["http://x.example/a.mp3"],"prompt":"a\\ud800b"}}', headers: { "content-type": "application/json" }, status: 400, code: "invalid_request", mentions: "input.prompt" },
  { name: "prompt is a number", body: () => generation(song(), { prompt: 5 }), status: 400, code: "invalid_request", mentions: "input.prompt" },
  // lyrics (extension)
  { name: "lyrics with no words", body: () => generation(song(), { lyrics: "[Chorus]\n\n[Outro]" }), status: 400, code: "invalid_request", mentions: "input.lyrics has no words to sing" },
  { name: "lyrics with word times out of order", body: () => generation(song(), { lyrics: "[00:01.00]<00:02.00>late <00:01.50>early" }), status: 400, code: "invalid_request", mentions: "input.lyrics line 1" },
  { name: "lyrics with a NUL", body: () => generation(song(), { lyrics: "la\u0000la" }), status: 400, code: "invalid_request", mentions: "input.lyrics" },
  { name: "lyrics of 16001 characters", body: () => generation(song(), { lyrics: "la ".repeat(5334).slice(0, 16001) }), status: 400, code: "invalid_request", mentions: "input.lyrics" },
  { name: "lyrics are a list", body: () => generation(song(), { lyrics: ["la"] }), status: 400, code: "invalid_request", mentions: "input.lyrics" },
  // aspect ratio, resolution (B6)
  { name: "aspect_ratio 1:1", body: () => generation(song(), { aspect_ratio: "1:1" }), status: 400, code: "invalid_request", mentions: "input.aspect_ratio" },
  { name: "resolution 1080p", body: () => generation(song(), { resolution: "1080p" }), status: 400, code: "invalid_request", mentions: "input.resolution" },
  { name: "resolution 720P (wrong case)", body: () => generation(song(), { resolution: "720P" }), status: 400, code: "invalid_request", mentions: "input.resolution" },
  // Unknown fields (B7) — including the hosted API's absent `duration`
  { name: "unknown top-level field", body: () => ({ ...generation(song()), priority: "high" }), status: 400, code: "invalid_request", mentions: "priority" },
  { name: "unknown input field (duration)", body: () => generation(song(), { duration: 30 }), status: 400, code: "invalid_request", mentions: "duration" },
  // callback_url
  { name: "callback_url not a URL", body: () => generation(song(), {}, { callback_url: "not a url" }), status: 400, code: "invalid_request", mentions: "callback_url" },
  { name: "callback_url on loopback", body: () => generation(song(), {}, { callback_url: "http://127.0.0.1:9/hook" }), status: 400, code: "invalid_request", mentions: "callback_url" },
  { name: "callback_url to cloud metadata", body: () => generation(song(), {}, { callback_url: "http://169.254.169.254/hook" }), status: 400, code: "invalid_request", mentions: "callback_url" },
  // SSRF (B-SSRF): every one refused before any connection
  ...[
    "http://127.0.0.1/",
    "http://127.1/",
    "http://0.0.0.0/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127。0。0。1/",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://foo.localhost/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[2002:7f00:1::]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/",
    "http://metadata.google.internal/",
    "http://100.100.100.200/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "file:///etc/passwd",
    "ftp://example.com/song.mp3",
    "gopher://example.com/",
    "data:audio/mp3;base64,AAAA",
    "http://user:pass@example.com/song.mp3",
    `http://example.com/${"a".repeat(3000)}`,
  ].map((url): Case => ({ name: `audio URL ${url.slice(0, 60)}`, body: () => generation(url), status: 400, code: "invalid_request", mentions: "audio_urls[0]" })),
  { name: "image URL on a private network", body: () => generation(song(), { image_urls: ["http://192.168.1.1/me.jpg"] }), status: 400, code: "invalid_request", mentions: "image_urls[0]" },
  { name: "redirect to a private address", body: () => generation(`${origin.url}/to-canary`), status: 400, code: "invalid_request", mentions: "audio_urls[0]" },
  { name: "redirect to cloud metadata", body: () => generation(`${origin.url}/to-metadata`), status: 400, code: "invalid_request", mentions: "audio_urls[0]" },
  { name: "five redirects", body: () => generation(`${origin.url}/hop0`), status: 400, code: "invalid_request", mentions: "redirected" },
  // Fetch results (B12)
  { name: "origin answers 404", body: () => generation(`${origin.url}/missing.mp3`), status: 400, code: "invalid_request", mentions: "404" },
  { name: "origin answers 500 (body not echoed)", body: () => generation(`${origin.url}/status500`), status: 400, code: "invalid_request", mentions: "500" },
  // Audio corpus (B18–B24)
  { name: "HTML served as audio", body: () => generation(`${origin.url}/page.html`), status: 400, code: "invalid_request", mentions: "audio_urls[0]" },
  { name: "raw ADTS .aac", body: () => generation(`${origin.url}/song.aac`), status: 400, code: "invalid_request", mentions: "ADTS" },
  { name: "ADTS renamed .mp3", body: () => generation(`${origin.url}/adts-as.mp3`), status: 400, code: "invalid_request", mentions: "ADTS" },
  { name: "zero bytes", body: () => generation(`${origin.url}/empty.mp3`), status: 400, code: "invalid_request", mentions: "audio_urls[0]" },
  { name: "one byte", body: () => generation(`${origin.url}/one.mp3`), status: 400, code: "invalid_request", mentions: "audio_urls[0]" },
  { name: "100 random bytes", body: () => generation(`${origin.url}/random.mp3`), status: 400, code: "invalid_request", mentions: "audio_urls[0]" },
  { name: "truncated MP3 (first 4 kB)", body: () => generation(`${origin.url}/truncated.mp3`), status: 400, code: "invalid_request", mentions: "truncated" },
  { name: "FLAC", body: () => generation(`${origin.url}/song.flac`), status: 400, code: "invalid_request", mentions: "MP3, WAV or M4A" },
  { name: "MP4 with a video track", body: () => generation(`${origin.url}/film.mp4`), status: 400, code: "invalid_request", mentions: "video track" },
  { name: "601 s song", body: () => generation(`${origin.url}/long.wav`), status: 400, code: "invalid_request", mentions: "600 s" },
  { name: "HLS playlist named .mp3", body: () => generation(`${origin.url}/playlist.mp3`), status: 400, code: "invalid_request", mentions: "audio_urls[0]" },
  // Images (B28–B29)
  { name: "photo with no face", body: () => generation(song(), { image_urls: [`${origin.url}/gradient.png`] }), status: 400, code: "invalid_request", mentions: "image_urls[0]" },
  { name: "second photo with no face", body: () => generation(song(), { image_urls: [`${origin.url}/face.png`, `${origin.url}/gradient.png`] }), status: 400, code: "invalid_request", mentions: "photo 2" },
  { name: "PNG bomb header (20000×20000)", body: () => generation(song(), { image_urls: [`${origin.url}/bomb.png`] }), status: 400, code: "invalid_request", mentions: "20000×20000" },
  { name: "SVG photo", body: () => generation(song(), { image_urls: [`${origin.url}/image.svg`] }), status: 400, code: "invalid_request", mentions: "image_urls[0]" },
  { name: "text served as an image", body: () => generation(song(), { image_urls: [`${origin.url}/notes.txt`] }), status: 400, code: "invalid_request", mentions: "image_urls[0]" },
  // Idempotency-Key grammar
  { name: "Idempotency-Key with spaces", body: () => generation(`${origin.url}/song.wav`), headers: { "idempotency-key": "two words" }, status: 400, code: "invalid_request", mentions: "Idempotency-Key" },
];

test(`the bad-input suite has at least 40 cases (${cases.length})`, () => {
  assert.ok(cases.length >= 40);
});

for (const c of cases) {
  test(`bad input: ${c.name} → ${c.status} ${c.code}, nothing charged`, async () => {
    const before = await server.balance(account);
    const rows = await server.ledgerRows();
    const response = await call(`${server.url}/v1/videos/generations`, { key, body: c.body?.(), raw: c.raw, headers: c.headers, method: "POST" });
    assert.equal(response.status, c.status, JSON.stringify(response.body));
    assert.equal(response.body.error.code, c.code);
    assert.equal(response.body.error.type, API_ERRORS[c.code as keyof typeof API_ERRORS].type);
    assert.equal(typeof response.body.error.message, "string");
    if (c.mentions) assert.ok(response.body.error.message.includes(c.mentions), `message "${response.body.error.message}" names ${c.mentions}`);
    assert.ok(!response.body.error.message.includes("hunter2"), "fetched bodies are never echoed");
    assert.deepEqual(await server.balance(account), before, "the balance did not change");
    assert.equal(await server.ledgerRows(), rows, "no ledger row was written");
  });
}

test("no request reached the canary behind a redirect, and prototypes are unpolluted", () => {
  assert.equal(canary.hits.size, 0);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("a 2500-character prompt of emoji and combining marks is accepted (code points are counted)", async () => {
  const prompt = "🎤".repeat(1250) + "e\u0301".repeat(625);
  assert.equal([...prompt].length, 2500);
  const response = await call(`${server.url}/v1/videos/generations`, { key, body: generation(song(), { prompt }) });
  assert.equal(response.status, 200, JSON.stringify(response.body));
});

test("a redirect chain of three hops to a public-policy origin is followed", async () => {
  const response = await call(`${server.url}/v1/videos/generations`, { key, body: generation(`${origin.url}/hop2`) });
  assert.equal(response.status, 200, JSON.stringify(response.body));
});
