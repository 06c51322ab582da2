/**
 * Opens the service's database: by default one SQLite file in WAL mode through better-sqlite3;
 * with a postgres:// URL, PostgreSQL (src/store/postgres.ts). Both run the same kysely schema and
 * the same migrations, and the store's queries are written once for both.
 */
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type Dialect } from "kysely";
import { MvgenError } from "../core/errors.ts";
import { migrateToLatest } from "./migrations.ts";
import { isPostgresUrl, postgresDialect } from "./postgres.ts";
import { redactUrlPassword } from "../core/redact-url.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export type OpenDatabaseOptions =
  | {
      /** Path of the SQLite file (created if missing), or ":memory:". */
      readonly path: string;
    }
  | {
      /** postgres://user:password@host:5432/database */
      readonly url: string;
    };

/**
 * Where the service's state lives: `--database` (or MVGEN_DATABASE_URL, resolved by the caller)
 * if given, else `mvgen.db` in the data folder. Pure: the CLI and the app both use it.
 */
export function databaseLocation(url: string | undefined, sqliteFile: string): OpenDatabaseOptions {
  if (url === undefined || url === "") return { path: sqliteFile };
  if (!isPostgresUrl(url)) {
    throw new MvgenError("INVALID_OPTION", `--database ${redactUrlPassword(url)} is not a PostgreSQL URL; use postgres://user:password@host:5432/database, or leave it out for the SQLite file in --data.`);
  }
  return { url };
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  const db = new Kysely<Database>({ dialect: "url" in options ? openPostgres(options.url) : openSqlite(options.path) });
  try {
    // PostgreSQL serialises concurrent migrators with kysely's lock row; SQLite's adapter locks only
    // within one process, so processes opening a new file at once (`mvgen serve` beside `mvgen
    // worker`s) collide — "table already exists", "database is locked". The loser's transaction
    // rolls back and it tries again: by then the winner's migrations are there and it skips them.
    if ("url" in options) await migrateToLatest(db as Kysely<unknown>);
    else await untilUncontended(() => migrateToLatest(db as Kysely<unknown>));
  } catch (error) {
    await db.destroy();
    if (!("url" in options)) throw error;
    // The first query is where an unreachable server or a wrong password shows.
    throw new MvgenError(
      "DATABASE_UNAVAILABLE",
      `cannot use the database ${redactUrlPassword(options.url)}: ${(error as Error).message}; check --database (or MVGEN_DATABASE_URL) and that PostgreSQL is running.`,
      { cause: error },
    );
  }
  return db;
}

/** [ms] another process may hold the migration before we give up. */
const MIGRATION_WAIT_MS = 15_000;

async function untilUncontended(migrate: () => Promise<void>): Promise<void> {
  const giveUpAt = Date.now() + MIGRATION_WAIT_MS;
  for (;;) {
    try {
      return await migrate();
    } catch (error) {
      const contended = /already exists|database is locked|SQLITE_BUSY/i.test(String((error as Error).message)) || (error as { code?: string }).code?.startsWith("SQLITE_BUSY");
      if (!contended || Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

function openPostgres(url: string): Dialect {
  return postgresDialect(url);
}

function openSqlite(path: string): Dialect {
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path);
  } catch (error) {
    throw new MvgenError("OUTPUT_NOT_WRITABLE", `cannot open the database ${path}: ${(error as Error).message}; check --data.`, { cause: error });
  }
  // WAL: readers never block the writer; 5 s busy timeout covers a CLI command (keys, credits)
  // writing while the server runs. synchronous=NORMAL is durable across process crashes in WAL.
  sqlite.pragma("busy_timeout = 5000");
  // Switching a new file to WAL takes an exclusive lock that the busy timeout does not wait for:
  // processes opening it at once retry (the switch is made once and remembered in the file).
  const giveUpAt = Date.now() + MIGRATION_WAIT_MS;
  for (;;) {
    try {
      sqlite.pragma("journal_mode = WAL");
      break;
    } catch (error) {
      if (!/database is locked/i.test((error as Error).message) || Date.now() > giveUpAt) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 + Math.random() * 30);
    }
  }
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  return new SqliteDialect({ database: sqlite });
}
