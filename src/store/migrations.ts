/**
 * The schema's history, written once for SQLite and PostgreSQL with kysely's schema builder (no
 * dialect-specific SQL): integer credits and millisecond times, partial unique indexes (both
 * engines have them) for the ledger's exactly-once rules. Migrations are append-only: never edit
 * one that has shipped; add the next.
 */
import { sql, PostgresAdapter, SqliteAdapter, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";

/** A generated integer key: SQLite's rowid alias, or an identity column on PostgreSQL. */
function serialKey(db: Kysely<unknown>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  return (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity());
}

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("accounts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("available", "bigint", (c) => c.notNull().check(sql`available >= 0`))
      .addColumn("held", "bigint", (c) => c.notNull().check(sql`held >= 0`))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("api_keys")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
      .addColumn("key_hash", "text", (c) => c.notNull().unique())
      .addColumn("hint", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'disabled', 'deleted')`))
      .addColumn("ip_allowlist", "text", (c) => c.notNull())
      .addColumn("rate_per_minute", "integer")
      .addColumn("spend_hourly", "bigint")
      .addColumn("spend_daily", "bigint")
      .addColumn("spend_total", "bigint")
      .addColumn("webhook_secret", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("last_used_at", "bigint")
      .execute();

    await db.schema
      .createTable("tasks")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
      .addColumn("api_key_id", "text", (c) => c.notNull().references("api_keys.id"))
      .addColumn("model", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'processing', 'completed', 'failed')`))
      .addColumn("request", "text", (c) => c.notNull())
      .addColumn("resolution", "text", (c) => c.notNull())
      .addColumn("audio_seconds", "double precision", (c) => c.notNull())
      .addColumn("billed_seconds", "integer", (c) => c.notNull())
      .addColumn("cost", "bigint", (c) => c.notNull().check(sql`cost > 0`))
      .addColumn("callback_url", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("started_at", "bigint")
      .addColumn("completed_at", "bigint")
      .addColumn("deadline_at", "bigint", (c) => c.notNull())
      .addColumn("progress_stage", "text")
      .addColumn("progress_percent", "double precision")
      .addColumn("output", "text")
      .addColumn("error_code", "text")
      .addColumn("error_message", "text")
      .addColumn("cancel_requested", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex("tasks_key_created").on("tasks").columns(["api_key_id", "created_at"]).execute();
    await db.schema.createIndex("tasks_open_deadline").on("tasks").columns(["status", "deadline_at"]).execute();

    await db.schema
      .createTable("ledger_entries")
      .addColumn("id", "integer", serialKey(db))
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
      .addColumn("api_key_id", "text")
      .addColumn("task_id", "text")
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('grant', 'hold', 'capture', 'release', 'adjust')`))
      .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount > 0`))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("note", "text")
      .execute();
    // At most one hold, one capture, one release per task …
    await db.schema.createIndex("ledger_task_kind").on("ledger_entries").columns(["task_id", "kind"]).unique().where(sql.ref("task_id"), "is not", null).execute();
    // … and capture XOR release: a second settlement is impossible by construction.
    await db.schema
      .createIndex("ledger_task_settlement")
      .on("ledger_entries")
      .column("task_id")
      .unique()
      .where(sql<boolean>`kind in ('capture', 'release')`)
      .execute();
    await db.schema.createIndex("ledger_account").on("ledger_entries").column("account_id").execute();

    await db.schema
      .createTable("jobs")
      .addColumn("id", "integer", serialKey(db))
      .addColumn("task_id", "text", (c) => c.notNull().unique().references("tasks.id"))
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('queued', 'running', 'done')`))
      .addColumn("attempt", "integer", (c) => c.notNull())
      .addColumn("max_attempts", "integer", (c) => c.notNull())
      .addColumn("lease_token", "bigint", (c) => c.notNull())
      .addColumn("lease_expires_at", "bigint")
      .addColumn("run_after", "bigint", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("jobs_claim").on("jobs").columns(["status", "run_after", "id"]).execute();

    await db.schema
      .createTable("webhook_deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
      .addColumn("api_key_id", "text", (c) => c.notNull())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('pending', 'delivered', 'exhausted')`))
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("webhook_due").on("webhook_deliveries").columns(["state", "next_attempt_at"]).execute();

    await db.schema
      .createTable("webhook_attempts")
      .addColumn("id", "integer", serialKey(db))
      .addColumn("delivery_id", "text", (c) => c.notNull().references("webhook_deliveries.id"))
      .addColumn("attempt", "integer", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("status", "integer")
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("detail", "text")
      .execute();

    await db.schema
      .createTable("idempotency_keys")
      .addColumn("api_key_id", "text", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("fingerprint", "text", (c) => c.notNull())
      .addColumn("task_id", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("idempotency_keys_pk", ["api_key_id", "key"])
      .execute();
  },
};

/** Files uploaded through `POST /v1/uploads` (dashboard extension): owned by an account, expiring. */
const uploads: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("uploads")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
      .addColumn("api_key_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('audio', 'image')`))
      .addColumn("filename", "text", (c) => c.notNull())
      .addColumn("path", "text", (c) => c.notNull())
      .addColumn("content_type", "text", (c) => c.notNull())
      .addColumn("bytes", "bigint", (c) => c.notNull())
      .addColumn("seconds", "double precision")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("uploads_expires").on("uploads").column("expires_at").execute();
  },
};

/** Name → migration, applied in name order. */
export const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_uploads": uploads,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  // On PostgreSQL the migration bookkeeping goes in the schema the tables go in (the first on the
  // search_path): kysely otherwise looks for it in every schema, and would take another schema's
  // kysely_migration table for its own.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const { error } = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) throw error;
}
