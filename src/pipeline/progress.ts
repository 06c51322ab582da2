/** Progress as the pipeline reports it: a stage name and how far the whole job is, 0–100. */
export type Stage = "probe" | "decode" | "analyze" | "photos" | "plan" | "render" | "encode" | "done";

export interface ProgressEvent {
  readonly stage: Stage;
  /** Of the whole job, 0–100. */
  readonly percent: number;
  /** Frames rendered so far, during the render stage. */
  readonly frame?: number;
  readonly frames?: number;
}

export type ProgressListener = (event: ProgressEvent) => void;

/** Each stage's share of the whole job, measured roughly on a 60 s song at 480p: rendering dominates. */
const STAGE_SPAN: Record<Stage, readonly [number, number]> = {
  probe: [0, 1],
  decode: [1, 3],
  analyze: [3, 10],
  photos: [10, 12],
  plan: [12, 14],
  render: [14, 99],
  encode: [99, 100],
  done: [100, 100],
};

/** Maps a stage's own progress (0–1) onto the job's percent. */
export function stageProgress(stage: Stage, fraction: number): number {
  const [from, to] = STAGE_SPAN[stage];
  return Math.round((from + (to - from) * Math.min(1, Math.max(0, fraction))) * 10) / 10;
}
