/**
 * The embedded render queue: a job table in the service's database, with leases. A worker claims
 * a job (bumping its lease token), heartbeats every lease/3, and finishes it by naming the token;
 * a job whose lease runs out (its worker died) goes back to the queue, or fails its task once its
 * attempts are used up. At-least-once execution, made safe by the token fence (Kleppmann) and
 * by the task's compare-and-set transitions. BullMQ replaces this table in the scale-out mode.
 */
import type { Transaction } from "kysely";
import type { Db } from "../store/database.ts";
import type { Database, Job, Task } from "../store/schema.ts";

export interface LeaseSettings {
  /** [ms] a claim lasts without a heartbeat. */
  readonly leaseMs: number;
}

export const DEFAULT_LEASE: LeaseSettings = { leaseMs: 60_000 };

/** Claims of a task's job before the task is failed: 2 = one retry after a crashed or killed worker. */
export const MAX_JOB_ATTEMPTS = 2;

export async function enqueueJob(trx: Transaction<Database> | Db, taskId: string, now: number, maxAttempts = MAX_JOB_ATTEMPTS): Promise<void> {
  await trx
    .insertInto("jobs")
    .values({ task_id: taskId, status: "queued", attempt: 0, max_attempts: maxAttempts, lease_token: 0, lease_expires_at: null, run_after: now, created_at: now })
    .execute();
}

export interface Claim {
  readonly job: Job;
  readonly task: Task;
}

/** Takes the oldest runnable job, or returns null. The job's task becomes `processing`. */
export async function claimJob(db: Db, now: number, leaseMs: number): Promise<Claim | null> {
  return db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom("jobs")
      .selectAll()
      .where("status", "=", "queued")
      .where("run_after", "<=", now)
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (!next) return null;
    const token = Number(next.lease_token) + 1;
    const claimed = await trx
      .updateTable("jobs")
      .set({ status: "running", attempt: next.attempt + 1, lease_token: token, lease_expires_at: now + leaseMs })
      .where("id", "=", next.id)
      .where("status", "=", "queued")
      .where("lease_token", "=", next.lease_token)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return null;
    await trx.updateTable("tasks").set({ status: "processing", started_at: now }).where("id", "=", next.task_id).where("status", "=", "pending").execute();
    const task = await trx.selectFrom("tasks").selectAll().where("id", "=", next.task_id).executeTakeFirstOrThrow();
    return { job: { ...next, status: "running", attempt: next.attempt + 1, lease_token: token, lease_expires_at: now + leaseMs }, task };
  });
}

export type HeartbeatResult = "held" | "lost" | "cancel";

/** Extends the lease; "lost" means another worker (or the sweeper) owns the job now: stop at once. */
export async function heartbeat(db: Db, job: { id: number; token: number }, now: number, leaseMs: number): Promise<HeartbeatResult> {
  const updated = await db
    .updateTable("jobs")
    .set({ lease_expires_at: now + leaseMs })
    .where("id", "=", job.id)
    .where("lease_token", "=", job.token)
    .where("status", "=", "running")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return "lost";
  const task = await db
    .selectFrom("tasks")
    .innerJoin("jobs", "jobs.task_id", "tasks.id")
    .select("tasks.cancel_requested")
    .where("jobs.id", "=", job.id)
    .executeTakeFirst();
  return task?.cancel_requested ? "cancel" : "held";
}

/**
 * Gives a job back without counting the attempt (graceful shutdown): it can be claimed again
 * at once instead of after the lease runs out.
 */
export async function giveBack(db: Db, job: { id: number; token: number }, now: number): Promise<void> {
  await db
    .updateTable("jobs")
    .set((eb) => ({ status: "queued", lease_expires_at: null, run_after: now, attempt: eb("attempt", "-", 1) }))
    .where("id", "=", job.id)
    .where("lease_token", "=", job.token)
    .where("status", "=", "running")
    .execute();
}

/** Running jobs whose lease ran out: their worker is gone. */
export async function expiredJobs(db: Db, now: number): Promise<Job[]> {
  return db.selectFrom("jobs").selectAll().where("status", "=", "running").where("lease_expires_at", "<", now).execute();
}

/** Puts an expired job back in the queue (the task stays `processing`: states never go backwards). */
export async function requeue(db: Db, job: { id: number; token: number }, now: number): Promise<boolean> {
  const updated = await db
    .updateTable("jobs")
    .set({ status: "queued", lease_expires_at: null, run_after: now })
    .where("id", "=", job.id)
    .where("lease_token", "=", job.token)
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/**
 * The scale-out mode's claim: BullMQ hands a worker the task's plan job (and re-hands it when its
 * worker dies), so the worker claims the task's job row by task id. The task becomes `processing`;
 * null when the task is already finished (cancelled, failed by its deadline) or its attempts are
 * used up, and then nothing changed.
 */
export async function claimJobOfTask(db: Db, taskId: string, now: number): Promise<Claim | null> {
  return db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom("jobs").selectAll().where("task_id", "=", taskId).where("status", "in", ["queued", "running"]).executeTakeFirst();
    if (!job || job.attempt >= job.max_attempts) return null;
    const token = Number(job.lease_token) + 1;
    const claimed = await trx
      .updateTable("jobs")
      .set({ status: "running", attempt: job.attempt + 1, lease_token: token, lease_expires_at: null })
      .where("id", "=", job.id)
      .where("lease_token", "=", job.lease_token)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return null;
    await trx.updateTable("tasks").set({ status: "processing", started_at: now }).where("id", "=", taskId).where("status", "=", "pending").execute();
    const task = await trx.selectFrom("tasks").selectAll().where("id", "=", taskId).where("status", "=", "processing").executeTakeFirst();
    if (!task) return null;
    return { job: { ...job, status: "running", attempt: job.attempt + 1, lease_token: token, lease_expires_at: null }, task };
  });
}

/** Job rows not yet claimed: the scale-out dispatcher makes sure each has its BullMQ job. */
export async function queuedTaskIds(db: Db, limit = 200): Promise<string[]> {
  const rows = await db.selectFrom("jobs").select("task_id").where("status", "=", "queued").orderBy("id").limit(limit).execute();
  return rows.map((r) => r.task_id);
}
