/**
 * Several processes opening one new SQLite file at the same moment — `mvgen serve` started beside
 * `mvgen worker`s on one machine — all get a migrated database (before, all but one failed with
 * "table already exists" or "database is locked").
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/fixtures.ts";
import { openDatabase } from "../../src/store/database.ts";

const child = fileURLToPath(new URL("../helpers/open-database-at.ts", import.meta.url));

test("six processes opening one new SQLite file at once all get the migrated database", async () => {
  const path = join(tempDir(), "mvgen.db");
  // Far enough ahead that every child has loaded before the moment comes.
  const at = Date.now() + 4000;
  const outputs = await Promise.all(
    Array.from({ length: 6 }, () => {
      const process_ = spawn(process.execPath, ["--import", "tsx", child, path, String(at)], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      process_.stdout.on("data", (c) => (out += c));
      return new Promise<string>((resolve) => process_.on("close", () => resolve(out.trim())));
    }),
  );
  assert.deepEqual(outputs, Array(6).fill("ok"));
  const db = await openDatabase({ path });
  assert.equal(Number((await db.selectFrom("accounts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n), 0);
  await db.destroy();
});
