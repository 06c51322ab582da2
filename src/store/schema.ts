/**
 * The service's tables, as kysely sees them. One definition for SQLite (embedded default) and
 * PostgreSQL (scale-out): times are integer milliseconds since the epoch and money is integer
 * credits, so no column depends on a dialect's date or decimal types.
 */
import type { Generated, Insertable, Selectable } from "kysely";

/** [ms] since the epoch, from the injected clock. */
export type Millis = number;

export interface AccountTable {
  id: string;
  /** Credits the next create can spend. */
  available: number;
  /** Credits held by tasks that have not settled yet. */
  held: number;
  created_at: Millis;
}

export type KeyStatus = "active" | "disabled" | "deleted";

export interface ApiKeyTable {
  /** Public part of the key (`sk-<id>_…`): safe to log and display. */
  id: string;
  account_id: string;
  /** SHA-256 of the whole key, hex; the key itself is never stored. */
  key_hash: string;
  /** e.g. "sk-4fG7hK2mQ9xZ_…x3a": enough to recognise a key in a list. */
  hint: string;
  status: KeyStatus;
  /** JSON array of CIDRs; empty = any address. */
  ip_allowlist: string;
  /** Create requests per minute; null = the server default. */
  rate_per_minute: number | null;
  spend_hourly: number | null;
  spend_daily: number | null;
  spend_total: number | null;
  /** `whsec_<base64>`: signs this key's callbacks (Standard Webhooks). */
  webhook_secret: string;
  created_at: Millis;
  last_used_at: Millis | null;
}

export type TaskStatus = "pending" | "processing" | "completed" | "failed";

/** `tasks.request`'s `stored`: the checked request with its inputs saved as local files. */
export interface StoredRequest {
  readonly audioPath: string;
  readonly imagePaths: readonly string[];
  readonly prompt?: string;
  /** The lyrics the client sent, saved as a file next to the song. */
  readonly lyricsPath?: string;
  readonly aspect?: "16:9" | "9:16";
  readonly resolution: "480p" | "720p";
}

/** `tasks.output` of a completed task. */
export interface StoredOutput {
  /** File name under the task's folder, e.g. "video-1.mp4". */
  readonly file: string;
  readonly has_nsfw_contents: boolean;
}

export interface TaskTable {
  id: string;
  account_id: string;
  api_key_id: string;
  model: string;
  status: TaskStatus;
  /** The validated request, JSON (urls, prompt, aspect ratio, resolution, callback url). */
  request: string;
  resolution: string;
  /** [s] measured by decoding the song. */
  audio_seconds: number;
  billed_seconds: number;
  cost: number;
  callback_url: string | null;
  created_at: Millis;
  started_at: Millis | null;
  completed_at: Millis | null;
  /** After this the sweeper fails the task and releases its hold: no hold lives forever. */
  deadline_at: Millis;
  progress_stage: string | null;
  progress_percent: number | null;
  /** JSON: a StoredOutput once completed. */
  output: string | null;
  error_code: string | null;
  error_message: string | null;
  cancel_requested: number;
}

export type LedgerKind = "grant" | "hold" | "capture" | "release" | "adjust";

export interface LedgerEntryTable {
  id: Generated<number>;
  account_id: string;
  api_key_id: string | null;
  task_id: string | null;
  kind: LedgerKind;
  /** Always positive; the kind says which way it moves. */
  amount: number;
  created_at: Millis;
  note: string | null;
}

export type JobStatus = "queued" | "running" | "done";

export interface JobTable {
  id: Generated<number>;
  task_id: string;
  status: JobStatus;
  attempt: number;
  max_attempts: number;
  /** Fencing token: bumped on every claim; a worker's writes name the token it was given. */
  lease_token: number;
  lease_expires_at: Millis | null;
  run_after: Millis;
  created_at: Millis;
}

export type DeliveryState = "pending" | "delivered" | "exhausted";

export interface WebhookDeliveryTable {
  /** `webhook-id`: the same on every attempt, so receivers can deduplicate. */
  id: string;
  task_id: string;
  api_key_id: string;
  url: string;
  /** The exact bytes that are signed and sent, each attempt. */
  body: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: Millis;
  created_at: Millis;
}

export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: string;
  attempt: number;
  at: Millis;
  /** HTTP status, or null when no response came (timeout, refused, blocked). */
  status: number | null;
  outcome: "delivered" | "failed";
  detail: string | null;
}

export interface IdempotencyKeyTable {
  api_key_id: string;
  key: string;
  /** SHA-256 of the canonical request body. */
  fingerprint: string;
  task_id: string;
  created_at: Millis;
}

export interface UploadTable {
  /** 128 random bits, hex: the capability in the upload's URL. */
  id: string;
  account_id: string;
  api_key_id: string;
  kind: "audio" | "image";
  /** The client's file name, cleaned for display and Content-Disposition. */
  filename: string;
  /** Absolute path of the stored bytes. */
  path: string;
  content_type: string;
  bytes: number;
  /** [s] measured by decoding, for songs. */
  seconds: number | null;
  created_at: Millis;
  expires_at: Millis;
}

export interface Database {
  accounts: AccountTable;
  api_keys: ApiKeyTable;
  tasks: TaskTable;
  ledger_entries: LedgerEntryTable;
  jobs: JobTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  idempotency_keys: IdempotencyKeyTable;
  uploads: UploadTable;
}

export type Task = Selectable<TaskTable>;
export type ApiKey = Selectable<ApiKeyTable>;
export type Account = Selectable<AccountTable>;
export type NewTask = Insertable<TaskTable>;
export type Job = Selectable<JobTable>;
export type LedgerEntry = Selectable<LedgerEntryTable>;
export type WebhookDelivery = Selectable<WebhookDeliveryTable>;
export type Upload = Selectable<UploadTable>;
