/**
 * Which database a test opens. Normally a SQLite file; when test/server/postgres.test.ts re-runs a
 * suite with MVGEN_TEST_DATABASE=postgres://…, every database the suite opens is a fresh schema
 * in that PostgreSQL database, so tests stay as isolated as their SQLite files are.
 */
import pg from "pg";
import { openDatabase, type Db } from "../../src/store/database.ts";

/** Set by postgres.test.ts for the suites it re-runs. */
const base = process.env.MVGEN_TEST_DATABASE;
let created = 0;

/** Schemas the tests create start with this; postgres.test.ts drops them afterwards. */
export const TEST_SCHEMA_PREFIX = "mvgen_test_";

/** A postgres:// URL naming an empty schema of its own, or undefined when the suite runs on SQLite. */
export async function testDatabaseUrl(): Promise<string | undefined> {
  if (!base) return undefined;
  const schema = `${TEST_SCHEMA_PREFIX}${process.pid}_${created++}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** The store on `sqlitePath`, or on a fresh PostgreSQL schema under postgres.test.ts. */
export async function openTestDatabase(sqlitePath: string): Promise<Db> {
  const url = await testDatabaseUrl();
  return openDatabase(url ? { url } : { path: sqlitePath });
}
