/**
 * Lyrics placed on the song's clock as phones: each word gets a span (the file's own word times;
 * or its line's span; or, untimed, its share of the sung time), and each word's span is shared
 * among its phones by their usual length — vowels long, stops short. Pure.
 */
import type { Lyrics } from "./parse-lyrics.ts";
import type { Pronounce } from "./pronounce.ts";

export interface PhoneSpan {
  /** ARPAbet, no stress digit: "AA", "M", … */
  readonly phone: string;
  /** [s] */
  readonly start: number;
  readonly end: number;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

const VOWELS = new Set(["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]);
const STOPS = new Set(["P", "B", "T", "D", "K", "G"]);
const FRICATIVES = new Set(["F", "V", "TH", "DH", "S", "Z", "SH", "ZH", "CH", "JH"]);

export const isVowel = (phone: string) => VOWELS.has(phone);

/** Relative length of a phone in running speech or song (vowels carry the notes). */
function weight(phone: string): number {
  if (VOWELS.has(phone)) return 3;
  if (STOPS.has(phone)) return 1;
  if (FRICATIVES.has(phone)) return 1.6;
  if (phone === "HH") return 0.8;
  return 1.3; // nasals, liquids, glides
}

/** [s] a sung syllable lasts when nothing else says (≈ 4 syllables a second). */
const SYLLABLE_SECONDS = 0.25;

/**
 * Phone spans for the lyrics. `sung` are the song's sung stretches (the analysis' vocal segments),
 * used to place words whose times the file does not give; `duration` is the song's length.
 */
export function timePhones(lyrics: Lyrics, pronounce: Pronounce, sung: readonly Span[], duration: number): PhoneSpan[] {
  const lines = lyrics.lines.map((line) => ({
    start: line.start,
    words: line.words.map((w) => {
      const phones = pronounce(w.text);
      return { ...w, phones, syllables: Math.max(1, phones.filter(isVowel).length) };
    }),
  }));
  const spans: Array<{ phones: string[]; span: Span }> = [];
  if (lyrics.timing === "words") {
    for (const line of lines) {
      for (const [i, w] of line.words.entries()) {
        if (w.start === undefined) continue;
        const next = line.words[i + 1]?.start;
        const end = w.end ?? Math.min(next ?? Infinity, w.start + SYLLABLE_SECONDS * w.syllables + 0.1);
        if (end > w.start) spans.push({ phones: w.phones, span: { start: w.start, end } });
      }
    }
  } else if (lyrics.timing === "lines") {
    for (const [k, line] of lines.entries()) {
      const from = line.start ?? 0;
      const to = lines[k + 1]?.start ?? duration;
      let windows = clip(sung, from, to);
      // No singing detected in the line's span: sing it from its start at a usual pace.
      if (total(windows) < 0.05) windows = [{ start: from, end: Math.min(to, from + SYLLABLE_SECONDS * sum(line.words.map((w) => w.syllables))) }];
      spans.push(...share(line.words, windows));
    }
  } else {
    spans.push(...share(lines.flatMap((l) => l.words), sung.length > 0 ? sung : [{ start: 0, end: duration }]));
  }
  const phones: PhoneSpan[] = [];
  for (const { phones: list, span } of spans) {
    if (list.length === 0) continue;
    const weights = list.map(weight);
    const all = sum(weights);
    let at = span.start;
    for (const [i, phone] of list.entries()) {
      const end = i === list.length - 1 ? span.end : at + ((span.end - span.start) * weights[i]) / all;
      phones.push({ phone, start: round4(at), end: round4(end) });
      at = end;
    }
  }
  return phones.sort((a, b) => a.start - b.start);
}

/** Words laid end to end over the windows' sung time, each taking its share by syllables. */
function share(words: ReadonlyArray<{ phones: string[]; syllables: number }>, windows: readonly Span[]): Array<{ phones: string[]; span: Span }> {
  const length = total(windows);
  const syllables = sum(words.map((w) => w.syllables));
  if (length <= 0 || syllables === 0) return [];
  /** The song time `x` seconds into the sung time; a start on a window's end is the next window's start. */
  const at = (x: number, isStart: boolean) => {
    for (const w of windows) {
      const length = w.end - w.start;
      if (isStart ? x < length : x <= length) return { time: w.start + x, window: w };
      x -= length;
    }
    const last = windows[windows.length - 1];
    return { time: last.end, window: last };
  };
  const out: Array<{ phones: string[]; span: Span }> = [];
  let done = 0;
  for (const w of words) {
    const from = (done / syllables) * length;
    done += w.syllables;
    const to = (done / syllables) * length;
    const first = at(from, true);
    const last = at(to, false);
    let start = first.time;
    let end = last.time;
    // A word that straddles a gap is sung in the window where most of it falls.
    if (first.window !== last.window) {
      if (first.window.end - start >= (to - from) / 2) end = first.window.end;
      else start = last.window.start;
    }
    out.push({ phones: w.phones, span: { start, end } });
  }
  return out;
}

function clip(spans: readonly Span[], from: number, to: number): Span[] {
  return spans.map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) })).filter((s) => s.end > s.start);
}

const total = (spans: readonly Span[]) => sum(spans.map((s) => s.end - s.start));
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const round4 = (x: number) => Math.round(x * 10000) / 10000;
