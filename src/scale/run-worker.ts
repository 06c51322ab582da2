/**
 * `mvgen worker`'s composition root: the database, the object store and the queue from the flags
 * (or MVGEN_DATABASE_URL, MVGEN_STORAGE_URL, MVGEN_QUEUE_URL), checked before taking any job, then
 * the BullMQ worker until SIGINT/SIGTERM. Timing knobs for operators and tests: MVGEN_LOCK_MS
 * (default 20 000: a dead worker's job runs elsewhere within lock + stalled check ≈ 35 s),
 * MVGEN_STALLED_MS (15 000), MVGEN_POLL_MS (cancel checks, 1 000).
 */
import { join } from "node:path";
import { cpus } from "node:os";
import { databaseLocation, openDatabase } from "../store/database.ts";
import { openObjectStore } from "../storage/object-store.ts";
import { envNumber } from "../core/env.ts";
import { taskView } from "../server/task-view.ts";
import { normalizePublicUrl } from "../server/public-url.ts";
import { checkQueue, parseQueueUrl } from "./queue-config.ts";
import { startScaleWorker } from "./worker.ts";

export interface WorkerFlags {
  readonly dataDir: string;
  readonly database?: string;
  readonly queue: string;
  readonly storage?: string;
  readonly publicUrl: string;
  readonly concurrency?: number;
  readonly threads?: number;
  readonly workDir?: string;
  readonly chunkSeconds: number;
  readonly log?: boolean;
}

export async function runWorker(flags: WorkerFlags): Promise<void> {
  const publicUrl = normalizePublicUrl(flags.publicUrl);
  const queue = parseQueueUrl(flags.queue);
  const store = openObjectStore(flags.storage ?? join(flags.dataDir, "objects"));
  await checkQueue(queue);
  await store.check();
  const db = await openDatabase(databaseLocation(flags.database, join(flags.dataDir, "mvgen.db")));
  const log = flags.log ? (message: string, extra?: object) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), message, ...extra })}\n`) : () => {};
  const concurrency = flags.concurrency || Math.max(1, Math.floor(cpus().length / 2));
  const worker = startScaleWorker({
    db,
    queue,
    store,
    workDir: flags.workDir ?? join(flags.dataDir, "work"),
    concurrency,
    renderThreads: flags.threads,
    chunkSeconds: flags.chunkSeconds,
    lockMs: envNumber("MVGEN_LOCK_MS") ?? 20_000,
    stalledMs: envNumber("MVGEN_STALLED_MS") ?? 15_000,
    pollMs: envNumber("MVGEN_POLL_MS") ?? 1000,
    nsfwFrames: 3,
    callbackBody: (task) => JSON.stringify(taskView(task, publicUrl)),
    log,
  });
  await worker.ready;
  process.stdout.write(`mvgen worker taking jobs from ${queue.description} (${concurrency} at a time; media in ${store.description})\n`);
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      // Stop at once: a running job's lock lapses and BullMQ gives it to another worker.
      void worker
        .close(true)
        .finally(async () => {
          store.close();
          await db.destroy();
          process.exit(0);
        });
    });
  }
}
