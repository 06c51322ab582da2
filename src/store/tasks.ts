/**
 * Task rows and their state machine: pending → processing → completed | failed. Every transition
 * is a compare-and-set on the current status (and, for a worker, on its lease token), terminal
 * states are absorbing, and the terminal transition moves the money (capture or release) and
 * writes the callback to the outbox in the same transaction.
 */
import { sql, type Transaction } from "kysely";
import type { Db } from "./database.ts";
import type { Database, NewTask, Task } from "./schema.ts";
import { settleHold } from "../billing/ledger.ts";

type Trx = Transaction<Database> | Db;

export async function getTask(db: Trx, id: string): Promise<Task | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertTask(trx: Trx, task: NewTask): Promise<void> {
  await trx.insertInto("tasks").values(task).execute();
}

/** Progress is advisory: written only while the task is still running. */
export async function updateProgress(db: Db, id: string, stage: string, percent: number): Promise<void> {
  await db.updateTable("tasks").set({ progress_stage: stage, progress_percent: percent }).where("id", "=", id).where("status", "=", "processing").execute();
}

export type TaskOutcome =
  | { readonly status: "completed"; readonly output: unknown }
  | { readonly status: "failed"; readonly code: string; readonly message: string };

export interface FinishTask {
  readonly taskId: string;
  readonly outcome: TaskOutcome;
  readonly now: number;
  /** A worker names the job and lease token it holds; a stale worker's result changes nothing. */
  readonly fence?: { readonly jobId: number; readonly token: number };
  /** The callback body: the task as GET returns it, after this transition. */
  readonly callbackBody: (task: Task) => string;
}

class Stale extends Error {}

/**
 * The one terminal transition. Returns the finished task, or null if this caller lost the race
 * (the task was already terminal, or the lease token is no longer current): then nothing changed.
 */
export async function finishTask(db: Db, finish: FinishTask): Promise<Task | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (finish.fence) {
        const job = await trx
          .updateTable("jobs")
          .set({ status: "done", lease_expires_at: null })
          .where("id", "=", finish.fence.jobId)
          .where("lease_token", "=", finish.fence.token)
          .where("status", "=", "running")
          .executeTakeFirst();
        if (Number(job.numUpdatedRows) !== 1) throw new Stale();
      } else {
        await trx.updateTable("jobs").set({ status: "done", lease_expires_at: null }).where("task_id", "=", finish.taskId).execute();
      }
      const o = finish.outcome;
      const updated = await trx
        .updateTable("tasks")
        .set({
          status: o.status,
          completed_at: finish.now,
          output: o.status === "completed" ? JSON.stringify(o.output) : null,
          error_code: o.status === "failed" ? o.code : null,
          error_message: o.status === "failed" ? o.message : null,
          progress_stage: o.status === "completed" ? "done" : sql`progress_stage`,
          progress_percent: o.status === "completed" ? 100 : sql`progress_percent`,
        })
        .where("id", "=", finish.taskId)
        .where("status", "in", ["pending", "processing"])
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new Stale();
      const task = (await getTask(trx, finish.taskId))!;
      const settled = await settleHold(trx, {
        accountId: task.account_id,
        apiKeyId: task.api_key_id,
        taskId: task.id,
        cost: Number(task.cost),
        kind: o.status === "completed" ? "capture" : "release",
        now: finish.now,
      });
      // The unique indexes already refused a second settlement; reaching here without one means
      // the task was settled outside this path — roll back rather than finish it without money.
      if (!settled) throw new Stale();
      if (task.callback_url) {
        await trx
          .insertInto("webhook_deliveries")
          .values({
            id: `evt_${task.id}_${o.status}`,
            task_id: task.id,
            api_key_id: task.api_key_id,
            url: task.callback_url,
            body: finish.callbackBody(task),
            state: "pending",
            attempts: 0,
            next_attempt_at: finish.now,
            created_at: finish.now,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      return task;
    });
  } catch (error) {
    if (error instanceof Stale) return null;
    throw error;
  }
}

/** Open tasks past their deadline: the sweeper fails them and releases their credits. */
export async function overdueTasks(db: Db, now: number): Promise<Task[]> {
  return db.selectFrom("tasks").selectAll().where("status", "in", ["pending", "processing"]).where("deadline_at", "<", now).execute();
}

export async function requestCancel(db: Db, id: string): Promise<void> {
  await db.updateTable("tasks").set({ cancel_requested: 1 }).where("id", "=", id).execute();
}
