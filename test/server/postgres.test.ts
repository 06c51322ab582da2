/**
 * The same store, ledger, queue and API suites on PostgreSQL: with MVGEN_TEST_POSTGRES_URL set
 * (.ci/run sets it), each suite below runs again in a child process with MVGEN_TEST_DATABASE, and
 * every database it opens is a fresh schema there (test/helpers/database.ts). With
 * MVGEN_TEST_REDIS_URL as well, they run a third time in the scale-out mode: PostgreSQL, BullMQ on
 * that Redis, media in an S3-compatible server (s3rver, started here), and renders by a BullMQ
 * worker (test/server/harness.ts). Without the variables they are skipped, saying so.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import pg from "pg";
import { databaseLocation } from "../../src/store/database.ts";
import { redactUrlPassword as redact } from "../../src/core/redact-url.ts";
import { TEST_SCHEMA_PREFIX } from "../helpers/database.ts";
import { startS3Server, type S3TestServer } from "../helpers/s3-server.ts";

const url = process.env.MVGEN_TEST_POSTGRES_URL;
const SUITES = [
  "test/server/ledger-queue.test.ts",
  "test/server/api.test.ts",
  "test/server/webhooks.test.ts",
  "test/server/bad-input.test.ts",
  "test/server/end-to-end.test.ts",
  "test/dashboard/uploads.test.ts",
  "test/dashboard/dashboard.test.ts",
];
const redisUrl = process.env.MVGEN_TEST_REDIS_URL;
const skip = url ? false : "MVGEN_TEST_POSTGRES_URL is not set; set it to postgres://user:password@127.0.0.1:5432/db (an empty database the user owns) to run these suites on PostgreSQL";
const skipScaleOut = skip || (redisUrl ? false : "MVGEN_TEST_REDIS_URL is not set; set it to redis://127.0.0.1:6379 (a Redis for tests) to run these suites in the scale-out mode");

let s3: S3TestServer | undefined;
before(async () => {
  if (!skipScaleOut) s3 = await startS3Server();
});
after(async () => {
  await s3?.close();
  if (skip) return;
  // Cleanup, not a test: the schemas the suites made (test/helpers/database.ts) are dropped.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("select nspname as name from pg_namespace where nspname like $1", [`${TEST_SCHEMA_PREFIX}%`]);
    for (const { name } of rows) await client.query(`drop schema ${name} cascade`);
  } finally {
    await client.end();
  }
});

/** Runs a suite in a child process (asynchronously: the S3 server answers from this process). */
function runSuite(suite: string, extraEnv: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // NODE_TEST_CONTEXT would make the child report to this runner instead of running the suite.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", suite], { env: { ...env, ...extraEnv } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
  return new Promise((resolve) =>
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}

function checkRun(suite: string, where: string, run: { status: number | null; stdout: string; stderr: string }): void {
  const failures = run.stdout.split("\n").filter((line) => line.startsWith("not ok")).join("\n");
  assert.equal(run.status, 0, `${suite} failed ${where}:\n${failures || run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`);
  assert.match(run.stdout, /^# pass [1-9]/m, "the suite ran its tests");
}

test("--database: a postgres:// URL selects PostgreSQL, nothing selects the SQLite file, anything else is refused", () => {
  assert.deepEqual(databaseLocation(undefined, "/d/mvgen.db"), { path: "/d/mvgen.db" });
  assert.deepEqual(databaseLocation("", "/d/mvgen.db"), { path: "/d/mvgen.db" });
  assert.deepEqual(databaseLocation("postgres://u:p@h/db", "/d/mvgen.db"), { url: "postgres://u:p@h/db" });
  assert.deepEqual(databaseLocation("postgresql://h/db", "/d/mvgen.db"), { url: "postgresql://h/db" });
  assert.throws(() => databaseLocation("mysql://u:secret@h/db", "/d/mvgen.db"), (error: Error) => /not a PostgreSQL URL/.test(error.message) && !error.message.includes("secret"));
  assert.equal(redact("postgres://mvgen:s3cret@127.0.0.1:5432/mvgen"), "postgres://mvgen:***@127.0.0.1:5432/mvgen");
});

for (const suite of SUITES) {
  test(`on PostgreSQL: ${suite}`, { skip }, async () => {
    checkRun(suite, "on PostgreSQL", await runSuite(suite, { MVGEN_TEST_DATABASE: url! }));
  });
}

for (const suite of SUITES) {
  test(`scale-out (PostgreSQL + BullMQ + S3): ${suite}`, { skip: skipScaleOut }, async () => {
    checkRun(suite, "in the scale-out mode", await runSuite(suite, { MVGEN_TEST_DATABASE: url!, MVGEN_TEST_QUEUE: redisUrl!, MVGEN_TEST_STORAGE: s3!.url }));
  });
}
