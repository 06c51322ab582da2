/**
 * Untimed lyrics aligned to the song: the lyrics' syllables (one per vowel) against the syllable
 * nuclei heard in the voice (peaks of the voice-band level inside the sung stretches), by dynamic
 * programming — a nucleus may go unused (a melisma, a breath, the band), a syllable may get none (a
 * peak the detector merged), and a line break is cheap where the voice pauses and dear where it does
 * not. Then each word starts a little before its first syllable's nucleus. Pure.
 */

export interface Nucleus {
  /** [s] */
  readonly time: number;
  /** [s] of silence before it (a pause between sung stretches), 0 inside a stretch. */
  readonly pauseBefore: number;
}

export interface SyllableWord {
  readonly syllables: number;
  /** Consonants before the first vowel (they take time before the nucleus). */
  readonly onset: number;
  /** The word ends a line. */
  readonly lineEnd: boolean;
}

/**
 * Peaks of a level curve [dB at `rate` frames/s] inside the sung stretches: local maxima at least
 * `prominence` dB above the lowest point on each side before a higher peak, at least `minGap` s apart,
 * and no more than `quiet` dB below the loud level of the stretch's voice.
 */
export function syllableNuclei(
  level: ArrayLike<number>,
  rate: number,
  sung: ReadonlyArray<{ readonly start: number; readonly end: number }>,
  options: { prominence?: number; minGap?: number; quiet?: number } = {},
): Nucleus[] {
  const prominence = options.prominence ?? 3;
  const minGap = options.minGap ?? 0.12;
  const quiet = options.quiet ?? 25;
  const nuclei: Nucleus[] = [];
  let previousEnd = -Infinity;
  for (const stretch of sung) {
    const a = Math.max(0, Math.floor(stretch.start * rate));
    const b = Math.min(level.length, Math.ceil(stretch.end * rate));
    if (b - a < 3) continue;
    let loud = -Infinity;
    for (let i = a; i < b; i++) loud = Math.max(loud, level[i]);
    const found: number[] = [];
    for (let i = a + 1; i < b - 1; i++) {
      const v = level[i];
      if (v < level[i - 1] || v < level[i + 1] || v < loud - quiet) continue;
      // Prominence: the deeper of the two valleys down to the next higher ground on each side.
      let left = v;
      for (let j = i - 1; j >= a && level[j] <= v; j--) left = Math.min(left, level[j]);
      let right = v;
      for (let j = i + 1; j < b && level[j] <= v; j++) right = Math.min(right, level[j]);
      if (v - Math.max(left, right) < prominence) continue;
      const t = i / rate;
      const last = found[found.length - 1];
      if (last !== undefined && t - last / rate < minGap) {
        if (v > level[last]) found[found.length - 1] = i;
        continue;
      }
      found.push(i);
    }
    for (const [k, i] of found.entries()) nuclei.push({ time: i / rate, pauseBefore: k === 0 ? Math.max(0, stretch.start - previousEnd) : 0 });
    previousEnd = stretch.end;
  }
  return nuclei;
}

/**
 * Costs of the alignment. A nucleus skipped inside a line (a melisma, the band) costs more than one
 * skipped between lines (an instrumental bar, a breath), so a line's syllables take consecutive
 * nuclei and the unused ones gather where the singer is not singing words.
 */
const SKIP_IN_LINE = 1;
const SKIP_BETWEEN_LINES = 0.2;
const MISS_SYLLABLE = 1.5;
/** A line break where the voice does not pause, and a pause inside a line. */
const BREAK_WITHOUT_PAUSE = 2;
const PAUSE_INSIDE_LINE = 3;
/** [s] a pause must last to count as one. */
const PAUSE = 0.35;
/** [s] an onset consonant takes before the vowel. */
const ONSET_SECONDS = 0.07;

/**
 * Each word's start and end [s] from the nuclei, or null when there are none to align to. Words
 * keep their order; a word whose syllables found no nucleus sits between its neighbours.
 */
export function alignSyllables(words: readonly SyllableWord[], nuclei: readonly Nucleus[]): Array<{ start: number; end: number }> | null {
  const syllables: Array<{ word: number; lineStart: boolean }> = [];
  for (const [w, word] of words.entries()) {
    for (let s = 0; s < word.syllables; s++) syllables.push({ word: w, lineStart: s === 0 && (w === 0 || words[w - 1].lineEnd) });
  }
  const S = syllables.length;
  const N = nuclei.length;
  if (S === 0 || N === 0) return null;
  // cost[i][j]: syllables < i placed, nuclei < j used or skipped. Move kinds: 0 match, 1 skip nucleus, 2 miss syllable.
  const cost = new Float64Array((S + 1) * (N + 1)).fill(Infinity);
  const move = new Uint8Array((S + 1) * (N + 1));
  const at = (i: number, j: number) => i * (N + 1) + j;
  cost[at(0, 0)] = 0;
  for (let i = 0; i <= S; i++) {
    for (let j = 0; j <= N; j++) {
      const here = cost[at(i, j)];
      if (!Number.isFinite(here)) continue;
      if (i < S && j < N) {
        // Syllable i on nucleus j: a pause before the nucleus should coincide with a line start.
        const pause = nuclei[j].pauseBefore >= PAUSE;
        const lineStart = syllables[i].lineStart && i > 0;
        const c = here + (lineStart && !pause ? BREAK_WITHOUT_PAUSE : 0) + (!syllables[i].lineStart && pause ? PAUSE_INSIDE_LINE : 0);
        if (c < cost[at(i + 1, j + 1)]) {
          cost[at(i + 1, j + 1)] = c;
          move[at(i + 1, j + 1)] = 0;
        }
      }
      const skip = i === 0 || i === S || syllables[i].lineStart ? SKIP_BETWEEN_LINES : SKIP_IN_LINE;
      if (j < N && here + skip < cost[at(i, j + 1)]) {
        cost[at(i, j + 1)] = here + skip;
        move[at(i, j + 1)] = 1;
      }
      if (i < S && here + MISS_SYLLABLE < cost[at(i + 1, j)]) {
        cost[at(i + 1, j)] = here + MISS_SYLLABLE;
        move[at(i + 1, j)] = 2;
      }
    }
  }
  // Trace back: the time of each syllable that got a nucleus.
  const time: Array<number | undefined> = new Array(S).fill(undefined);
  for (let i = S, j = N; i > 0 || j > 0; ) {
    const m = move[at(i, j)];
    if (m === 0) time[--i] = nuclei[--j].time;
    else if (m === 1) j--;
    else i--;
  }
  // Syllables without a nucleus: evenly between the known neighbours.
  const known = time.map((t, i) => (t === undefined ? -1 : i)).filter((i) => i >= 0);
  if (known.length === 0) return null;
  for (let i = 0; i < S; i++) {
    if (time[i] !== undefined) continue;
    const before = [...known].reverse().find((k) => k < i);
    const after = known.find((k) => k > i);
    if (before !== undefined && after !== undefined) time[i] = time[before]! + ((time[after]! - time[before]!) * (i - before)) / (after - before);
    else if (before !== undefined) time[i] = time[before]! + 0.25 * (i - before);
    else time[i] = time[after!]! - 0.25 * (after! - i);
  }
  const first = new Array<number>(words.length);
  const last = new Array<number>(words.length);
  for (let i = S - 1; i >= 0; i--) first[syllables[i].word] = time[i]!;
  for (let i = 0; i < S; i++) last[syllables[i].word] = time[i]!;
  return words.map((word, w) => {
    const start = Math.max(0, first[w] - ONSET_SECONDS * Math.max(1, word.onset));
    const nextStart = w + 1 < words.length ? first[w + 1] - ONSET_SECONDS * Math.max(1, words[w + 1].onset) : Infinity;
    const end = Math.max(start + 0.05, Math.min(nextStart, last[w] + 0.25));
    return { start, end };
  });
}
