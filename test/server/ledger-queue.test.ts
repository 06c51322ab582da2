/**
 * The money and job state machine on a real SQLite file, without HTTP: exactly-once settlement
 * under races, lease fencing of stale workers, and the egress address policy.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Db } from "../../src/store/database.ts";
import { openTestDatabase } from "../helpers/database.ts";
import { createApiKey, parseKey } from "../../src/store/api-keys.ts";
import { accountBalance, findLedgerViolations, holdCredits } from "../../src/billing/ledger.ts";
import { completedOutcome, finishTask, insertTask } from "../../src/store/tasks.ts";
import { claimJob, enqueueJob, expiredJobs, heartbeat, requeue } from "../../src/queue/job-queue.ts";
import { isPublicAddress } from "../../src/egress/address-policy.ts";
import { imageSize } from "../../src/server/image-size.ts";
import { tempDir, drawPortrait } from "../helpers/fixtures.ts";

async function withTask(cost = 45): Promise<{ db: Db; taskId: string; accountId: string }> {
  const db = await openTestDatabase(join(tempDir(), "ledger.db"));
  const key = await createApiKey(db, { credits: 100 }, 0);
  const row = (await db.selectFrom("api_keys").selectAll().where("id", "=", key.id).executeTakeFirstOrThrow());
  const taskId = "a".repeat(32);
  await db.transaction().execute(async (trx) => {
    await holdCredits(trx, { accountId: key.accountId, apiKeyId: key.id, taskId, cost, now: 0 });
    await insertTask(trx, {
      id: taskId, account_id: key.accountId, api_key_id: row.id, model: "music-video-generator", status: "pending", request: "{}", resolution: "480p",
      audio_seconds: 4, billed_seconds: 5, cost, callback_url: null, created_at: 0, started_at: null, completed_at: null, deadline_at: 1e12,
      progress_stage: null, progress_percent: null, output: null, error_code: null, error_message: null, cancel_requested: 0,
    });
    await enqueueJob(trx, taskId, 0, 2);
  });
  return { db, taskId, accountId: key.accountId };
}

const failed = { status: "failed" as const, code: "render_failed", message: "x" };
const body = () => "{}";

test("the failure path run twice in parallel releases once; the second call is a no-op", async () => {
  const { db, taskId, accountId } = await withTask();
  const results = await Promise.all([1, 2, 3].map(() => finishTask(db, { taskId, outcome: failed, now: 1, callbackBody: body })));
  assert.equal(results.filter(Boolean).length, 1);
  assert.deepEqual(await accountBalance(db, accountId), { available: 100, held: 0 });
  assert.deepEqual(await findLedgerViolations(db), []);
  await db.destroy();
});

test("complete and fail racing: one terminal state, one settlement, consistent with it", async () => {
  const { db, taskId, accountId } = await withTask();
  const claim = (await claimJob(db, 0, 1000))!;
  const fence = { jobId: claim.job.id, token: Number(claim.job.lease_token) };
  const [completed, failedResult] = await Promise.all([
    finishTask(db, { taskId, outcome: { status: "completed", output: { file: "v.mp4", has_nsfw_contents: false } }, now: 1, fence, callbackBody: body }),
    finishTask(db, { taskId, outcome: failed, now: 1, fence, callbackBody: body }),
  ]);
  assert.equal([completed, failedResult].filter(Boolean).length, 1);
  const task = await db.selectFrom("tasks").select("status").where("id", "=", taskId).executeTakeFirstOrThrow();
  const balance = await accountBalance(db, accountId);
  assert.deepEqual(balance, task.status === "completed" ? { available: 55, held: 0 } : { available: 100, held: 0 });
  assert.deepEqual(await findLedgerViolations(db), []);
  await db.destroy();
});

test("a worker whose lease expired is fenced off: its late result changes nothing; the new holder finishes", async () => {
  const { db, taskId, accountId } = await withTask();
  const first = (await claimJob(db, 0, 1000))!;
  assert.equal(first.task.status, "processing");
  assert.equal(await heartbeat(db, { id: first.job.id, token: 1 }, 500, 1000), "held");
  // Lease runs out at 1500 without another heartbeat; the sweeper requeues.
  const expired = await expiredJobs(db, 2000);
  assert.equal(expired.length, 1);
  assert.ok(await requeue(db, { id: first.job.id, token: Number(expired[0].lease_token) }, 2000));
  const second = (await claimJob(db, 2001, 1000))!;
  assert.equal(Number(second.job.lease_token), 2);
  assert.equal(second.job.attempt, 2);
  assert.equal(await heartbeat(db, { id: first.job.id, token: 1 }, 2100, 1000), "lost", "the old worker learns it lost the lease");
  const stale = await finishTask(db, { taskId, outcome: completedOutcome("v.mp4", false), now: 2200, fence: { jobId: first.job.id, token: 1 }, callbackBody: body });
  assert.equal(stale, null);
  const fresh = await finishTask(db, { taskId, outcome: completedOutcome("v.mp4", false), now: 2300, fence: { jobId: second.job.id, token: 2 }, callbackBody: body });
  assert.ok(fresh);
  assert.deepEqual(await accountBalance(db, accountId), { available: 55, held: 0 });
  assert.equal(await claimJob(db, 3000, 1000), null, "nothing left to run");
  assert.deepEqual(await findLedgerViolations(db), []);
  await db.destroy();
});

test("the ledger's unique indexes refuse a second settlement even outside the state machine", async () => {
  const { db, taskId, accountId } = await withTask();
  await finishTask(db, { taskId, outcome: failed, now: 1, callbackBody: body });
  await assert.rejects(
    db.insertInto("ledger_entries").values({ account_id: accountId, api_key_id: null, task_id: taskId, kind: "capture", amount: 45, created_at: 2, note: null }).execute(),
    // SQLite: "UNIQUE constraint failed"; PostgreSQL: "duplicate key value violates unique constraint".
    /unique constraint/i,
  );
  await db.destroy();
});

test("API keys: the check characters catch a typo without a lookup", async () => {
  const db = await openTestDatabase(join(tempDir(), "keys.db"));
  const { key, id } = await createApiKey(db, {}, 0);
  assert.match(key, /^sk-[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$/);
  assert.equal(parseKey(key), id);
  const typo = key.slice(0, 20) + (key[20] === "x" ? "y" : "x") + key.slice(21);
  assert.equal(parseKey(typo), null);
  await db.destroy();
});

test("address policy: public unicast only, whatever the spelling", () => {
  for (const ip of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) assert.ok(isPublicAddress(ip), ip);
  for (const ip of [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "100.64.0.1", "169.254.169.254", "100.100.100.200", "0.0.0.0", "192.0.2.1",
    "198.18.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::",
    "2001::1", "fe80::1", "fd00:ec2::254", "ff02::1", "2001:db8::1", "not-an-ip", "[::1]",
  ]) {
    assert.ok(!isPublicAddress(ip), ip);
  }
});

test("image header sizes are read without decoding (PNG, JPEG)", () => {
  assert.deepEqual(imageSize(drawPortrait(120, 160)), { width: 120, height: 160 });
});
