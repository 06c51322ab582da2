/**
 * The scale-out mode's jobs on the BullMQ render queue, one task's song split over many workers:
 *
 *   plan  (analysis, faces, storyboard, timeline; uploads the artifacts) ─┐ adds the flow:
 *   join  ← waits for its children:  chunk 0 … chunk n−1  (frames → H.264 segment)
 *                                    audio              (the song → AAC)
 *         then copies segments + audio into the video, checks it, and settles the task.
 *
 * Job ids are made from the task id, so adding a job twice (a dispatcher retry, a re-run plan
 * job) adds it once.
 */
import type { JobsOptions } from "bullmq";

export interface ChunkJobData {
  readonly taskId: string;
  readonly index: number;
  readonly count: number;
  readonly start: number;
  readonly end: number;
}
export interface JoinJobData {
  readonly taskId: string;
  readonly count: number;
}

export const jobIds = {
  plan: (taskId: string) => `plan-${taskId}`,
  chunk: (taskId: string, index: number) => `chunk-${taskId}-${index}`,
  audio: (taskId: string) => `audio-${taskId}`,
  join: (taskId: string) => `join-${taskId}`,
};

/**
 * Every job: two attempts for an error thrown by the job (a storage hiccup; input errors settle the
 * task instead of throwing), finished jobs kept a day so a repeated add stays a no-op.
 */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 2,
  backoff: { type: "fixed", delay: 2000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The task a job of the render queue belongs to. */
export const taskOf = (data: unknown): string | undefined =>
  data && typeof data === "object" && typeof (data as { taskId?: unknown }).taskId === "string" ? (data as { taskId: string }).taskId : undefined;
