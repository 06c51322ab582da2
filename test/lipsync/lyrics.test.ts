/**
 * Lyrics (`--lyrics`): the file formats parsed into words with their times, words pronounced, the
 * phones placed on the song's clock with exact arithmetic, and the mouth following them — shut on
 * every M/B/P, open on the vowels, not shut on a quiet dip the lyrics say is no lip closure, and a
 * breath before the phrase.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseLyrics } from "../../src/analysis/lyrics/parse-lyrics.ts";
import { loadPronouncer, spellingPhones } from "../../src/analysis/lyrics/pronounce.ts";
import { timePhones } from "../../src/analysis/lyrics/time-phones.ts";
import { alignSyllables, syllableNuclei } from "../../src/analysis/lyrics/align-syllables.ts";
import { readLyrics } from "../../src/pipeline/lyrics-file.ts";
import { computeMouthTrack } from "../../src/analysis/mouth/mouth-track.ts";
import { tempDir } from "../helpers/fixtures.ts";

test("plain text: one line per sung line, section labels and punctuation dropped", () => {
  const lyrics = parseLyrics("[Verse 1]\nHello, darkness — my old friend!\n\n[Chorus]\nDon't stop  believin'\n");
  assert.equal(lyrics.timing, "none");
  assert.deepEqual(
    lyrics.lines.map((l) => l.words.map((w) => w.text)),
    [["hello", "darkness", "my", "old", "friend"], ["don't", "stop", "believin"]],
  );
});

test("LRC: line times, repeated tags, enhanced word times with a closing tag, and [offset]", () => {
  const lines = parseLyrics("[ar:Someone]\n[00:01.50]first line\n[00:04.00][00:10.00]twice sung\n[00:07.00]\n").lines;
  assert.deepEqual(lines.map((l) => [l.start, l.words.map((w) => w.text).join(" ")]), [[1.5, "first line"], [4, "twice sung"], [10, "twice sung"]]);

  const words = parseLyrics("[offset:+500]\n[00:02.00]<00:02.00>bin <00:02.25>blue <00:02.50>at<00:02.60>\n[00:05.00]<00:05.00>again<00:05.50>");
  assert.equal(words.timing, "words");
  assert.deepEqual(words.lines[0].words, [
    { text: "bin", start: 1.5, end: 1.75 },
    { text: "blue", start: 1.75, end: 2 },
    { text: "at", start: 2, end: 2.1 },
  ]);
  assert.deepEqual(words.lines[1].words, [{ text: "again", start: 4.5, end: 5 }]);
  assert.equal(parseLyrics("[00:01.00]only <00:01.20>some words timed").timing, "lines");
});

test("bad lyrics are refused naming the file and the fix", async () => {
  assert.throws(() => parseLyrics("\n[Chorus]\n  \n", "song.txt"), /song\.txt has no words to sing; give plain text/);
  assert.throws(() => parseLyrics("[00:01.00]<00:02.00>late <00:01.50>early", "song.lrc"), /song\.lrc line 1: the word "early" is timed before "late"/);
  const dir = tempDir();
  writeFileSync(join(dir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  await assert.rejects(readLyrics(join(dir, "latin1.txt")), /is not UTF-8 text/);
  await assert.rejects(readLyrics(join(dir, "missing.txt")), (error: Error & { code?: string }) => error.code === "INPUT_NOT_FOUND" && /missing\.txt cannot be read/.test(error.message));
});

test("words are pronounced from the CMU dictionary, unknown ones by spelling rules", async () => {
  const pronounce = await loadPronouncer();
  assert.deepEqual(pronounce("bin"), ["B", "IH", "N"]);
  assert.deepEqual(pronounce("Blue"), ["B", "L", "UW"]);
  assert.deepEqual(pronounce("dancin"), ["D", "AE", "N", "S", "IH", "N"], "sung -in for -ing");
  assert.deepEqual(pronounce("zorbmax"), spellingPhones("zorbmax"));
  assert.deepEqual(spellingPhones("zorbmax"), ["Z", "AA", "R", "B", "M", "AE", "K", "S"]);
  assert.deepEqual(spellingPhones("cheese"), ["CH", "IY", "S"]);
  assert.deepEqual(spellingPhones("city"), ["S", "IH", "T", "IY"]);
});

test("phones share a timed word by their usual lengths (vowel 3, stop 1, nasal 1.3); untimed words share the sung time by syllables", () => {
  const pronounce = (w: string) => ({ bin: ["B", "IH", "N"], a: ["AH"], go: ["G", "OW"] })[w] ?? [];
  const timed = timePhones(parseLyrics("[00:01.00]<00:01.00>bin<00:01.53>"), pronounce, [], 10);
  // 0.53 s over weights 1 + 3 + 1.3 = 5.3: 0.1 s, 0.3 s, 0.13 s.
  assert.deepEqual(timed, [
    { phone: "B", start: 1, end: 1.1 },
    { phone: "IH", start: 1.1, end: 1.4 },
    { phone: "N", start: 1.4, end: 1.53 },
  ]);
  // Three one-syllable words over two sung stretches of 1 s and 2 s: 1 s each, the second word
  // wholly in the second stretch (no word straddles the gap).
  const untimed = timePhones(parseLyrics("a\ngo a"), pronounce, [{ start: 2, end: 3 }, { start: 5, end: 7 }], 10);
  assert.deepEqual(untimed, [
    { phone: "AH", start: 2, end: 3 },
    { phone: "G", start: 5, end: 5.25 },
    { phone: "OW", start: 5.25, end: 6 },
    { phone: "AH", start: 6, end: 7 },
  ]);
});

test("with lyrics the lips shut exactly on M/B/P and stay open through a dip the lyrics say is a vowel", () => {
  const RATE = 22050;
  const FPS = 25;
  // One steady "a" from 0.4 to 2.0 s with a 25 dB dip at 1.0–1.12 s (what a glottal stop or a
  // quiet consonant looks like to the spectrum).
  const seconds = 2.4;
  const samples = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < samples.length; i++) {
    const t = i / RATE;
    const level = t < 0.4 || t >= 2 ? 0 : t >= 1 && t < 1.12 ? 0.056 : 1;
    let v = 0;
    for (let h = 1; h * 200 < 5000; h++) v += (1 / (1 + ((h * 200 - 800) / 150) ** 2) + 0.05) * Math.sin(2 * Math.PI * h * 200 * t);
    samples[i] = 0.1 * level * v;
  }
  const frameCount = Math.round(seconds * FPS);
  const vocalActivity = { rate: FPS, values: Array.from({ length: frameCount }, (_, n) => (n / FPS >= 0.4 && n / FPS < 2 ? 1 : 0)) };
  const base = { samples, sampleRate: RATE, vocalActivity, vocalSegments: [{ start: 0.4, end: 2 }], fps: FPS, frameCount };
  const audioOnly = computeMouthTrack(base);
  const at = (t: number) => Math.floor(t * FPS);
  assert.equal(audioOnly.visemes[at(1.06)], "M", "from the audio alone the dip reads as a lip closure");

  // The lyrics: "a — a" across the dip, then "ma" (an M at 1.5–1.6 s the audio does not show).
  const phones = [
    { phone: "AA", start: 0.4, end: 1.5 },
    { phone: "M", start: 1.5, end: 1.62 },
    { phone: "AA", start: 1.62, end: 2 },
  ];
  const sung = computeMouthTrack({ ...base, phones });
  assert.notEqual(sung.visemes[at(1.06)], "M", `the dip is not a closure: ${sung.visemes}`);
  assert.ok(sung.open[at(1.06)] > 0.2, `open through the dip: ${sung.open[at(1.06)]}`);
  assert.equal(sung.visemes[at(1.56)], "M", `shut on the M: ${sung.visemes}`);
  assert.ok(sung.open[at(1.56)] < 0.05, `jaw on the M: ${sung.open[at(1.56)]}`);
  assert.ok(sung.open[at(0.8)] > 0.5 && sung.open[at(1.85)] > 0.5, "open on the vowels");
  // Before the first word: the breath through the mouth (the 0.4 s before it, peaking half way).
  assert.ok(sung.open[at(0.2)] > 0.1, `breath before the phrase: ${sung.open[at(0.2)]}`);
  assert.equal(audioOnly.open[at(0.2)], 0, "no breath without lyrics");
});

test("untimed lyrics find their stretch by the voice's syllable nuclei: a distractor peak between lines is skipped, no drift", () => {
  // A voice level at 100 frames/s: syllable peaks (−10 dB over −30 dB valleys) at 0.5, 0.8, 1.1 s in
  // the first sung stretch, an extra peak at 2.0 s (the band, outside the words), and at 4.0, 4.3 s
  // in the second stretch.
  const rate = 100;
  const level = new Float32Array(600).fill(-60);
  const peaks = [0.5, 0.8, 1.1, 2.0, 4.0, 4.3];
  for (let i = 0; i < level.length; i++) {
    const t = i / rate;
    if ((t >= 0.35 && t < 1.25) || (t >= 1.9 && t < 2.1) || (t >= 3.85 && t < 4.45)) level[i] = -30;
    for (const p of peaks) level[i] = Math.max(level[i], -10 - 200 * Math.abs(t - p));
  }
  const sung = [{ start: 0.35, end: 1.25 }, { start: 1.9, end: 2.1 }, { start: 3.85, end: 4.45 }];
  const nuclei = syllableNuclei(level, rate, sung);
  assert.deepEqual(nuclei.map((n) => n.time), peaks);
  assert.deepEqual(nuclei.map((n) => n.pauseBefore > 0.35), [true, false, false, true, true, false]);

  // "la la la" / "go go": five one-syllable words in two lines.
  const words = [1, 1, 1, 1, 1].map((_, i) => ({ syllables: 1, onset: 1, lineEnd: i === 2 || i === 4 }));
  const spans = alignSyllables(words, nuclei)!;
  // Each word starts one onset consonant (70 ms) before its nucleus; the 2.0 s peak is unused.
  assert.deepEqual(spans.map((s) => Math.round(s.start * 100) / 100), [0.43, 0.73, 1.03, 3.93, 4.23]);
  assert.equal(alignSyllables(words, []), null, "nothing to align to");
});
