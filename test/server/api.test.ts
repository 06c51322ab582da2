/**
 * One test per row of the error table (DESIGN.md "The HTTP API") and the rules around it: auth,
 * IP allowlists, rate limits and their headers, spend caps, credits, idempotency, cancel, and
 * the ledger's invariants after concurrent creates. Real server, real SQLite file; no renders
 * (workers: 0), so tasks stay pending.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { startOrigin, startTestServer, call, generation, type Origin, type TestServer } from "./harness.ts";
import { writeSongWav, tempDir } from "../helpers/fixtures.ts";
import { readFileSync } from "node:fs";
import { createMedia } from "../../src/media/media.ts";
import { setKeyStatus } from "../../src/store/api-keys.ts";
import { taskCost, billedSeconds } from "../../src/billing/cost.ts";

let server: TestServer;
let origin: Origin;
let songUrl: string;

before(async () => {
  origin = await startOrigin();
  songUrl = origin.file("/song.wav", readFileSync(writeSongWav(tempDir(), 4)), "audio/wav");
  origin.file("/short.wav", readFileSync(writeSongWav(tempDir(), 3.3)), "audio/wav");
  server = await startTestServer({ egress: { allowPrivate: true } });
});

after(async () => {
  await server.close();
  await origin.close();
});

const create = (key: string, body: unknown = generation(songUrl), headers: Record<string, string> = {}) =>
  call(`${server.url}/v1/videos/generations`, { key, body, headers });

function assertError(response: { status: number; body: { error?: { code: string; type: string; message: string } } }, status: number, code: string, type: string) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body.error?.code, code);
  assert.equal(response.body.error?.type, type);
  assert.ok((response.body.error?.message.length ?? 0) > 10);
}

test("200: create returns {code: 200, msg: success, data: {taskId}} and holds clamp(ceil(4 s), 5, 600) × 9 credits", async () => {
  const k = await server.key({ credits: 1000 });
  const response = await create(k.key);
  assert.equal(response.status, 200);
  assert.equal(response.body.code, 200);
  assert.equal(response.body.msg, "success");
  assert.match(response.body.data.taskId, /^[0-9a-f]{32}$/);
  assert.deepEqual(await server.balance(k.accountId), { available: 1000 - 45, held: 45 });
  const task = await call(`${server.url}/v1/tasks/${response.body.data.taskId}`, { key: k.key });
  assert.equal(task.status, 200);
  assert.equal(task.body.data.status, "pending");
  assert.equal(task.body.data.model, "music-video-generator");
  assert.equal(task.headers.get("cache-control"), "no-store");
  const credits = await call(`${server.url}/v1/credits`, { key: k.key });
  assert.deepEqual(credits.body, { code: 200, msg: "success", data: { available: 955, held: 45 } });
});

test("billing: a 3.3 s song at 720p is billed as 5 s × 18; the cost rule is clamp(ceil(s), 5, 600) × rate", async () => {
  const k = await server.key({ credits: 1000 });
  const response = await create(k.key, generation(`${origin.url}/short.wav`, { resolution: "720p" }));
  assert.equal(response.status, 200);
  assert.equal((await server.balance(k.accountId)).held, 90);
  assert.deepEqual([0.2, 4.9, 5, 5.01, 599.9, 600].map(billedSeconds), [5, 5, 5, 6, 600, 600]);
  assert.equal(taskCost("480p", 61.2), 9 * 62);
});

test("401 invalid_api_key: missing, malformed, wrong check characters, unknown, Basic, key in the query — same body", async () => {
  const k = await server.key({ credits: 10 });
  const unknown = (await server.key()).key;
  await setKeyStatus(server.app.mvgen.db, unknown.slice(3, 15), "deleted");
  const badCheck = k.key.slice(0, -1) + (k.key.endsWith("A") ? "B" : "A");
  const attempts = [
    await call(`${server.url}/v1/credits`),
    await call(`${server.url}/v1/credits`, { headers: { authorization: "Bearer " } }),
    await call(`${server.url}/v1/credits`, { headers: { authorization: `Basic ${Buffer.from("user:pw").toString("base64")}` } }),
    await call(`${server.url}/v1/credits`, { key: "sk-not-a-real-key" }),
    await call(`${server.url}/v1/credits`, { key: badCheck }),
    await call(`${server.url}/v1/credits`, { key: unknown }),
    await call(`${server.url}/v1/credits?api_key=${encodeURIComponent(k.key)}`),
  ];
  for (const response of attempts) assertError(response, 401, "invalid_api_key", "authentication_error");
  assert.equal(new Set(attempts.map((a) => JSON.stringify(a.body))).size, 1, "one message for every kind of bad key");
});

test("401 invalid_api_key: a disabled key and a deleted key stop working at once", async () => {
  const k = await server.key({ credits: 10 });
  assert.equal((await call(`${server.url}/v1/credits`, { key: k.key })).status, 200);
  await setKeyStatus(server.app.mvgen.db, k.id, "disabled");
  assertError(await call(`${server.url}/v1/credits`, { key: k.key }), 401, "invalid_api_key", "authentication_error");
  const d = await server.key({ credits: 10 });
  await setKeyStatus(server.app.mvgen.db, d.id, "deleted");
  assertError(await call(`${server.url}/v1/credits`, { key: d.key }), 401, "invalid_api_key", "authentication_error");
});

test("401 invalid_api_key: two Authorization headers (sent on a raw socket)", async () => {
  const k = await server.key({ credits: 10 });
  const { port } = new URL(server.url);
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () =>
      socket.write(`GET /v1/credits HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${k.key}\r\nAuthorization: Bearer ${k.key}\r\nConnection: close\r\n\r\n`),
    );
    let text = "";
    socket.on("data", (chunk) => (text += chunk));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
  assert.match(reply, /^HTTP\/1\.1 401/);
  assert.match(reply, /"code":"invalid_api_key"/);
});

test("401 comes before 400: a bad key with a bad body is told about the key", async () => {
  assertError(await call(`${server.url}/v1/videos/generations`, { raw: "{", headers: { "content-type": "application/json" } }), 401, "invalid_api_key", "authentication_error");
});

test("402 insufficient_credits: balance one short of the cost; no task, no ledger row", async () => {
  const k = await server.key({ credits: 44 });
  const rows = await server.ledgerRows();
  const response = await create(k.key);
  assertError(response, 402, "insufficient_credits", "billing_error");
  assert.match(response.body.error.message, /45 credits/);
  assert.equal(await server.ledgerRows(), rows);
  assert.deepEqual(await server.balance(k.accountId), { available: 44, held: 0 });
  const exact = await server.key({ credits: 45 });
  assert.equal((await create(exact.key)).status, 200, "a balance equal to the cost is enough");
  assert.deepEqual(await server.balance(exact.accountId), { available: 0, held: 45 });
});

test("403 ip_not_allowed: a key limited to 203.0.113.0/24 is refused from 127.0.0.1; 127.0.0.0/8 admits it", async () => {
  const far = await server.key({ credits: 100, ipAllowlist: ["203.0.113.0/24"] });
  const response = await call(`${server.url}/v1/credits`, { key: far.key });
  assertError(response, 403, "ip_not_allowed", "permission_error");
  assert.ok(!response.body.error.message.includes("203.0.113"), "the allowlist is not echoed");
  const near = await server.key({ credits: 100, ipAllowlist: ["127.0.0.0/8", "::1/128"] });
  assert.equal((await call(`${server.url}/v1/credits`, { key: near.key })).status, 200);
  assertError(await call(`${server.url}/v1/credits`, { key: far.key, headers: { "x-forwarded-for": "203.0.113.7" } }), 403, "ip_not_allowed", "permission_error");
});

test("404 model_not_found and 404 task_not_found (unknown id, another account's task, odd ids — same body)", async () => {
  const a = await server.key({ credits: 100 });
  const b = await server.key({ credits: 100 });
  assertError(await create(a.key, { ...generation(songUrl), model: "sora" }), 404, "model_not_found", "invalid_request_error");
  const own = (await create(a.key)).body.data.taskId as string;
  const theirs = await call(`${server.url}/v1/tasks/${own}`, { key: b.key });
  assertError(theirs, 404, "task_not_found", "invalid_request_error");
  for (const id of ["0".repeat(32), "..%2F..%2Fetc%2Fpasswd", "1' OR '1'='1"]) {
    assertError(await call(`${server.url}/v1/tasks/${id}`, { key: b.key }), 404, "task_not_found", "invalid_request_error");
  }
});

test("429 rate_limit_exceeded: RateLimit headers on every response, Retry-After on the 429", async () => {
  const k = await server.key({ credits: 100, ratePerMinute: 2 });
  const bad = { model: "music-video-generator" }; // rate limits apply before validation
  const first = await create(k.key, bad);
  assert.equal(first.status, 400);
  assert.equal(first.headers.get("ratelimit-policy"), '"create";q=2;w=60');
  assert.match(first.headers.get("ratelimit") ?? "", /^"create";r=1;t=\d+$/);
  assert.match((await create(k.key, bad)).headers.get("ratelimit") ?? "", /^"create";r=0;t=\d+$/);
  const third = await create(k.key, bad);
  assertError(third, 429, "rate_limit_exceeded", "rate_limit_error");
  const retry = Number(third.headers.get("retry-after"));
  assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After ${retry}`);
  // Reads have their own, separate budget.
  assert.equal((await call(`${server.url}/v1/credits`, { key: k.key })).status, 200);
});

test("429 spend_limit_exceeded: hourly cap with Retry-After; total cap without; a failed task frees its headroom", async () => {
  const hourly = await server.key({ credits: 1000, spendHourly: 50 });
  assert.equal((await create(hourly.key)).status, 200);
  const over = await create(hourly.key);
  assertError(over, 429, "spend_limit_exceeded", "billing_error");
  assert.match(over.body.error.message, /hourly spend limit of 50/);
  const retry = Number(over.headers.get("retry-after"));
  assert.ok(retry > 3000 && retry <= 3600, `Retry-After ${retry}`);
  assert.deepEqual(await server.balance(hourly.accountId), { available: 955, held: 45 });

  const total = await server.key({ credits: 1000, spendTotal: 89 });
  const first = (await create(total.key)).body.data.taskId as string;
  const refused = await create(total.key);
  assertError(refused, 429, "spend_limit_exceeded", "billing_error");
  assert.equal(refused.headers.get("retry-after"), null, "a total cap never resets");
  const cancelled = await call(`${server.url}/v1/tasks/${first}/cancel`, { key: total.key, method: "POST" });
  assert.equal(cancelled.body.data.status, "failed");
  assert.equal((await create(total.key)).status, 200, "released credits no longer count as spent");
});

test("spend caps are checked before the balance (429 before 402)", async () => {
  const k = await server.key({ credits: 10, spendDaily: 20 });
  assertError(await create(k.key), 429, "spend_limit_exceeded", "billing_error");
});

test("500 internal_error: an unexpected failure while checking inputs is a 500 with no detail; nothing charged", async () => {
  const media = { ...createMedia(), probe: async () => Promise.reject(new TypeError("boom: secret internals")) };
  const broken = await startTestServer({ egress: { allowPrivate: true }, media });
  try {
    const k = await broken.key({ credits: 1000 });
    const response = await call(`${broken.url}/v1/videos/generations`, { key: k.key, body: generation(songUrl) });
    assertError(response, 500, "internal_error", "api_error");
    assert.ok(!response.body.error.message.includes("secret"));
    assert.deepEqual(await broken.balance(k.accountId), { available: 1000, held: 0 });
  } finally {
    await broken.close();
  }
});

test("503 upstream_error: the media tools are missing; nothing charged", async () => {
  const tools = createMedia().tools;
  const media = createMedia({ ...tools, ffprobe: { ...tools.ffprobe, path: "/nonexistent/ffprobe" } });
  const broken = await startTestServer({ egress: { allowPrivate: true }, media });
  try {
    const k = await broken.key({ credits: 1000 });
    assertError(await call(`${broken.url}/v1/videos/generations`, { key: k.key, body: generation(songUrl) }), 503, "upstream_error", "upstream_error");
    assert.deepEqual(await broken.balance(k.accountId), { available: 1000, held: 0 });
  } finally {
    await broken.close();
  }
});

test("429 on failed authentications: 20 bad keys a minute from one address, then Retry-After", async () => {
  const fresh = await startTestServer();
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call(`${fresh.url}/v1/credits`, { key: `sk-guess${i}` })).status);
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
    const limited = await call(`${fresh.url}/v1/credits`, { key: "sk-another-guess" });
    assertError(limited, 429, "rate_limit_exceeded", "rate_limit_error");
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
  } finally {
    await fresh.close();
  }
});

test("concurrent creates: 15 at once against credits for exactly 5 → 5 created, 10 × 402, ledger consistent", async () => {
  const k = await server.key({ credits: 5 * 45, ratePerMinute: 1000 });
  const responses = await Promise.all(Array.from({ length: 15 }, () => create(k.key)));
  const statuses = responses.map((r) => r.status).sort();
  assert.deepEqual(statuses, [...Array(5).fill(200), ...Array(10).fill(402)]);
  assert.deepEqual(await server.balance(k.accountId), { available: 0, held: 225 });
  assert.deepEqual(await server.violations(), []);
});

test("Idempotency-Key: same key and body → same taskId and one hold (also 10 in parallel); another body → 400", async () => {
  const k = await server.key({ credits: 1000, ratePerMinute: 1000 });
  const headers = { "idempotency-key": "order-42" };
  const first = await create(k.key, generation(songUrl), headers);
  const again = await create(k.key, generation(songUrl), headers);
  assert.equal(again.body.data.taskId, first.body.data.taskId);
  assert.equal((await server.balance(k.accountId)).held, 45);
  const parallel = await Promise.all(Array.from({ length: 10 }, () => create(k.key, generation(songUrl, { prompt: "x" }), { "idempotency-key": "burst" })));
  assert.equal(new Set(parallel.map((r) => r.body.data?.taskId)).size, 1);
  assert.equal((await server.balance(k.accountId)).held, 90);
  assertError(await create(k.key, generation(songUrl, { prompt: "other" }), headers), 400, "invalid_request", "invalid_request_error");
  assert.equal((await server.balance(k.accountId)).held, 90);
});

test("cancel (extension): a pending task fails with code canceled and its credits come back; cancelling twice changes nothing", async () => {
  const k = await server.key({ credits: 100 });
  const id = (await create(k.key)).body.data.taskId as string;
  assert.deepEqual(await server.balance(k.accountId), { available: 55, held: 45 });
  const cancelled = await call(`${server.url}/v1/tasks/${id}/cancel`, { key: k.key, method: "POST" });
  assert.equal(cancelled.body.data.status, "failed");
  assert.equal(cancelled.body.data.error.code, "canceled");
  const twice = await call(`${server.url}/v1/tasks/${id}/cancel`, { key: k.key, method: "POST" });
  assert.equal(twice.body.data.status, "failed");
  assert.deepEqual(await server.balance(k.accountId), { available: 100, held: 0 });
  assert.deepEqual(await server.violations(), []);
});

test("more creates at once than the server checks in parallel get 429 with Retry-After, not a queue that times out", async () => {
  const busy = await startTestServer({ egress: { allowPrivate: true }, maxConcurrentCreates: 2 });
  try {
    const k = await busy.key({ credits: 10_000, ratePerMinute: 1000 });
    const responses = await Promise.all(Array.from({ length: 6 }, () => call(`${busy.url}/v1/videos/generations`, { key: k.key, body: generation(songUrl) })));
    const limited = responses.filter((r) => r.status === 429);
    assert.ok(limited.length >= 1 && responses.filter((r) => r.status === 200).length >= 2);
    for (const r of limited) assert.equal(r.headers.get("retry-after"), "5");
    assert.deepEqual(await busy.violations(), []);
  } finally {
    await busy.close();
  }
});

test("OpenAPI document at /openapi.json and docs at /docs; unknown routes get the error envelope", async () => {
  const doc = await call(`${server.url}/openapi.json`);
  assert.equal(doc.body.openapi, "3.1.0");
  for (const path of ["/v1/videos/generations", "/v1/tasks/{taskId}", "/v1/credits", "/v1/tasks/{taskId}/cancel", "/v1/tasks/{taskId}/artifacts"]) {
    assert.ok(doc.body.paths[path], `${path} documented`);
  }
  assert.equal((await fetch(`${server.url}/docs/`)).status, 200);
  const missing = await call(`${server.url}/v2/nothing`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, "not_found");
});
