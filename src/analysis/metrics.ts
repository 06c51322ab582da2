/** Evaluation metrics shared by the unit tests and the eval command. Times in seconds. */

/** ±70 ms: the MIREX beat-tracking tolerance window. */
export const BEAT_TOLERANCE_SECONDS = 0.07;

/**
 * Beat F-measure (MIREX / mir_eval `f_measure`): each reference beat matches at most one
 * estimated beat within ±tolerance (greedy in time order, nearest first). Both empty → 1.
 */
export function beatFMeasure(estimated: readonly number[], reference: readonly number[], tolerance = BEAT_TOLERANCE_SECONDS): number {
  if (estimated.length === 0 && reference.length === 0) return 1;
  if (estimated.length === 0 || reference.length === 0) return 0;
  const est = [...estimated].sort((a, b) => a - b);
  const ref = [...reference].sort((a, b) => a - b);
  const used = new Uint8Array(est.length);
  let hits = 0;
  let start = 0;
  for (const r of ref) {
    while (start < est.length && est[start] < r - tolerance) start++;
    let bestIndex = -1;
    let bestDistance = Infinity;
    for (let i = start; i < est.length && est[i] <= r + tolerance; i++) {
      const d = Math.abs(est[i] - r);
      if (!used[i] && d < bestDistance) {
        bestDistance = d;
        bestIndex = i;
      }
    }
    if (bestIndex >= 0) {
      used[bestIndex] = 1;
      hits++;
    }
  }
  const precision = hits / est.length;
  const recall = hits / ref.length;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

export interface TimeSpan {
  readonly start: number;
  readonly end: number;
}

/** A span list sampled on a frame grid: frame i (time i/rate) is 1 when it lies inside any span. */
export function spansToFrames(spans: readonly TimeSpan[], duration: number, rate: number): Uint8Array {
  const frames = new Uint8Array(Math.max(0, Math.ceil(duration * rate)));
  for (const span of spans) {
    const a = Math.max(0, Math.ceil(span.start * rate - 1e-9));
    const b = Math.min(frames.length - 1, Math.floor(span.end * rate - 1e-9));
    for (let i = a; i <= b; i++) frames[i] = 1;
  }
  return frames;
}

export interface BinaryScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Frame-wise precision, recall and F1 of a detection against the truth (same length grids). */
export function frameScores(estimated: ArrayLike<number>, reference: ArrayLike<number>): BinaryScores {
  const n = Math.min(estimated.length, reference.length);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < n; i++) {
    const e = estimated[i] > 0;
    const r = reference[i] > 0;
    if (e && r) tp++;
    else if (e) fp++;
    else if (r) fn++;
  }
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Frame F1 of estimated spans against reference spans over [0, duration), on a 100 Hz grid. */
export function segmentF1(estimated: readonly TimeSpan[], reference: readonly TimeSpan[], duration: number, rate = 100): BinaryScores {
  return frameScores(spansToFrames(estimated, duration, rate), spansToFrames(reference, duration, rate));
}
