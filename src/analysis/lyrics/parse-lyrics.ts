/**
 * Lyrics as `--lyrics FILE` gives them: plain text (one sung line per line; `[Chorus]`-style
 * section labels and empty lines are skipped) or LRC — `[mm:ss.xx] line` with a start time per
 * line (several tags repeat a line), optionally "enhanced" with `<mm:ss.xx>` before each word (and
 * one after the last, closing it), and `[offset:±ms]` (positive: the lyrics come earlier).
 * Pure: the text in, the words with whatever times the file has out.
 */
import { MvgenError } from "../../core/errors.ts";

export interface LyricWord {
  readonly text: string;
  /** [s] when the word starts and ends, if the file says. */
  readonly start?: number;
  readonly end?: number;
}

export interface LyricLine {
  /** [s] when the line starts, if the file says. */
  readonly start?: number;
  readonly words: readonly LyricWord[];
}

export interface Lyrics {
  readonly lines: readonly LyricLine[];
  /** What the file times: nothing (plain text), each line, or each word. */
  readonly timing: "none" | "lines" | "words";
}

const WORD_TAG = /<(\d{1,3}):(\d{1,2}(?:[.:]\d{1,3})?)>/g;
const META_TAG = /^\[([a-z#]+):([^\]]*)\]\s*$/i;

const seconds = (minutes: string, rest: string) => Number(minutes) * 60 + Number(rest.replace(":", "."));

/** Words of a line of text: letters, digits and in-word apostrophes/hyphens; punctuation dropped. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ""))
    .filter((w) => w.length > 0);
}

export function parseLyrics(text: string, origin = "the lyrics"): Lyrics {
  const rawLines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const isLrc = rawLines.some((line) => /^\s*(\[\d{1,3}:\d{1,2}(?:[.:]\d{1,3})?\])+/.test(line));
  const lines: LyricLine[] = [];
  if (!isLrc) {
    for (const line of rawLines) {
      // "[Chorus]", "(x2)" and the like are labels, not sung words.
      const sung = line.replace(/\[[^\]]*\]/g, " ").trim();
      const words = wordsOf(sung);
      if (words.length > 0) lines.push({ words: words.map((w) => ({ text: w })) });
    }
    if (lines.length === 0) throw noWords(origin);
    return { lines, timing: "none" };
  }

  let offset = 0;
  let wordTimed = true;
  for (const [index, raw] of rawLines.entries()) {
    const line = raw.trim();
    const meta = META_TAG.exec(line);
    if (meta && !/^\d/.test(meta[1])) {
      if (meta[1].toLowerCase() === "offset") {
        const ms = Number(meta[2].trim());
        if (!Number.isFinite(ms)) throw new MvgenError("INVALID_OPTION", `${origin} line ${index + 1}: [offset:${meta[2]}] is not a number of milliseconds; write e.g. [offset:+250].`);
        offset = ms / 1000;
      }
      continue;
    }
    const starts: number[] = [];
    let rest = line;
    for (;;) {
      const tag = /^\[(\d{1,3}):(\d{1,2}(?:[.:]\d{1,3})?)\]\s*/.exec(rest);
      if (!tag) break;
      starts.push(seconds(tag[1], tag[2]));
      rest = rest.slice(tag[0].length);
    }
    if (starts.length === 0) continue; // an untimed line inside an LRC file: a comment or a label
    const words = wordsWithTimes(rest, `${origin} line ${index + 1}`);
    if (words.length === 0) continue; // an empty timed line marks where singing stops
    if (words.some((w) => w.start === undefined)) wordTimed = false;
    // Word times belong to the line's first tag; a repeat of the line moves them along with it.
    for (const start of starts) {
      const shift = start - starts[0] - offset;
      lines.push({
        start: Math.max(0, start - offset),
        words: words.map((w) => ({
          text: w.text,
          ...(w.start !== undefined ? { start: Math.max(0, w.start + shift) } : {}),
          ...(w.end !== undefined ? { end: Math.max(0, w.end + shift) } : {}),
        })),
      });
    }
  }
  if (lines.length === 0) throw noWords(origin);
  lines.sort((a, b) => a.start! - b.start!);
  return { lines, timing: wordTimed ? "words" : "lines" };
}

/** The words of an LRC line's text, with the `<mm:ss.xx>` times before them (and after the last). */
function wordsWithTimes(text: string, where: string): LyricWord[] {
  const pieces: Array<{ at?: number; text: string }> = [];
  let last = 0;
  let at: number | undefined;
  WORD_TAG.lastIndex = 0;
  for (let match = WORD_TAG.exec(text); match; match = WORD_TAG.exec(text)) {
    pieces.push({ at, text: text.slice(last, match.index) });
    at = seconds(match[1], match[2]);
    last = match.index + match[0].length;
  }
  pieces.push({ at, text: text.slice(last) });
  const words: Array<{ text: string; start?: number; end?: number }> = [];
  for (const [i, piece] of pieces.entries()) {
    const found = wordsOf(piece.text);
    // A tag times the word right after it; a piece with several words shares its span.
    for (const [k, w] of found.entries()) words.push({ text: w, ...(piece.at !== undefined && k === 0 ? { start: piece.at } : {}) });
    const next = pieces[i + 1]?.at;
    if (found.length > 0 && next !== undefined && piece.at !== undefined) words[words.length - 1].end = next;
    if (found.length === 0 && piece.at !== undefined && words.length > 0 && words[words.length - 1].end === undefined) words[words.length - 1].end = piece.at;
  }
  for (let i = 1; i < words.length; i++) {
    const [a, b] = [words[i - 1].start, words[i].start];
    if (a !== undefined && b !== undefined && b < a) {
      throw new MvgenError("INVALID_OPTION", `${where}: the word "${words[i].text}" is timed before "${words[i - 1].text}"; word times must increase along the line.`);
    }
  }
  return words;
}

function noWords(origin: string): MvgenError {
  return new MvgenError("INVALID_OPTION", `${origin} has no words to sing; give plain text (one line per sung line) or an LRC file ([mm:ss.xx] line).`);
}
