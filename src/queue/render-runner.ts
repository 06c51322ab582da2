/**
 * Runs render jobs from the queue, each in its own child process (render-child.ts), at most
 * `workers` at a time (default: one per two cores — a render uses about two). It owns the leases
 * of the jobs it runs: heartbeats every lease/3, stops a render whose lease was lost, and
 * settles each task through the fenced terminal transition. A sweeper puts the jobs of dead
 * workers back in the queue and fails tasks past their deadline, releasing their credits.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "../store/database.ts";
import type { Clock } from "../store/clock.ts";
import type { Task } from "../store/schema.ts";
import { TASK_FAILURES, completedOutcome, failOverdueTasks, finishTask, publicError, storedRequest, updateProgress, type TaskFailure, type TaskOutcome } from "../store/tasks.ts";
import { claimJob, expiredJobs, giveBack, heartbeat, requeue, type Claim, type LeaseSettings } from "./job-queue.ts";
import type { ChildMessage, RenderOrder } from "./render-protocol.ts";

export interface RenderRunnerOptions {
  readonly db: Db;
  readonly clock: Clock;
  /** Task folders live under here: `<tasksDir>/<taskId>/`. */
  readonly tasksDir: string;
  readonly workers: number;
  readonly lease: LeaseSettings;
  /** [ms] between looks at the queue and sweeps for expired leases. */
  readonly pollMs: number;
  /** Frames of each video the NSFW check samples. */
  readonly nsfwFrames: number;
  /** The callback body (the task as GET shows it). */
  readonly callbackBody: (task: Task) => string;
  /** Told after each terminal transition (the callback dispatcher wakes up). */
  readonly onFinished?: (task: Task) => void;
  readonly log?: (message: string, extra?: object) => void;
}

export interface RenderRunner {
  start(): void;
  /** Looks at the queue now (after a create) instead of at the next poll. */
  kick(): void;
  /** One sweep: expired leases and overdue tasks. Returns how many it acted on. */
  sweep(): Promise<number>;
  /** Stops claiming; running renders are stopped and their jobs given back to the queue. */
  stop(): Promise<void>;
  readonly active: number;
}

interface Running {
  readonly claim: Claim;
  readonly child: ChildProcess;
  /** Why the render is being stopped: TASK_FAILURES.canceled or .renderTimeLimit. */
  cancelled: TaskFailure | null;
  done: Promise<void>;
}

const childEntry = new URL(import.meta.url.endsWith(".ts") ? "./render-child.ts" : "./render-child.js", import.meta.url);

/** The child needs the same TypeScript loader as this process when running from source. */
function childExecArgv(): string[] {
  const argv = [...process.execArgv].filter((a) => !a.startsWith("--inspect"));
  if (childEntry.pathname.endsWith(".ts") && !argv.some((a) => a.includes("tsx"))) argv.push("--import", "tsx");
  return argv;
}

export function createRenderRunner(options: RenderRunnerOptions): RenderRunner {
  const { db, clock, lease } = options;
  const log = options.log ?? (() => {});
  const running = new Map<number, Running>();
  let stopped = true;
  let pumping = false;
  let timer: NodeJS.Timeout | undefined;

  async function finish(claim: Claim, outcome: TaskOutcome): Promise<void> {
    const task = await finishTask(db, {
      taskId: claim.task.id,
      outcome,
      now: clock.now(),
      fence: { jobId: claim.job.id, token: Number(claim.job.lease_token) },
      callbackBody: options.callbackBody,
    });
    if (task) options.onFinished?.(task);
    else log("stale worker result ignored", { task: claim.task.id, token: claim.job.lease_token });
  }

  function run(claim: Claim): Running {
    const { task, job } = claim;
    const token = Number(job.lease_token);
    const dir = join(options.tasksDir, task.id);
    const file = `video-${token}.mp4`;
    const child = fork(childEntry, [], { execArgv: childExecArgv(), stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "json" });
    const entry: Running = { claim, child, cancelled: null, done: Promise.resolve() };
    let result: ChildMessage | null = null;
    let leaseLost = false;
    let lastProgress = 0;

    child.on("message", (message: ChildMessage) => {
      if (message.type === "progress") {
        const now = clock.now();
        if (now - lastProgress < 250 && message.stage !== "moderation") return;
        lastProgress = now;
        void updateProgress(db, task.id, message.stage, message.percent).catch(() => {});
      } else {
        result = message;
      }
    });

    const order: RenderOrder = {
      type: "render",
      ...storedRequest(task),
      outputPath: join(dir, file),
      artifactsDir: join(dir, "artifacts"),
      nsfwFrames: options.nsfwFrames,
    };

    const beat = setInterval(() => {
      void heartbeat(db, { id: job.id, token }, clock.now(), lease.leaseMs)
        .then((state) => {
          if (state === "lost") {
            leaseLost = true;
            child.kill("SIGKILL");
          } else if (state === "cancel" && !entry.cancelled) {
            entry.cancelled = TASK_FAILURES.canceled;
            child.send({ type: "cancel" });
          }
        })
        .catch((error) => log("heartbeat failed", { error: String(error) }));
    }, Math.max(50, Math.floor(lease.leaseMs / 3)));
    // The task's deadline bounds the render (a stuck ffmpeg, a pathological song).
    const deadline = setTimeout(() => {
      entry.cancelled = TASK_FAILURES.renderTimeLimit;
      child.send({ type: "cancel" });
    }, Math.max(0, Number(task.deadline_at) - clock.now()));

    entry.done = new Promise<void>((resolve) => {
      child.once("spawn", () => child.send(order));
      child.once("exit", (code, signal) => {
        clearInterval(beat);
        clearTimeout(deadline);
        void (async () => {
          if (stopped || leaseLost) return; // given back at shutdown, or someone else owns it now
          const r = result as ChildMessage | null;
          if (r?.type === "done") {
            await finish(claim, completedOutcome(file, r.nsfw));
          } else if (entry.cancelled) {
            await finish(claim, { status: "failed", ...entry.cancelled });
          } else if (r?.type === "error") {
            await finish(claim, { status: "failed", ...publicError(r) });
          } else if (job.attempt < job.max_attempts) {
            // The child died without a word (killed, out of memory): another attempt.
            log("render process died; job requeued", { task: task.id, code, signal });
            await requeue(db, { id: job.id, token }, clock.now());
          } else {
            await finish(claim, { status: "failed", ...TASK_FAILURES.crashedTwice });
          }
        })()
          .catch((error) => log("settling a render failed", { task: task.id, error: String(error) }))
          .finally(() => {
            running.delete(job.id);
            resolve();
            pump();
          });
      });
    });
    return entry;
  }

  async function pumpOnce(): Promise<void> {
    while (!stopped && running.size < options.workers) {
      const claim = await claimJob(db, clock.now(), lease.leaseMs);
      if (!claim) return;
      await mkdir(join(options.tasksDir, claim.task.id, "artifacts"), { recursive: true });
      running.set(claim.job.id, run(claim));
    }
  }

  function pump(): void {
    if (pumping || stopped) return;
    pumping = true;
    pumpOnce()
      .catch((error) => log("claiming a job failed", { error: String(error) }))
      .finally(() => (pumping = false));
  }

  async function sweep(): Promise<number> {
    const now = clock.now();
    let acted = 0;
    for (const job of await expiredJobs(db, now)) {
      if (running.has(job.id)) continue; // ours and alive: its heartbeat is just late
      const token = Number(job.lease_token);
      if (job.attempt < job.max_attempts) {
        if (await requeue(db, { id: job.id, token }, now)) acted++;
      } else {
        const task = await finishTask(db, {
          taskId: job.task_id,
          outcome: { status: "failed", ...TASK_FAILURES.workerLost },
          now,
          fence: { jobId: job.id, token },
          callbackBody: options.callbackBody,
        });
        if (task) {
          acted++;
          options.onFinished?.(task);
        }
      }
    }
    // A task rendering here is stopped by its own deadline timer.
    const mine = (task: Task) => [...running.values()].some((r) => r.claim.task.id === task.id);
    for (const task of await failOverdueTasks(db, now, options.callbackBody, mine)) {
      acted++;
      options.onFinished?.(task);
    }
    return acted;
  }

  return {
    get active() {
      return running.size;
    },
    start() {
      stopped = false;
      timer = setInterval(() => {
        void sweep()
          .catch((error) => log("sweep failed", { error: String(error) }))
          .finally(pump);
      }, options.pollMs);
      timer.unref();
      void sweep().catch(() => {}).finally(pump);
    },
    kick: pump,
    sweep,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      const now = clock.now();
      await Promise.all(
        [...running.values()].map(async (r) => {
          await giveBack(db, { id: r.claim.job.id, token: Number(r.claim.job.lease_token) }, now).catch(() => {});
          r.child.kill("SIGTERM");
          const killer = setTimeout(() => r.child.kill("SIGKILL"), 3000);
          await r.done;
          clearTimeout(killer);
        }),
      );
    },
  };
}
