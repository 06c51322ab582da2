/** The service's CLI commands: keys create | list | disable | delete, credits add — on a real data folder. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mvgen } from "../helpers/cli.ts";
import { tempDir } from "../helpers/fixtures.ts";

test("keys create prints the key once; list shows hints only; credits add and disable/delete work by id", () => {
  const data = join(tempDir(), "data");
  const created = mvgen(["keys", "create", "--credits", "500", "--ip", "203.0.113.0/24", "--rate", "30/min", "--spend-daily", "900", "--data", data, "--json"]);
  assert.equal(created.code, 0, created.stderr);
  const key = JSON.parse(created.stdout) as { key: string; id: string; webhookSecret: string };
  assert.match(key.key, /^sk-/);
  assert.match(key.webhookSecret, /^whsec_/);

  const listed = mvgen(["keys", "list", "--data", data, "--json"]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.ok(!listed.stdout.includes(key.key), "the key itself is never shown again");
  const [row] = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
  assert.equal(row.id, key.id);
  assert.equal(row.available, 500);
  assert.deepEqual(row.ip_allowlist, ["203.0.113.0/24"]);
  assert.equal(row.rate_per_minute, 30);
  assert.equal(row.spend_daily, 900);

  const added = mvgen(["credits", "add", key.key, "250", "--data", data, "--json"]);
  assert.equal(added.code, 0, added.stderr);
  assert.equal(JSON.parse(added.stdout).available, 750);

  assert.equal(mvgen(["keys", "disable", key.id, "--data", data]).code, 0);
  assert.equal(mvgen(["keys", "delete", key.id, "--data", data]).code, 0);
  const gone = mvgen(["credits", "add", key.id, "1", "--data", data]);
  assert.equal(gone.code, 2, "a deleted key is an input error");
  assert.match(gone.stderr, /no key/);
  assert.equal(mvgen(["keys", "create", "--ip", "not-an-ip", "--data", data]).code, 2);
});
