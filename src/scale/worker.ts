/**
 * `mvgen worker`: a render worker of the scale-out mode. It takes jobs from the BullMQ render
 * queue (src/scale/jobs.ts), reads and writes the task's files through the object store, and
 * records everything the API shows — status, progress, the ledger's capture or release, the
 * callback — in the shared database through the same store functions as the embedded runner.
 *
 * Dying is safe at any point: BullMQ gives a job whose worker stopped renewing its lock to another
 * worker (after `lockMs` + `stalledMs` at most), every file a job writes appears only when complete
 * and under a name fixed by the task, and a task settles once (compare-and-set on its status, one
 * ledger settlement per task).
 */
import { mkdir, readdir, rm } from "node:fs/promises";
import { FlowProducer, Queue, Worker, type Job as BullJob } from "bullmq";
import type { Db } from "../store/database.ts";
import type { Task } from "../store/schema.ts";
import { TASK_FAILURES, completedOutcome, finishTask, getTask, publicError, raiseProgress as raiseTaskProgress, storedRequest, type TaskFailure } from "../store/tasks.ts";
import { claimJobOfTask } from "../queue/job-queue.ts";
import type { ObjectStore } from "../storage/object-store.ts";
import { createMedia, type Media } from "../media/media.ts";
import { MvgenError, toMvgenError } from "../core/errors.ts";
import { planMusicVideo } from "../pipeline/render-music-video.ts";
import { readArtifact, writeArtifacts } from "../pipeline/artifact-store.ts";
import { planChunks } from "../pipeline/plan-chunks.ts";
import { renderChunk } from "../pipeline/render-chunk.ts";
import { encodeSongAudio } from "../pipeline/encode-song-audio.ts";
import { joinChunks } from "../pipeline/join-chunks.ts";
import { stageProgress } from "../pipeline/progress.ts";
import { moderateVideo } from "../moderation/moderate-video.ts";
import { fpsToNumber } from "../core/units.ts";
import { RENDER_QUEUE, type QueueLocation } from "./queue-config.ts";
import { JOB_OPTIONS, jobIds, taskOf, type ChunkJobData, type JoinJobData } from "./jobs.ts";
import { ensureLocal, keyOfPath, localizeArtifact, localPath, taskKey } from "./task-files.ts";

export interface ScaleWorkerOptions {
  readonly db: Db;
  readonly queue: QueueLocation;
  readonly store: ObjectStore;
  /** Local copies of the tasks' files: `<workDir>/tasks/<taskId>/…`. */
  readonly workDir: string;
  /** Jobs at once (each renders on `renderThreads` threads). */
  readonly concurrency: number;
  readonly renderThreads?: number;
  /** [s] of video per chunk job: a song longer than this is rendered by several workers. */
  readonly chunkSeconds: number;
  /** [ms] a job's lock lasts without renewal (renewed every half); a dead worker's job is re-run after lockMs + stalledMs at most. */
  readonly lockMs: number;
  readonly stalledMs: number;
  /** [ms] between looks at the task for a cancel request or an expired deadline. */
  readonly pollMs: number;
  readonly nsfwFrames: number;
  /** The callback body (the task as GET shows it): the API's public URL must be known here. */
  readonly callbackBody: (task: Task) => string;
  readonly media?: Media;
  readonly log?: (message: string, extra?: object) => void;
}

export interface ScaleWorker {
  /** Resolves once connected to Redis and taking jobs. */
  readonly ready: Promise<void>;
  /** Stops taking jobs; running jobs finish first unless `force` (then BullMQ re-runs them elsewhere). */
  close(force?: boolean): Promise<void>;
}

/** The task's video file name (output.file). */
const VIDEO_FILE = "video-1.mp4";
/** Progress spans: planning reports 0–14 % itself (stageProgress), rendering the chunks 14–97, the join the rest. */
const RENDER_SPAN = [stageProgress("render", 0), 97] as const;
/** [ms] between removals of finished tasks' local files: they only cost disk space meanwhile. */
const CLEAN_UP_EVERY_MS = 60_000;

class Stopped extends Error {}

export function startScaleWorker(options: ScaleWorkerOptions): ScaleWorker {
  const { db, store, workDir } = options;
  const media = options.media ?? createMedia();
  const log = options.log ?? (() => {});
  const connection = { ...options.queue.connection };
  const flows = new FlowProducer({ connection: { ...connection }, prefix: options.queue.prefix });
  flows.on("error", () => {});
  /** For looking jobs up (has an earlier run of the plan job added the flow already?). */
  const lookups = new Queue(RENDER_QUEUE, { connection: { ...connection }, prefix: options.queue.prefix });
  lookups.on("error", () => {});
  /** One localisation of a file at a time per process (chunk jobs of one task share it). */
  const localizing = new Map<string, Promise<string>>();
  const once = (key: string, fn: () => Promise<string>) => {
    let pending = localizing.get(key);
    if (!pending) {
      pending = fn().finally(() => localizing.delete(key));
      localizing.set(key, pending);
    }
    return pending;
  };

  const settle = async (taskId: string, failure: TaskFailure) =>
    finishTask(db, { taskId, outcome: { status: "failed", ...failure }, now: Date.now(), callbackBody: options.callbackBody });

  /** Progress is advisory: a failed write is not worth failing the job for. */
  const raiseProgress = (taskId: string, stage: string, percent: number) => raiseTaskProgress(db, taskId, stage, percent).catch(() => {});

  /** Aborts when the task is cancelled (settling it) or finished elsewhere (deadline, another run). */
  function watchTask(taskId: string): { signal: AbortSignal; stop: () => void } {
    const controller = new AbortController();
    const timer = setInterval(() => {
      void (async () => {
        const task = await getTask(db, taskId);
        if (!task || controller.signal.aborted) return;
        if (task.status === "processing" && task.cancel_requested) {
          await settle(taskId, TASK_FAILURES.canceled);
          controller.abort(new Stopped("cancelled"));
        } else if (task.status !== "processing" && task.status !== "pending") {
          controller.abort(new Stopped(`task ${task.status}`));
        }
      })().catch(() => {});
    }, options.pollMs);
    return { signal: controller.signal, stop: () => clearInterval(timer) };
  }

  async function plan(task: Task, signal: AbortSignal): Promise<void> {
    const claim = await claimJobOfTask(db, task.id, Date.now());
    if (!claim) {
      await settle(task.id, TASK_FAILURES.crashedTwice);
      return;
    }
    const stored = storedRequest(task);
    const input = async (path: string) => ensureLocal(store, workDir, keyOfPath(path, task.id) ?? taskKey(task.id, "input", path.split("/").pop()!));
    const audio = await input(stored.audioPath);
    const images = [];
    for (const path of stored.imagePaths) images.push(await input(path));
    const lyrics = stored.lyricsPath ? await input(stored.lyricsPath) : undefined;
    const artifactsDir = localPath(workDir, taskKey(task.id, "artifacts"));
    const made = await planMusicVideo(
      { audio, images, prompt: stored.prompt, lyrics, aspect: stored.aspect, resolution: stored.resolution },
      { media, workDir: artifactsDir, signal, onProgress: (e) => void raiseProgress(task.id, e.stage, e.percent) },
    );
    await writeArtifacts(artifactsDir, made);
    await store.putFolder(taskKey(task.id, "artifacts"), artifactsDir);

    const { timeline } = made;
    const ranges = planChunks(timeline.frameCount, Math.max(1, Math.round(options.chunkSeconds * fpsToNumber(timeline.fps))));
    if (await lookups.getJob(jobIds.join(task.id))) return; // an earlier run of this job added the flow
    const child = { queueName: RENDER_QUEUE, opts: { ...JOB_OPTIONS, failParentOnFailure: true } };
    await flows.add({
      name: "join",
      queueName: RENDER_QUEUE,
      data: { taskId: task.id, count: ranges.length } satisfies JoinJobData,
      opts: { ...JOB_OPTIONS, jobId: jobIds.join(task.id) },
      // The audio job first: on a second worker it runs while the first chunks render.
      children: [
        { ...child, name: "audio", data: { taskId: task.id }, opts: { ...child.opts, jobId: jobIds.audio(task.id) } },
        ...ranges.map((range, index) => ({
          ...child,
          name: "chunk",
          data: { taskId: task.id, index, count: ranges.length, start: range.start, end: range.end } satisfies ChunkJobData,
          opts: { ...child.opts, jobId: jobIds.chunk(task.id, index) },
        })),
      ],
    });
    await raiseProgress(task.id, "render", RENDER_SPAN[0]);
  }

  const timelineOf = async (taskId: string) =>
    readArtifact("timeline", await once(taskKey(taskId, "artifacts", "timeline.json"), () => localizeArtifact(store, workDir, taskId, "timeline.json")));

  async function chunk(job: BullJob, signal: AbortSignal): Promise<void> {
    const data = job.data as ChunkJobData;
    const timeline = await timelineOf(data.taskId);
    const key = taskKey(data.taskId, "chunks", `${data.index}.mp4`);
    const segment = localPath(workDir, key);
    // Chunks already finished (their segments are in the store), for the task's progress.
    const done = (await store.list(taskKey(data.taskId, "chunks") + "/")).filter((k) => k.endsWith(".mp4")).length;
    const span = (RENDER_SPAN[1] - RENDER_SPAN[0]) / data.count;
    await renderChunk(timeline, { start: data.start, end: data.end }, segment, {
      media,
      signal,
      renderThreads: options.renderThreads,
      onProgress: (e) => {
        if (e.frame === undefined) return;
        // e.frame counts from the chunk's first frame (encodeFrames numbers the frames it is given).
        const fraction = e.frame / (data.end - data.start);
        void raiseProgress(data.taskId, "render", RENDER_SPAN[0] + span * (done + fraction));
      },
    });
    await store.put(key, segment, "video/mp4");
    await rm(segment, { force: true });
  }

  async function audio(taskId: string, signal: AbortSignal): Promise<void> {
    const timeline = await timelineOf(taskId);
    const key = taskKey(taskId, "chunks", "audio.m4a");
    await encodeSongAudio(timeline, localPath(workDir, key), { media, signal });
    await store.put(key, localPath(workDir, key), "audio/mp4");
  }

  async function join(task: Task, data: JoinJobData, signal: AbortSignal): Promise<{ joinMs: number }> {
    const timeline = await timelineOf(task.id);
    await raiseProgress(task.id, "encode", RENDER_SPAN[1]);
    // Fetched afresh, all at once: a local copy could be a segment of an earlier, abandoned run.
    const chunksKey = taskKey(task.id, "chunks");
    const fetched = new Set(await store.getFolder(chunksKey, localPath(workDir, chunksKey)));
    const segments = Array.from({ length: data.count }, (_, i) => localPath(workDir, taskKey(task.id, "chunks", `${i}.mp4`)));
    const missing = segments.findIndex((path) => !fetched.has(path));
    if (missing >= 0) {
      const key = taskKey(task.id, "chunks", `${missing}.mp4`);
      throw new MvgenError("STORAGE_NOT_FOUND", `object ${key} does not exist in ${store.description}.`, { details: { key, store: store.description } });
    }
    const encodedAudio = await ensureLocal(store, workDir, taskKey(task.id, "chunks", "audio.m4a"));
    const videoKey = taskKey(task.id, VIDEO_FILE);
    const joining = performance.now();
    const result = await joinChunks(timeline, segments, localPath(workDir, videoKey), { media, signal, encodedAudio });
    const joinMs = Math.round(performance.now() - joining);
    await raiseProgress(task.id, "moderation", 99.5);
    const nsfw = await moderateVideo({
      photos: timeline.photos.map((p) => p.path),
      video: result.output,
      duration: result.duration,
      frames: options.nsfwFrames,
      ffmpegPath: media.tools.ffmpeg.path,
      signal,
    });
    await store.put(videoKey, result.output, "video/mp4");
    const finished = await finishTask(db, {
      taskId: task.id,
      outcome: completedOutcome(VIDEO_FILE, nsfw),
      now: Date.now(),
      callbackBody: options.callbackBody,
    });
    if (!finished) log("task finished elsewhere; joined video not used", { task: task.id });
    await store.deletePrefix(taskKey(task.id, "chunks") + "/").catch(() => {});
    return { joinMs };
  }

  async function process(job: BullJob): Promise<string> {
    const taskId = taskOf(job.data);
    if (!taskId) return "no task";
    const task = await getTask(db, taskId);
    if (!task || (task.status !== "pending" && task.status !== "processing")) return `task ${task?.status ?? "gone"}`;
    if (task.cancel_requested) {
      await settle(taskId, TASK_FAILURES.canceled);
      return "cancelled";
    }
    const watch = watchTask(taskId);
    const which = { job: job.name, task: taskId, ...(job.name === "chunk" ? { index: (job.data as ChunkJobData).index } : {}), attempt: job.attemptsMade + 1 };
    try {
      log("job started", which);
      const started = performance.now();
      let extra = {};
      if (job.name === "plan") await plan(task, watch.signal);
      else if (job.name === "chunk") await chunk(job, watch.signal);
      else if (job.name === "audio") await audio(taskId, watch.signal);
      else if (job.name === "join") extra = await join(task, job.data as JoinJobData, watch.signal);
      else return `unknown job ${job.name}`;
      log("job done", { ...which, ms: Math.round(performance.now() - started), ...extra });
      return "done";
    } catch (thrown) {
      if (watch.signal.aborted) return "stopped"; // cancelled or finished elsewhere: already settled
      const error = toMvgenError(thrown);
      const { code, message } = publicError(error);
      if (error.kind === "input") {
        const finished = await settle(taskId, { code, message });
        if (finished) log("task failed on its input", { task: taskId, code: error.code });
        return "input refused";
      }
      log("render job failed", { job: job.id ?? "?", task: taskId, error: error.message, attempt: job.attemptsMade + 1 });
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await settle(taskId, { code, message });
      throw thrown;
    } finally {
      watch.stop();
    }
  }

  /** Local copies of finished tasks' files are removed (the store keeps what the API serves). */
  async function cleanUpOnce(): Promise<void> {
    const dir = localPath(workDir, "tasks");
    for (const taskId of await readdir(dir).catch(() => [] as string[])) {
      const task = await getTask(db, taskId);
      if (!task || (task.status !== "pending" && task.status !== "processing")) await rm(localPath(dir, taskId), { recursive: true, force: true });
    }
  }
  let cleaning: Promise<void> | null = null;
  const cleanUp = () => {
    cleaning ??= cleanUpOnce()
      .catch((error) => log("removing finished tasks' local files failed", { error: String(error) }))
      .finally(() => (cleaning = null));
    return cleaning;
  };
  const cleanUpTimer = setInterval(() => void cleanUp(), CLEAN_UP_EVERY_MS).unref();

  const worker = new Worker(RENDER_QUEUE, process, {
    connection: { ...connection },
    prefix: options.queue.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.stalledMs,
    maxStalledCount: 1,
    autorun: false,
  });
  worker.on("error", (error) => log("render queue error", { error: String(error) }));
  const ready = (async () => {
    await mkdir(localPath(workDir, "tasks"), { recursive: true });
    await worker.waitUntilReady();
    void worker.run();
    void cleanUp();
  })();

  return {
    ready,
    async close(force = false) {
      clearInterval(cleanUpTimer);
      await worker.close(force);
      await cleaning;
      await flows.close();
      await lookups.close();
    },
  };
}
