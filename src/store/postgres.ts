/**
 * The PostgreSQL dialect for the scale-out mode: the same kysely schema and migrations as the
 * embedded SQLite file, over a `pg` connection pool. Selected by a postgres:// URL.
 */
import pg from "pg";
import { PostgresDialect } from "kysely";
import { MvgenError } from "../core/errors.ts";
import { redactUrlPassword } from "../core/redact-url.ts";

/** int8 (bigint: credits, times in ms) and numeric (what sum(bigint) returns). */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * The schema keeps credits and millisecond times in bigint columns, and the store reads them as
 * numbers (SQLite returns them so). pg returns int8 as a string, since it may exceed 2^53; ours do
 * not (ms times ≈ 1.8e12, credits far less), and one that did would be refused here, not rounded.
 */
function exactNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`the database returned ${text}, which is not an integer a JavaScript number holds exactly`);
  return n;
}

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID || oid === NUMERIC_OID ? exactNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Connections in the pool: the API answers many short queries, renders hold none while rendering. */
const MAX_CONNECTIONS = 10;

/** `url`: postgres://user:password@host:port/database; `?options=-c search_path=…` picks a schema. */
export function postgresDialect(url: string): PostgresDialect {
  if (!isPostgresUrl(url)) {
    throw new MvgenError("INVALID_OPTION", `database URL ${redactUrlPassword(url)} is not a PostgreSQL URL; use postgres://user:password@host:5432/database.`);
  }
  const pool = new pg.Pool({ connectionString: url, max: MAX_CONNECTIONS, types });
  // An idle connection that the server drops (restart, failover) reports here; without a listener
  // it would crash the process. The next query takes a fresh connection.
  pool.on("error", () => {});
  return new PostgresDialect({ pool });
}
