/**
 * Where `--lyrics` puts words whose times the file does not give, against hand-made word times:
 * sung Daisy Bell (Festival, one voice; plain text from its word labels) and JamendoLyrics'
 * Fantasma (a Spanish song with a band; plain text, and LRC with its line start times). Reports the
 * share of word starts within ±0.3 s of the truth and the median error. No rendering: seconds.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { analyzeAudio } from "../../src/analysis/analyze.ts";
import { computeMouthFeatures } from "../../src/analysis/mouth/mouth-features.ts";
import { parseLyrics } from "../../src/analysis/lyrics/parse-lyrics.ts";
import { loadPronouncer } from "../../src/analysis/lyrics/pronounce.ts";
import { placeWords } from "../../src/analysis/lyrics/time-phones.ts";
import { syllableNuclei } from "../../src/analysis/lyrics/align-syllables.ts";
import { mixToMono } from "../../src/core/audio.ts";
import { hz } from "../../src/core/units.ts";
import { createMedia } from "../../src/media/media.ts";

const RATE = 22050;

interface Row {
  readonly item: string;
  readonly metric: string;
  readonly value: number;
  readonly target?: string;
}

/**
 * A Festival xlabel file (phones in ARPAbet, or words), which gives end times: [start, end, label],
 * each label starting where the previous one ended.
 */
export async function readLabels(file: string): Promise<Array<[number, number, string]>> {
  const lines = (await readFile(file, "utf8")).split(/\r?\n/).filter((l) => /^\s*[\d.]+\s+\d+\s+\S+/.test(l));
  let previous = 0;
  return lines.map((line) => {
    const [end, , label] = line.trim().split(/\s+/);
    const span: [number, number, string] = [previous, Number(end), label];
    previous = Number(end);
    return span;
  });
}

const stamp = (t: number) => `${String(Math.floor(t / 60)).padStart(2, "0")}:${(t % 60).toFixed(2).padStart(5, "0")}`;

export async function evaluateLyricsAlignment(corpusDir: string): Promise<Row[]> {
  const pronounce = await loadPronouncer();
  const rows: Row[] = [];
  const media = createMedia();
  const measure = async (item: string, audio: string, channels: 1 | 2, cases: ReadonlyArray<[string, string]>, truth: readonly number[]) => {
    const decoded = await media.decodeAudio(audio, hz(RATE), channels);
    const pcm = decoded.channels;
    const analysis = analyzeAudio(decoded);
    const features = computeMouthFeatures(mixToMono(decoded), RATE);
    for (const [kind, text] of cases) {
      const lyrics = parseLyrics(text);
      const nuclei = lyrics.timing === "none" ? syllableNuclei(features.voiceDb, features.rate, analysis.vocalSegments) : [];
      const placed = placeWords(lyrics, pronounce, analysis.vocalSegments, pcm[0].length / RATE, nuclei);
      const n = Math.min(placed.length, truth.length);
      const errors = Array.from({ length: n }, (_, i) => Math.abs(placed[i].start - truth[i])).sort((a, b) => a - b);
      rows.push({ item, metric: `${kind}: share of word starts within ±0.3 s of the truth (of ${truth.length})`, value: Math.round((1000 * errors.filter((e) => e <= 0.3).length) / n) / 1000 });
      rows.push({ item, metric: `${kind}: median word-start error [s]`, value: Math.round(errors[Math.floor(n / 2)] * 100) / 100 });
    }
  };

  // Daisy Bell: word labels (xlabel) without the pauses; a word starts where the previous label ended.
  const daisy = (await readLabels(path.join(corpusDir, "synthetic", "festival_daisy_sung.words.lab"))).filter(([, , word]) => word !== "pau" && word !== "#");
  await measure("synthetic/festival_daisy_sung.wav", path.join(corpusDir, "synthetic", "festival_daisy_sung.wav"), 1, [["plain-text lyrics", daisy.map(([, , word]) => word).join(" ")]], daisy.map(([start]) => start));

  // Fantasma: lyrics as published, and the same lines with their start times as LRC.
  const dir = path.join(corpusDir, "songs", "fantasma");
  const csv = async (folder: string) => (await readFile(path.join(dir, folder, (await readdir(path.join(dir, folder))).filter((f) => f.endsWith(".csv"))[0]), "utf8")).trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
  const words = await csv("words");
  const lines = await csv("lines");
  const plain = await readFile(path.join(dir, "lyrics", "Fantasma_-_Los_Rombos.txt"), "utf8");
  const lrc = lines.map(([start, , text]) => `[${stamp(Number(start))}]${text}`).join("\n");
  await measure(
    "songs/fantasma (Spanish, with a band)",
    path.join(dir, "mp3", "Fantasma_-_Los_Rombos.mp3"),
    2,
    [
      ["plain-text lyrics", plain],
      ["LRC line times", lrc],
    ],
    words.map(([start]) => Number(start)),
  );
  return rows;
}
