/**
 * Callbacks: Standard Webhooks signatures (the spec's published vector), and the delivery
 * schedule on an injected clock — attempts at 0, +3 min and +13 min, a 2xx ends it, redirects are
 * not followed — through the real server (task → terminal state → outbox → dispatcher).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startOrigin, startTestServer, call, generation, type Origin, type TestServer } from "./harness.ts";
import { writeSongWav, tempDir } from "../helpers/fixtures.ts";
import { manualClock } from "../../src/store/clock.ts";
import { createWebhookDispatcher } from "../../src/webhooks/dispatcher.ts";
import { signWebhook, verifyWebhook } from "../../src/webhooks/signature.ts";

const MINUTE = 60_000;
const clock = manualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
let server: TestServer;
let origin: Origin;
let songUrl: string;

interface Received {
  at: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

before(async () => {
  origin = await startOrigin();
  songUrl = origin.file("/song.wav", readFileSync(writeSongWav(tempDir(), 3)), "audio/wav");
  server = await startTestServer({ egress: { allowPrivate: true }, clock });
});

after(async () => {
  await server.close();
  await origin.close();
});

/** A receiver at `path` that answers with the given statuses in turn (the last one repeats). */
function receiver(path: string, statuses: number[], location?: string): Received[] {
  const received: Received[] = [];
  origin.route(path, (req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ at: clock.now(), headers: req.headers, body });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)];
      res.writeHead(status, location ? { location } : {});
      res.end("ok");
    });
  });
  return received;
}

/** Creates a task with a callback and cancels it: a terminal transition that queues the callback. */
async function finishedTaskWithCallback(key: string, callbackUrl: string): Promise<string> {
  const created = await call(`${server.url}/v1/videos/generations`, { key, body: generation(songUrl, {}, { callback_url: callbackUrl }) });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const id = created.body.data.taskId as string;
  await call(`${server.url}/v1/tasks/${id}/cancel`, { key, method: "POST" });
  return id;
}

const deliveries = () => server.app.mvgen.webhooks.runDue();

test("Standard Webhooks test vector reproduces exactly and verifies; tampering or a wrong secret fails", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const body = '{"test": 2432232314}';
  const signature = signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
  assert.equal(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  const headers = { id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: "1614265330", signature: `v1,bogus ${signature}` };
  assert.ok(verifyWebhook(secret, headers, body, 1614265330));
  assert.ok(!verifyWebhook(secret, headers, `${body} `, 1614265330), "tampered body");
  assert.ok(!verifyWebhook("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", headers, body, 1614265330), "wrong secret");
  assert.ok(!verifyWebhook(secret, headers, body, 1614265330 + 301), "too old");
});

test("a receiver that fails twice then answers gets exactly 3 signed attempts, at 0, +3 and +13 minutes", async () => {
  const k = await server.key({ credits: 1000 });
  const received = receiver("/hook-flaky", [500, 503, 200]);
  const t0 = clock.now();
  const taskId = await finishedTaskWithCallback(k.key, `${origin.url}/hook-flaky`);
  await deliveries();
  assert.equal(received.length, 1);
  clock.advance(3 * MINUTE - 1000);
  await deliveries();
  assert.equal(received.length, 1, "not before +3 min");
  clock.advance(1000);
  await deliveries();
  assert.equal(received.length, 2);
  clock.advance(10 * MINUTE - 1000);
  await deliveries();
  assert.equal(received.length, 2, "not before +13 min");
  clock.advance(1000);
  await deliveries();
  clock.advance(60 * MINUTE);
  await deliveries();
  assert.equal(received.length, 3, "exactly three attempts");
  assert.deepEqual(received.map((r) => (r.at - t0) / MINUTE), [0, 3, 13]);

  const task = await call(`${server.url}/v1/tasks/${taskId}`, { key: k.key });
  for (const r of received) {
    assert.equal(r.headers["x-task-id"], taskId);
    assert.equal(r.headers["content-type"], "application/json");
    const headers = { id: String(r.headers["webhook-id"]), timestamp: String(r.headers["webhook-timestamp"]), signature: String(r.headers["webhook-signature"]) };
    assert.ok(verifyWebhook(k.webhookSecret, headers, r.body, Math.floor(r.at / 1000)), "signature verifies with the key's secret");
    assert.deepEqual(JSON.parse(r.body), task.body.data, "the body is the task as GET shows it");
  }
  assert.equal(new Set(received.map((r) => r.headers["webhook-id"])).size, 1, "webhook-id is stable across retries");
  assert.deepEqual(
    received.map((r) => Number(r.headers["webhook-timestamp"])),
    [0, 3, 13].map((m) => Math.floor((t0 + m * MINUTE) / 1000)),
    "each attempt carries its own timestamp",
  );
  const attempts = await server.app.mvgen.db.selectFrom("webhook_attempts").selectAll().where("delivery_id", "=", String(received[0].headers["webhook-id"])).orderBy("attempt").execute();
  assert.deepEqual(attempts.map((a) => [a.status, a.outcome]), [[500, "failed"], [503, "failed"], [200, "delivered"]]);
});

test("a receiver that always fails gets 3 attempts in all; a 2xx at the first attempt gets exactly one", async () => {
  const k = await server.key({ credits: 1000 });
  const failing = receiver("/hook-down", [500]);
  const happy = receiver("/hook-up", [204]);
  await finishedTaskWithCallback(k.key, `${origin.url}/hook-down`);
  await finishedTaskWithCallback(k.key, `${origin.url}/hook-up`);
  for (let i = 0; i < 6; i++) {
    await deliveries();
    clock.advance(10 * MINUTE);
  }
  assert.equal(failing.length, 3);
  assert.equal(happy.length, 1);
});

test("a 302 from the receiver is a failed attempt and is not followed", async () => {
  const k = await server.key({ credits: 1000 });
  const target = receiver("/hook-target", [200]);
  const redirecting = receiver("/hook-moved", [302], `${origin.url}/hook-target`);
  await finishedTaskWithCallback(k.key, `${origin.url}/hook-moved`);
  await deliveries();
  assert.equal(redirecting.length, 1);
  assert.equal(target.length, 0, "the redirect target was never contacted");
  clock.advance(3 * MINUTE);
  await deliveries();
  assert.equal(redirecting.length, 2, "the 302 counted as a failure and was retried");
});

test("two API processes sharing the outbox send each attempt once (scale-out: several `mvgen serve` on one database)", async () => {
  const k = await server.key({ credits: 1000 });
  const received = receiver("/hook-shared", [500, 200]);
  await finishedTaskWithCallback(k.key, `${origin.url}/hook-shared`);
  // A second dispatcher on the same database, as another API process would run.
  const other = createWebhookDispatcher(server.app.mvgen.db, server.app.mvgen.egress, clock);
  await Promise.all([deliveries(), other.runDue(), deliveries(), other.runDue()]);
  assert.equal(received.length, 1, "the first attempt once");
  clock.advance(3 * MINUTE);
  await Promise.all([other.runDue(), deliveries(), other.runDue()]);
  assert.equal(received.length, 2, "the retry once");
  clock.advance(60 * MINUTE);
  await Promise.all([other.runDue(), deliveries()]);
  assert.equal(received.length, 2, "delivered: no more attempts");
  await other.stop();
});
