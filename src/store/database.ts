/**
 * Opens the service's database. The embedded default is one SQLite file in WAL mode through
 * better-sqlite3; PostgreSQL plugs in here later with the same kysely schema and migrations.
 */
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { MvgenError } from "../core/errors.ts";
import { migrateToLatest } from "./migrations.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** Path of the SQLite file (created if missing), or ":memory:". */
  readonly path: string;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(options.path);
  } catch (error) {
    throw new MvgenError("OUTPUT_NOT_WRITABLE", `cannot open the database ${options.path}: ${(error as Error).message}; check --data.`, { cause: error });
  }
  // WAL: readers never block the writer; 5 s busy timeout covers a CLI command (keys, credits)
  // writing while the server runs. synchronous=NORMAL is durable across process crashes in WAL.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db as Kysely<unknown>);
  return db;
}
