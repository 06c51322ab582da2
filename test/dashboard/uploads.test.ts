/**
 * The API extensions the dashboard stands on: POST /v1/uploads (checked, private, expiring, usable
 * by the owner's creates without the public-URL guard), GET /v1/tasks, the plan pictures, and `/`.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { call, generation, startTestServer, type TestServer } from "../server/harness.ts";
import { tempDir, writeGradient, writePhoto, writeSongWav } from "../helpers/fixtures.ts";
import { manualClock } from "../../src/store/clock.ts";
import { UPLOAD_TTL_MS } from "../../src/server/routes/uploads.ts";
import { ensureDashboardBuilt } from "./browser.ts";

async function upload(url: string, key: string | undefined, bytes: Buffer, name: string, purpose?: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${url}/v1/uploads${purpose ? `?purpose=${purpose}` : ""}`, {
    method: "POST",
    body: form,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}

describe("uploads and dashboard routes", () => {
  const clock = manualClock(Date.UTC(2026, 0, 5, 12));
  let server: TestServer;
  let dir: string;
  let song: Buffer;

  before(async () => {
    ensureDashboardBuilt();
    dir = tempDir("mvgen-uploads-");
    song = readFileSync(writeSongWav(dir, 3));
    server = await startTestServer({ clock });
  });
  after(async () => {
    await server?.close();
  });

  it("stores a song for its owner only, measures it, and lets only the owner's creates use it", async () => {
    const a = await server.key({ credits: 1000 });
    const b = await server.key({ credits: 1000 });
    const up = await upload(server.url, a.key, song, "my song.wav", "audio");
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const data = up.body.data;
    assert.equal(data.kind, "audio");
    assert.equal(data.seconds, 3);
    assert.deepEqual(data.cost, { "480p": 45, "720p": 90 });
    assert.match(data.url, new RegExp(`^${server.url}/files/uploads/[0-9a-f]{32}/my-song\\.wav$`));

    assert.equal((await call(data.url)).status, 401);
    assert.equal((await call(data.url, { key: b.key })).status, 404);
    const own = await fetch(data.url, { headers: { authorization: `Bearer ${a.key}` } });
    assert.equal(own.status, 200);
    assert.deepEqual(Buffer.from(await own.arrayBuffer()), song);

    const foreign = await call(`${server.url}/v1/videos/generations`, { key: b.key, body: generation(data.url) });
    assert.equal(foreign.status, 400);
    assert.match(foreign.body.error.message, /^audio_urls\[0\] is an upload that has expired or belongs to another key; upload the file again/);
    assert.deepEqual(await server.balance(b.accountId), { available: 1000, held: 0 });

    // A look-alike URL that is not exactly the server's own upload goes through the public-URL guard.
    const lookalike = await call(`${server.url}/v1/videos/generations`, { key: a.key, body: generation(`${data.url}?x=1`) });
    assert.equal(lookalike.status, 400);
    assert.match(lookalike.body.error.message, /not a public address/);

    const created = await call(`${server.url}/v1/videos/generations`, { key: a.key, body: generation(data.url) });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.deepEqual(await server.balance(a.accountId), { available: 955, held: 45 });

    const list = await call(`${server.url}/v1/tasks`, { key: a.key });
    assert.equal(list.status, 200);
    assert.equal(list.body.data.tasks.length, 1);
    assert.deepEqual(
      { id: list.body.data.tasks[0].id, status: list.body.data.tasks[0].status, cost: list.body.data.tasks[0].cost, resolution: list.body.data.tasks[0].resolution },
      { id: created.body.data.taskId, status: "pending", cost: 45, resolution: "480p" },
    );
    assert.deepEqual((await call(`${server.url}/v1/tasks`, { key: b.key })).body.data.tasks, []);
    assert.equal((await call(`${server.url}/v1/tasks?limit=abc`, { key: a.key })).status, 400);

    // Not planned yet → 404; another account's task → the usual task_not_found.
    const plot = await call(`${server.url}/v1/tasks/${created.body.data.taskId}/analysis.png`, { key: a.key });
    assert.equal(plot.status, 404);
    assert.match(plot.body.error.message, /has no plan yet/);
    assert.equal((await call(`${server.url}/v1/tasks/${created.body.data.taskId}/storyboard.png`, { key: b.key })).body.error.code, "task_not_found");

    clock.advance(UPLOAD_TTL_MS + 1000);
    assert.equal((await call(data.url, { key: a.key })).status, 404);
    const expired = await call(`${server.url}/v1/videos/generations`, { key: a.key, body: generation(data.url) });
    assert.equal(expired.status, 400);
    assert.match(expired.body.error.message, /expired/);
  });

  it("explains bad files in plain words and charges nothing", async () => {
    const a = await server.key({ credits: 100 });
    const text = await upload(server.url, a.key, Buffer.from("just words\n".repeat(50)), "lyrics.txt", "audio");
    assert.equal(text.status, 400);
    assert.equal(text.body.error.message, "lyrics.txt is not an MP3, WAV or M4A file (its bytes look like no known audio format); send the song as MP3, WAV or M4A.");
    const empty = await upload(server.url, a.key, Buffer.alloc(0), "empty.mp3", "audio");
    assert.equal(empty.status, 400);
    assert.match(empty.body.error.message, /empty\.mp3 is empty/);
    const sky = await upload(server.url, a.key, readFileSync(writeGradient(dir, "sky.png", 300, 300)), "sky.png", "image");
    assert.equal(sky.status, 400);
    assert.match(sky.body.error.message, /^sky\.png has no face/);
    const songAsPhoto = await upload(server.url, a.key, song, "song.wav", "image");
    assert.equal(songAsPhoto.status, 400);
    assert.match(songAsPhoto.body.error.message, /not a JPEG, PNG or WebP image/);
    const face = await upload(server.url, a.key, readFileSync(writePhoto(dir, "me.png", 400, 500)), "me.png");
    assert.equal(face.status, 200, JSON.stringify(face.body));
    assert.equal(face.body.data.kind, "image");
    assert.equal(face.body.data.face.found, true);
    const json = await call(`${server.url}/v1/uploads`, { key: a.key, body: { file: "x" } });
    assert.equal(json.status, 400);
    assert.equal((await upload(server.url, undefined, song, "song.wav")).status, 401);
    // Multipart stays confined to /v1/uploads.
    const form = new FormData();
    form.append("model", "music-video-generator");
    const multipart = await fetch(`${server.url}/v1/videos/generations`, { method: "POST", body: form, headers: { authorization: `Bearer ${a.key}` } });
    assert.equal(multipart.status, 400);
    assert.deepEqual(await server.balance(a.accountId), { available: 100, held: 0 });
  });

  it("serves the built dashboard at / with a self-only Content-Security-Policy", async () => {
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'self'/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => m[1]).filter((a) => a !== "/docs");
    assert.ok(assets.length >= 2);
    for (const asset of assets) {
      assert.match(asset, /^\/assets\//, `local asset: ${asset}`);
      const response = await fetch(`${server.url}${asset}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("cache-control") ?? "", /immutable/);
    }
    assert.equal((await call(`${server.url}/assets/nope.js`)).body.error.code, "not_found");
  });
});
