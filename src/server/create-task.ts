/**
 * Creating a task: the money transaction. Inputs are already fetched and measured (no money moves
 * before that); here one transaction checks the key's spend caps, holds the credits, inserts the
 * task and its job, and records the Idempotency-Key — all or nothing.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../store/database.ts";
import type { ApiKey, StoredRequest } from "../store/schema.ts";
import { insertTask } from "../store/tasks.ts";
import { holdCredits, InsufficientCreditsError } from "../billing/ledger.ts";
import { billedSeconds, taskCost } from "../billing/cost.ts";
import { enqueueJob } from "../queue/job-queue.ts";
import { ApiError } from "./api-error.ts";

export const newTaskId = () => randomBytes(16).toString("hex");

const WINDOWS = [
  { cap: "spend_hourly", label: "hourly", ms: 3_600_000 },
  { cap: "spend_daily", label: "daily", ms: 86_400_000 },
  { cap: "spend_total", label: "total", ms: Number.POSITIVE_INFINITY },
] as const;

export interface CreateTask {
  readonly taskId: string;
  readonly key: ApiKey;
  readonly model: string;
  readonly stored: StoredRequest;
  readonly callbackUrl?: string;
  readonly seconds: number;
  readonly now: number;
  /** [ms] the task may take in all before it is failed and refunded. */
  readonly deadlineMs: number;
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
}

export type CreateResult = { readonly taskId: string; readonly replayed: boolean };

export async function createTask(db: Db, c: CreateTask): Promise<CreateResult> {
  const cost = taskCost(c.stored.resolution, c.seconds);
  return db.transaction().execute(async (trx) => {
    if (c.idempotency) {
      // A concurrent request with the same key got here first (another process): replay it.
      const existing = await trx
        .selectFrom("idempotency_keys")
        .selectAll()
        .where("api_key_id", "=", c.key.id)
        .where("key", "=", c.idempotency.key)
        .executeTakeFirst();
      if (existing) {
        if (existing.fingerprint !== c.idempotency.fingerprint) throw idempotencyMismatch();
        return { taskId: existing.task_id, replayed: true };
      }
    }
    // Spend caps first (429), then the balance (402): the order is documented and tested.
    for (const window of WINDOWS) {
      const cap = c.key[window.cap];
      if (cap === null) continue;
      const rows = await trx
        .selectFrom("tasks")
        .select(["cost", "created_at"])
        .where("api_key_id", "=", c.key.id)
        .where("status", "!=", "failed") // released credits free their headroom
        .where("created_at", ">", Number.isFinite(window.ms) ? c.now - window.ms : -1)
        .orderBy("created_at")
        .execute();
      const spent = rows.reduce((sum, r) => sum + Number(r.cost), 0);
      if (spent + cost > Number(cap)) {
        const headers: Record<string, string> = {};
        if (Number.isFinite(window.ms) && cost <= Number(cap)) {
          // When enough of the oldest spend leaves the window for this task to fit.
          let left = spent;
          for (const row of rows) {
            left -= Number(row.cost);
            if (left + cost <= Number(cap)) {
              headers["retry-after"] = String(Math.max(1, Math.ceil((Number(row.created_at) + window.ms - c.now) / 1000)));
              break;
            }
          }
        }
        throw new ApiError(
          "spend_limit_exceeded",
          `This task costs ${cost} credits and would pass this key's ${window.label} spend limit of ${cap} (${spent} spent${Number.isFinite(window.ms) ? " in the window" : ""}).`,
          headers,
        );
      }
    }
    try {
      await holdCredits(trx, { accountId: c.key.account_id, apiKeyId: c.key.id, taskId: c.taskId, cost, now: c.now });
    } catch (error) {
      if (error instanceof InsufficientCreditsError) {
        throw new ApiError("insufficient_credits", `This task costs ${error.cost} credits (${billedSeconds(c.seconds)} s at ${c.stored.resolution}); the balance is ${error.available}. Add credits and retry.`);
      }
      throw error;
    }
    await insertTask(trx, {
      id: c.taskId,
      account_id: c.key.account_id,
      api_key_id: c.key.id,
      model: c.model,
      status: "pending",
      request: JSON.stringify({ stored: c.stored }),
      resolution: c.stored.resolution,
      audio_seconds: c.seconds,
      billed_seconds: billedSeconds(c.seconds),
      cost,
      callback_url: c.callbackUrl ?? null,
      created_at: c.now,
      started_at: null,
      completed_at: null,
      deadline_at: c.now + c.deadlineMs,
      progress_stage: null,
      progress_percent: null,
      output: null,
      error_code: null,
      error_message: null,
      cancel_requested: 0,
    });
    await enqueueJob(trx, c.taskId, c.now);
    if (c.idempotency) {
      await trx
        .insertInto("idempotency_keys")
        .values({ api_key_id: c.key.id, key: c.idempotency.key, fingerprint: c.idempotency.fingerprint, task_id: c.taskId, created_at: c.now })
        .execute();
    }
    return { taskId: c.taskId, replayed: false };
  });
}

export const idempotencyMismatch = () =>
  new ApiError("invalid_request", "This Idempotency-Key was already used with a different request body; use a new key for a new request.");
