/**
 * Task rows and their state machine: pending → processing → completed | failed. Every transition
 * is a compare-and-set on the current status (and, for a worker, on its lease token), terminal
 * states are absorbing, and the terminal transition moves the money (capture or release) and
 * writes the callback to the outbox in the same transaction.
 */
import { sql, type Transaction } from "kysely";
import type { Db } from "./database.ts";
import type { Database, NewTask, StoredOutput, StoredRequest, Task } from "./schema.ts";
import { settleHold } from "../billing/ledger.ts";

type Trx = Transaction<Database> | Db;

export async function getTask(db: Trx, id: string): Promise<Task | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertTask(trx: Trx, task: NewTask): Promise<void> {
  await trx.insertInto("tasks").values(task).execute();
}

/** The task's checked request, as the create route stored it. */
export function storedRequest(task: Task): StoredRequest {
  return (JSON.parse(task.request) as { stored: StoredRequest }).stored;
}

/** The completed task's video, or undefined while it has none. */
export function storedOutput(task: Task): StoredOutput | undefined {
  return task.status === "completed" && task.output ? (JSON.parse(task.output) as StoredOutput) : undefined;
}

/** Progress is advisory: written only while the task is still running. */
export async function updateProgress(db: Db, id: string, stage: string, percent: number): Promise<void> {
  await db.updateTable("tasks").set({ progress_stage: stage, progress_percent: percent }).where("id", "=", id).where("status", "=", "processing").execute();
}

/**
 * Progress reported by several processes at once (the scale-out mode's chunk jobs): written only
 * while the task runs and only when above what is recorded, so it never goes backwards. Stored to
 * 0.1 %.
 */
export async function raiseProgress(db: Db, id: string, stage: string, percent: number): Promise<void> {
  await db
    .updateTable("tasks")
    .set({ progress_stage: stage, progress_percent: Math.round(percent * 10) / 10 })
    .where("id", "=", id)
    .where("status", "=", "processing")
    .where((eb) => eb.or([eb("progress_percent", "is", null), eb("progress_percent", "<", percent)]))
    .execute();
}

export interface TaskFailure {
  readonly code: string;
  readonly message: string;
}

/** Why a task failed without an error of its own: what GET and the callback show. */
export const TASK_FAILURES = {
  /** Cancelled by its owner. */
  canceled: { code: "canceled", message: "The task was cancelled; its credits were released." },
  /** Its render ran past the task's deadline (the embedded runner's timer). */
  renderTimeLimit: { code: "render_timeout", message: "The render took longer than its time limit; its credits were released. Try again, or use a shorter song." },
  /** Still open at its deadline (found by a sweep). */
  overdue: { code: "render_timeout", message: "The task did not finish in time; your credits were released. Try again." },
  /** The render process died on both attempts. */
  crashedTwice: { code: "render_failed", message: "The render process stopped unexpectedly twice; your credits were released. Try again later." },
  /** The embedded runner's worker was lost on the last attempt (its lease ran out). */
  workerLost: { code: "render_failed", message: "The render stopped (its worker was lost) and the retry did not finish either; your credits were released. Try again." },
  /** BullMQ gave up on a scale-out job (it failed or lost its worker, also on retry). */
  jobFailed: { code: "render_failed", message: "The render stopped (its worker failed or was lost, also on retry); your credits were released. Try again." },
} as const satisfies Record<string, TaskFailure>;

/** A render error as the task shows it: the user's input errors keep their catalogue code. */
export function publicError(error: { code: string; kind: string; message: string }): TaskFailure {
  if (error.kind === "input") return { code: error.code.toLowerCase(), message: `${error.message} Your credits were released.` };
  return { code: "render_failed", message: `The render failed (${error.code}): ${error.message} Your credits were released; try again.` };
}

export type TaskOutcome = { readonly status: "completed"; readonly output: StoredOutput } | ({ readonly status: "failed" } & TaskFailure);

/** The outcome of a finished render: its video file (under the task's folder) and the NSFW check's verdict. */
export function completedOutcome(file: string, nsfw: boolean): TaskOutcome {
  return { status: "completed", output: { file, has_nsfw_contents: nsfw } };
}

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

/**
 * Fails every open task past its deadline (TASK_FAILURES.overdue), except those `skip` says its
 * caller stops itself; returns the tasks this call finished.
 */
export async function failOverdueTasks(db: Db, now: number, callbackBody: (task: Task) => string, skip: (task: Task) => boolean = () => false): Promise<Task[]> {
  const finished: Task[] = [];
  for (const overdue of await overdueTasks(db, now)) {
    if (skip(overdue)) continue;
    const task = await finishTask(db, { taskId: overdue.id, outcome: { status: "failed", ...TASK_FAILURES.overdue }, now, callbackBody });
    if (task) finished.push(task);
  }
  return finished;
}

export async function requestCancel(db: Db, id: string): Promise<void> {
  await db.updateTable("tasks").set({ cancel_requested: 1 }).where("id", "=", id).execute();
}
