/**
 * Lyrics placed on the song's clock as phones: each word gets a span (the file's own word times;
 * or its line's span; or, untimed, its share of the sung time), and each word's span is shared
 * among its phones by their usual length — vowels long, stops short. Pure.
 */
import type { Lyrics } from "./parse-lyrics.ts";
import type { Pronounce } from "./pronounce.ts";
import { alignSyllables, type Nucleus } from "./align-syllables.ts";

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

const isVowel = (phone: string) => VOWELS.has(phone);

/** Relative length of a phone in running speech or song (vowels carry the notes). */
function weight(phone: string): number {
  if (VOWELS.has(phone)) return 3;
  if (STOPS.has(phone)) return 1;
  if (FRICATIVES.has(phone)) return 1.6;
  if (phone === "HH") return 0.8;
  return 1.3; // nasals, liquids, glides
}

/** Syllables a stretch may hold and still be shared evenly rather than snapped to its nuclei. */
const SHORT_PHRASE_SYLLABLES = 8;

/** [s] a sung syllable lasts when nothing else says (≈ 4 syllables a second). */
const SYLLABLE_SECONDS = 0.25;

export interface PlacedWord {
  readonly text: string;
  readonly phones: readonly string[];
  /** [s] */
  readonly start: number;
  readonly end: number;
}

/**
 * Phone spans for the lyrics. `sung` are the song's sung stretches (the analysis' vocal segments)
 * and `nuclei` the syllable nuclei heard in them (align-syllables.ts), used to place words whose
 * times the file does not give; `duration` is the song's length.
 */
export function timePhones(lyrics: Lyrics, pronounce: Pronounce, sung: readonly Span[], duration: number, nuclei: readonly Nucleus[] = []): PhoneSpan[] {
  const phones: PhoneSpan[] = [];
  for (const word of placeWords(lyrics, pronounce, sung, duration, nuclei)) {
    if (word.phones.length === 0) continue;
    const weights = word.phones.map(weight);
    const all = sum(weights);
    let at = word.start;
    for (const [i, phone] of word.phones.entries()) {
      const end = i === word.phones.length - 1 ? word.end : at + ((word.end - word.start) * weights[i]) / all;
      phones.push({ phone, start: round4(at), end: round4(end) });
      at = end;
    }
  }
  return phones.sort((a, b) => a.start - b.start);
}

/** Each word of the lyrics with its phones and its span on the song's clock. */
export function placeWords(lyrics: Lyrics, pronounce: Pronounce, sung: readonly Span[], duration: number, nuclei: readonly Nucleus[] = []): PlacedWord[] {
  const lines = lyrics.lines.map((line) => ({
    start: line.start,
    words: line.words.map((w, i) => {
      const phones = pronounce(w.text);
      const onset = phones.findIndex(isVowel);
      return { ...w, phones, syllables: Math.max(1, phones.filter(isVowel).length), onset: onset < 0 ? phones.length : onset, lineEnd: i === line.words.length - 1 };
    }),
  }));
  const spans: Array<{ text: string; phones: string[]; span: Span }> = [];
  if (lyrics.timing === "words") {
    for (const line of lines) {
      for (const [i, w] of line.words.entries()) {
        if (w.start === undefined) continue;
        const next = line.words[i + 1]?.start;
        const end = w.end ?? Math.min(next ?? Infinity, w.start + SYLLABLE_SECONDS * w.syllables + 0.1);
        if (end > w.start) spans.push({ text: w.text, phones: w.phones, span: { start: w.start, end } });
      }
    }
  } else if (lyrics.timing === "lines") {
    for (const [k, line] of lines.entries()) {
      const from = line.start ?? 0;
      const to = lines[k + 1]?.start ?? duration;
      let windows = clip(sung, from, to);
      // No singing detected in the line's span: sing it from its start at a usual pace.
      if (total(windows) < 0.05) windows = [{ start: from, end: Math.min(to, from + SYLLABLE_SECONDS * sum(line.words.map((w) => w.syllables))) }];
      // Within a line, sharing its sung time by syllables beat snapping to heard nuclei on a song
      // with a band (JamendoLyrics' Fantasma: median word-start error 0.35 s vs 0.72 s).
      spans.push(...share(line.words, windows));
    }
  } else {
    const words = lines.flatMap((l) => l.words);
    spans.push(...(aligned(words, nuclei, sung) ?? share(words, sung.length > 0 ? sung : [{ start: 0, end: duration }])));
  }
  return spans.map(({ text, phones, span }) => ({ text, phones, start: span.start, end: span.end })).sort((a, b) => a.start - b.start);
}

/**
 * Words put in the sung stretches where the syllable nuclei heard in the voice say they belong
 * (align-syllables.ts); null without nuclei. The nuclei fix which stretch a word is sung in, so
 * nothing drifts over a long song. Inside a short stretch (one phrase, ≤ 8 syllables) sharing its
 * time by syllables follows the voice better than snapping to peaks (GRID: r 0.63 vs 0.45); in a
 * long one the words keep their nuclei (Daisy Bell, one 19 s stretch: median word-start error 0.21 s
 * vs 1.24 s).
 */
function aligned(
  words: ReadonlyArray<{ text: string; phones: string[]; syllables: number; onset: number; lineEnd: boolean }>,
  nuclei: readonly Nucleus[],
  sung: readonly Span[],
): Array<{ text: string; phones: string[]; span: Span }> | null {
  const spans = alignSyllables(words, nuclei);
  if (!spans || sung.length === 0) return null;
  const stretchOf = (t: number) => {
    let best = 0;
    for (const [k, s] of sung.entries()) {
      const distance = t < s.start ? s.start - t : t > s.end ? t - s.end : 0;
      const bestDistance = t < sung[best].start ? sung[best].start - t : t > sung[best].end ? t - sung[best].end : 0;
      if (distance < bestDistance) best = k;
    }
    return best;
  };
  const out: Array<{ text: string; phones: string[]; span: Span }> = [];
  let group: number[] = [];
  let current = -1;
  const flush = () => {
    if (group.length === 0) return;
    const members = group.map((i) => words[i]);
    if (sum(members.map((w) => w.syllables)) <= SHORT_PHRASE_SYLLABLES) out.push(...share(members, [sung[current]]));
    else out.push(...group.map((i) => ({ text: words[i].text, phones: words[i].phones, span: spans[i] })));
    group = [];
  };
  for (const i of words.keys()) {
    // A word never goes back to an earlier stretch than the one before it.
    const stretch = Math.max(current, stretchOf((spans[i].start + spans[i].end) / 2));
    if (stretch !== current) flush();
    current = stretch;
    group.push(i);
  }
  flush();
  return out;
}

/** Words laid end to end over the windows' sung time, each taking its share by syllables. */
function share(words: ReadonlyArray<{ text: string; phones: string[]; syllables: number }>, windows: readonly Span[]): Array<{ text: string; phones: string[]; span: Span }> {
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
  const out: Array<{ text: string; phones: string[]; span: Span }> = [];
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
    out.push({ text: w.text, phones: w.phones, span: { start, end } });
  }
  return out;
}

function clip(spans: readonly Span[], from: number, to: number): Span[] {
  return spans.map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) })).filter((s) => s.end > s.start);
}

const total = (spans: readonly Span[]) => sum(spans.map((s) => s.end - s.start));
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const round4 = (x: number) => Math.round(x * 10000) / 10000;
