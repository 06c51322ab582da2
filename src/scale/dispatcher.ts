/**
 * The API's side of the scale-out mode: instead of rendering, it hands each new task to the BullMQ
 * render queue, where `mvgen worker` processes pick it up. The task's job row (written in the same
 * transaction as the task and its credit hold) is the outbox: every poll re-adds the plan job of
 * each row no worker has claimed yet, and BullMQ ignores a job id it already has, so a crash or a
 * Redis outage between the commit and the add delays a task but never loses it. The API also
 * settles tasks whose jobs BullMQ gave up on (a worker died once too often) and tasks past their
 * deadline, releasing their credits.
 */
import { Queue, QueueEvents } from "bullmq";
import type { Db } from "../store/database.ts";
import type { Clock } from "../store/clock.ts";
import type { Task } from "../store/schema.ts";
import { TASK_FAILURES, failOverdueTasks, finishTask, getTask } from "../store/tasks.ts";
import { queuedTaskIds } from "../queue/job-queue.ts";
import type { RenderRunner } from "../queue/render-runner.ts";
import { RENDER_QUEUE, type QueueLocation } from "./queue-config.ts";
import { JOB_OPTIONS, jobIds, taskOf } from "./jobs.ts";

export interface QueueDispatcherOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly queue: QueueLocation;
  /** [ms] between outbox passes and deadline sweeps. */
  readonly pollMs: number;
  readonly callbackBody: (task: Task) => string;
  readonly onFinished?: (task: Task) => void;
  readonly log?: (message: string, extra?: object) => void;
}

export function createQueueDispatcher(options: QueueDispatcherOptions): RenderRunner {
  const { db, clock } = options;
  const log = options.log ?? (() => {});
  const connection = { ...options.queue.connection };
  const queue = new Queue(RENDER_QUEUE, { connection, prefix: options.queue.prefix, defaultJobOptions: JOB_OPTIONS });
  let events: QueueEvents | undefined;
  let timer: NodeJS.Timeout | undefined;
  let dispatching: Promise<void> | null = null;
  // Redis down: BullMQ reconnects by itself; say so once, not on every retry.
  let warned = false;
  queue.on("error", (error) => {
    if (!warned) log("render queue unreachable", { queue: options.queue.description, error: String(error) });
    warned = true;
  });

  async function dispatchOnce(): Promise<void> {
    for (const taskId of await queuedTaskIds(db)) {
      await queue.add("plan", { taskId }, { jobId: jobIds.plan(taskId) });
    }
    warned = false;
  }

  const dispatch = (): Promise<void> =>
    (dispatching ??= dispatchOnce()
      .catch((error) => log("handing tasks to the render queue failed", { error: String(error) }))
      .finally(() => (dispatching = null)));

  async function sweep(): Promise<number> {
    const failed = await failOverdueTasks(db, clock.now(), options.callbackBody);
    for (const task of failed) options.onFinished?.(task);
    await dispatch();
    return failed.length;
  }

  /** A job BullMQ moved to failed (its retries used up, or its worker lost too often). */
  async function onFailed(jobId: string, reason: string): Promise<void> {
    const job = await queue.getJob(jobId);
    const taskId = taskOf(job?.data);
    if (!job || !taskId || !(await job.isFailed())) return;
    const task = await getTask(db, taskId);
    if (!task || (task.status !== "pending" && task.status !== "processing")) return;
    log("render job failed", { job: jobId, task: taskId, reason });
    const failed = await finishTask(db, { taskId, outcome: { status: "failed", ...TASK_FAILURES.jobFailed }, now: clock.now(), callbackBody: options.callbackBody });
    if (failed) options.onFinished?.(failed);
  }

  return {
    active: 0,
    start() {
      events = new QueueEvents(RENDER_QUEUE, { connection: { ...options.queue.connection }, prefix: options.queue.prefix });
      events.on("error", () => {});
      events.on("failed", ({ jobId, failedReason }) => void onFailed(jobId, failedReason).catch((error) => log("settling a failed job failed", { error: String(error) })));
      timer = setInterval(() => void sweep().catch((error) => log("sweep failed", { error: String(error) })), options.pollMs);
      timer.unref();
      void sweep().catch(() => {});
    },
    kick: () => void dispatch(),
    sweep,
    async stop() {
      if (timer) clearInterval(timer);
      await dispatching;
      await events?.close();
      await queue.close();
    },
  };
}
