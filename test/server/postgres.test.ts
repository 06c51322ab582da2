/**
 * The same store, ledger, queue and API suites on PostgreSQL: with MVGEN_TEST_POSTGRES_URL set
 * (.ci/run sets it), each suite below runs again in a child process with MVGEN_TEST_DATABASE, and
 * every database it opens is a fresh schema there (test/helpers/database.ts). Without it they are
 * skipped, saying so.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { databaseLocation } from "../../src/store/database.ts";
import { redact } from "../../src/store/postgres.ts";
import { TEST_SCHEMA_PREFIX } from "../helpers/database.ts";

const url = process.env.MVGEN_TEST_POSTGRES_URL;
const SUITES = [
  "test/server/ledger-queue.test.ts",
  "test/server/api.test.ts",
  "test/server/webhooks.test.ts",
  "test/server/bad-input.test.ts",
  "test/server/end-to-end.test.ts",
  "test/dashboard/uploads.test.ts",
];
const skip = url ? false : "MVGEN_TEST_POSTGRES_URL is not set; set it to postgres://user:password@127.0.0.1:5432/db (an empty database the user owns) to run these suites on PostgreSQL";

test("--database: a postgres:// URL selects PostgreSQL, nothing selects the SQLite file, anything else is refused", () => {
  assert.deepEqual(databaseLocation(undefined, "/d/mvgen.db"), { path: "/d/mvgen.db" });
  assert.deepEqual(databaseLocation("", "/d/mvgen.db"), { path: "/d/mvgen.db" });
  assert.deepEqual(databaseLocation("postgres://u:p@h/db", "/d/mvgen.db"), { url: "postgres://u:p@h/db" });
  assert.deepEqual(databaseLocation("postgresql://h/db", "/d/mvgen.db"), { url: "postgresql://h/db" });
  assert.throws(() => databaseLocation("mysql://u:secret@h/db", "/d/mvgen.db"), (error: Error) => /not a PostgreSQL URL/.test(error.message) && !error.message.includes("secret"));
  assert.equal(redact("postgres://mvgen:s3cret@127.0.0.1:5432/mvgen"), "postgres://mvgen:***@127.0.0.1:5432/mvgen");
});

for (const suite of SUITES) {
  test(`on PostgreSQL: ${suite}`, { skip }, () => {
    // NODE_TEST_CONTEXT would make the child report to this runner instead of running the suite.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", suite], {
      env: { ...env, MVGEN_TEST_DATABASE: url },
      encoding: "utf8",
      timeout: 300_000,
    });
    const failures = run.stdout.split("\n").filter((line) => line.startsWith("not ok")).join("\n");
    assert.equal(run.status, 0, `${suite} failed on PostgreSQL:\n${failures || run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`);
    assert.match(run.stdout, /^# pass [1-9]/m, "the suite ran its tests");
  });
}

test("on PostgreSQL: the suites' schemas are dropped afterwards", { skip }, async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("select nspname as name from pg_namespace where nspname like $1", [`${TEST_SCHEMA_PREFIX}%`]);
    for (const { name } of rows) await client.query(`drop schema ${name} cascade`);
  } finally {
    await client.end();
  }
});
