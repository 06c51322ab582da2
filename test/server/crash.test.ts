/**
 * Crash safety: `mvgen serve` is SIGKILLed in the middle of a render; started again on the same
 * data folder, it takes the job back once the lease runs out and the task completes (or fails
 * with its credits released) within a minute; the ledger shows exactly one settlement per task.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startOrigin, call, generation, waitFor, waitForTaskEnd } from "./harness.ts";
import { writeSongWav, tempDir } from "../helpers/fixtures.ts";
import { spawnMvgen, waitForLine } from "../helpers/cli.ts";
import { openDatabase } from "../../src/store/database.ts";
import { createApiKey } from "../../src/store/api-keys.ts";
import { accountBalance, findLedgerViolations } from "../../src/billing/ledger.ts";

const children: ChildProcess[] = [];

after(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts `mvgen serve` as its own process and resolves with its URL once it listens. */
async function serve(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  // A 1.5 s lease and 250 ms sweeps, so a dead worker's job is taken back within seconds.
  const child = spawnMvgen(["serve", "--port", "0", "--data", dataDir, "--allow-private-urls", "--workers", "1"], { MVGEN_LEASE_MS: "1500", MVGEN_POLL_MS: "250" }, "inherit");
  children.push(child);
  const [, url] = await waitForLine(child, /mvgen API on (http:\/\/\S+)/, "mvgen serve");
  return { url, child };
}

test("SIGKILL mid-render, restart: the task finishes within a minute and settles exactly once", async () => {
  const dir = tempDir("mvgen-crash-");
  const dataDir = join(dir, "data");
  const origin = await startOrigin();
  try {
    const songUrl = origin.file("/song.wav", readFileSync(writeSongWav(dir, 6)), "audio/wav");
    mkdirSync(dataDir, { recursive: true });
    const db = await openDatabase({ path: join(dataDir, "mvgen.db") });
    const key = await createApiKey(db, { credits: 1000 }, Date.now());
    await db.destroy();

    const first = await serve(dataDir);
    const created = await call(`${first.url}/v1/videos/generations`, { key: key.key, body: generation(songUrl) });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const taskId = created.body.data.taskId as string;
    await waitFor(
      "the render to start",
      async () => {
        const r = await call(`${first.url}/v1/tasks/${taskId}`, { key: key.key });
        return r.body.data.progress.stage === "render" ? true : undefined;
      },
      30_000,
      100,
    );
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));

    const killedAt = Date.now();
    const second = await serve(dataDir);
    const done = await waitForTaskEnd(second.url, taskId, key.key, 60_000, 250);
    assert.ok(Date.now() - killedAt < 60_000);
    assert.equal(done.status, "completed", JSON.stringify(done.error));
    const video = await fetch(done.output.urls[0]);
    assert.equal(video.status, 200);
    await video.arrayBuffer();

    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));
    const check = await openDatabase({ path: join(dataDir, "mvgen.db") });
    try {
      assert.deepEqual(await findLedgerViolations(check), [], "no task with zero or two settlements");
      const settlements = await check.selectFrom("ledger_entries").select("kind").where("task_id", "=", taskId).where("kind", "in", ["capture", "release"]).execute();
      assert.deepEqual(settlements.map((s) => s.kind), ["capture"]);
      const task = await check.selectFrom("tasks").select("cost").where("id", "=", taskId).executeTakeFirstOrThrow();
      assert.deepEqual(await accountBalance(check, key.accountId), { available: 1000 - Number(task.cost), held: 0 });
      const job = await check.selectFrom("jobs").selectAll().where("task_id", "=", taskId).executeTakeFirstOrThrow();
      assert.equal(job.attempt, 2, "the second attempt finished it");
    } finally {
      await check.destroy();
    }
  } finally {
    await origin.close();
  }
});
