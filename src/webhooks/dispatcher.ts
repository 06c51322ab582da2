/**
 * Delivers callbacks from the outbox (webhook_deliveries, written in the same transaction as the
 * task's terminal state, so a crash can delay a callback but never lose it).
 *
 * Schedule (the hosted API's): attempt 1 when the task finishes, attempt 2 three minutes after
 * the first failure, attempt 3 ten minutes after the second; a 2xx within 10 s ends it, anything
 * else (other status, 3xx — never followed —, timeout, refused, blocked address) is a failure.
 * Delivery is at-least-once: receivers deduplicate on `X-Task-Id` / `webhook-id`.
 */
import type { Db } from "../store/database.ts";
import type { Clock } from "../store/clock.ts";
import { EgressError, type EgressClient } from "../egress/safe-fetch.ts";
import { webhookHeaders } from "./signature.ts";

/** [ms] after failure n (1-based) before attempt n + 1. */
export const RETRY_DELAYS_MS = [3 * 60_000, 10 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** [ms] a receiver has to answer with a 2xx. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** [ms] beyond the delivery timeout before a claimed attempt whose process died is due again. */
const CLAIM_SLACK_MS = 5_000;
/** Attempts in flight at once: a receiver outage must not tie up the process. */
const CONCURRENCY = 8;

export interface WebhookDispatcher {
  /** Sends every attempt that is due now; resolves when they have all been recorded. */
  runDue(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createWebhookDispatcher(db: Db, egress: EgressClient, clock: Clock, log: (msg: string, extra?: object) => void = () => {}): WebhookDispatcher {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;

  async function deliver(delivery: { id: string; task_id: string; url: string; body: string; attempts: number; webhook_secret: string | null }): Promise<void> {
    const attempt = delivery.attempts + 1;
    const at = clock.now();
    let status: number | null = null;
    let detail: string | null = null;
    try {
      const headers = webhookHeaders(delivery.webhook_secret ?? "", delivery.id, delivery.task_id, Math.floor(at / 1000), delivery.body);
      ({ status } = await egress.post(delivery.url, delivery.body, headers, DELIVERY_TIMEOUT_MS));
      if (status < 200 || status >= 300) detail = `HTTP ${status}`;
    } catch (error) {
      detail = error instanceof EgressError ? `${error.reason}: ${error.message}` : String(error);
    }
    const ok = status !== null && status >= 200 && status < 300;
    const finished = ok || attempt >= MAX_ATTEMPTS;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("webhook_attempts").values({ delivery_id: delivery.id, attempt, at, status, outcome: ok ? "delivered" : "failed", detail }).execute();
      await trx
        .updateTable("webhook_deliveries")
        .set({
          attempts: attempt,
          state: ok ? "delivered" : finished ? "exhausted" : "pending",
          // Spaced from this attempt's start, on the injected clock.
          next_attempt_at: finished ? at : at + RETRY_DELAYS_MS[attempt - 1],
        })
        .where("id", "=", delivery.id)
        .where("attempts", "=", delivery.attempts)
        .execute();
    });
    log(ok ? "callback delivered" : "callback attempt failed", { delivery: delivery.id, attempt, status, detail });
  }

  async function runOnce(): Promise<number> {
    // The key's signing secret comes along: one query per pass, not one per attempt.
    const due = await db
      .selectFrom("webhook_deliveries")
      .leftJoin("api_keys", "api_keys.id", "webhook_deliveries.api_key_id")
      .select([
        "webhook_deliveries.id",
        "webhook_deliveries.task_id",
        "webhook_deliveries.url",
        "webhook_deliveries.body",
        "webhook_deliveries.attempts",
        "api_keys.webhook_secret",
      ])
      .where("webhook_deliveries.state", "=", "pending")
      .where("webhook_deliveries.next_attempt_at", "<=", clock.now())
      .orderBy("webhook_deliveries.next_attempt_at")
      .limit(64)
      .execute();
    // Several API processes may share the outbox (scale-out mode): each attempt is claimed first by
    // moving its due time past the delivery timeout, so only one process sends it; a process that
    // dies mid-attempt leaves it due again shortly after.
    const now = clock.now();
    const mine = [];
    for (const delivery of due) {
      const claimed = await db
        .updateTable("webhook_deliveries")
        .set({ next_attempt_at: now + DELIVERY_TIMEOUT_MS + CLAIM_SLACK_MS })
        .where("id", "=", delivery.id)
        .where("attempts", "=", delivery.attempts)
        .where("state", "=", "pending")
        .where("next_attempt_at", "<=", now)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) mine.push(delivery);
    }
    for (let i = 0; i < mine.length; i += CONCURRENCY) await Promise.all(mine.slice(i, i + CONCURRENCY).map(deliver));
    return mine.length;
  }

  // One pass at a time: a slow receiver must not get the same attempt twice from two ticks. A
  // call during a pass waits for it and then makes its own, so nothing due at call time is missed.
  let queued: Promise<number> | null = null;
  const runDue = (): Promise<number> => {
    if (!running) {
      running = runOnce().finally(() => (running = null));
      return running;
    }
    queued ??= running.catch(() => 0).then(() => {
      queued = null;
      return runDue();
    });
    return queued;
  };

  return {
    runDue,
    start(intervalMs) {
      timer = setInterval(() => void runDue().catch((error) => log("callback pass failed", { error: String(error) })), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
