/**
 * Measures the analysis stage on the evaluation corpus (../shared/corpus, see its MANIFEST.md):
 * tempo and beat F-measure, vocal-activity F1, voice class and speed. Eval code may do I/O: it
 * decodes with ffmpeg and reads the truth files. Nothing here is copied into the repository.
 */
import { execFile } from "node:child_process";
import { readFile, access } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { analyzeAudio } from "../../src/analysis/analyze.ts";
import { beatFMeasure, segmentF1, type TimeSpan } from "../../src/analysis/metrics.ts";
import type { AudioAnalysis } from "../../src/core/schemas/analysis.ts";
import { hz } from "../../src/core/units.ts";
import type { PcmAudio } from "../../src/core/audio.ts";

const run = promisify(execFile);
const RATE = 22050; // the pipeline's decode rate

export interface EvaluationRow {
  item: string;
  metric: string;
  value: number | string;
  target?: string;
}

/** Decodes any file ffmpeg reads to float PCM at 22.05 kHz, keeping up to two channels. */
export async function decodeForEvaluation(path: string, channels: 1 | 2 = 2): Promise<PcmAudio> {
  const ffmpeg = process.env.MVGEN_FFMPEG ?? "ffmpeg";
  const { stdout } = await run(ffmpeg, ["-v", "error", "-i", path, "-ac", String(channels), "-ar", String(RATE), "-f", "f32le", "-"], {
    encoding: "buffer",
    maxBuffer: 1 << 30,
  });
  const all = new Float32Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 4);
  const frames = Math.floor(all.length / channels);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) for (let c = 0; c < channels; c++) out[c][i] = all[i * channels + c];
  return { sampleRate: hz(RATE), channels: out };
}

function tile(audio: PcmAudio, times: number): PcmAudio {
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => {
      const out = new Float32Array(c.length * times);
      for (let k = 0; k < times; k++) out.set(c, k * c.length);
      return out;
    }),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
const lines = async (path: string) => (await readFile(path, "utf8")).split(/\r?\n/).filter((l) => l.trim() !== "");

/** Octave-aware tempo check: "ok" within 4 %, otherwise names the error (×2, ×½, ×3/2 …). */
function tempoVerdict(estimated: number, truth: number): string {
  const ratio = estimated / truth;
  if (Math.abs(ratio - 1) <= 0.04) return "ok";
  for (const [r, name] of [[2, "double"], [0.5, "half"], [1.5, "×3/2"], [2 / 3, "×2/3"], [3, "triple"], [1 / 3, "third"]] as const) {
    if (Math.abs(ratio / r - 1) <= 0.04) return `octave error (${name})`;
  }
  return "wrong";
}

interface Timed {
  analysis: AudioAnalysis;
  seconds: number;
}

function analyzeTimed(audio: PcmAudio): Timed {
  const t0 = performance.now();
  const analysis = analyzeAudio(audio);
  return { analysis, seconds: (performance.now() - t0) / 1000 };
}

export async function evaluateAnalysis(corpusDir: string): Promise<EvaluationRow[]> {
  const rows: EvaluationRow[] = [];
  const timing = { seconds: 0, audioSeconds: 0 };
  const add = (item: string, metric: string, value: number | string, target?: string) => rows.push({ item, metric, value, ...(target ? { target } : {}) });
  const analyzeItem = async (item: string, path: string, opts: { tileTimes?: number; channels?: 1 | 2 } = {}): Promise<AudioAnalysis | null> => {
    if (!(await exists(path))) {
      add(item, "missing", path);
      return null;
    }
    let audio = await decodeForEvaluation(path, opts.channels ?? 2);
    if (opts.tileTimes) audio = tile(audio, opts.tileTimes);
    const { analysis, seconds } = analyzeTimed(audio);
    timing.seconds += seconds;
    timing.audioSeconds += analysis.duration;
    add(item, "analysis s per audio min", round(seconds / (analysis.duration / 60), 3), "≤ 0.5");
    return analysis;
  };
  const beatRows = (item: string, a: AudioAnalysis, bpm: number, beats: number[]) => {
    add(item, "BPM", a.tempo.bpm, `${bpm}`);
    add(item, "tempo", tempoVerdict(a.tempo.bpm, bpm), "ok");
    add(item, "beat F (±70 ms)", round(beatFMeasure(a.beats, beats)), "≥ 0.9");
  };
  const vocalRow = (item: string, a: AudioAnalysis, truth: TimeSpan[], target: string) => {
    const s = segmentF1(a.vocalSegments, truth, a.duration);
    add(item, "vocal F1", round(s.f1), target);
    add(item, "vocal precision / recall", `${round(s.precision, 2)} / ${round(s.recall, 2)}`);
  };
  const voiceRow = (item: string, a: AudioAnalysis, truth: string) => {
    add(item, "voice class", `${a.voice.class} (median F0 ${a.voice.medianF0 ?? "–"} Hz)`, truth);
  };

  // Synthetic drums and mix (made by synthetic/make_fixtures.sh): exact beats and vocal spans.
  const syn = join(corpusDir, "synthetic");
  const beatsFile = join(syn, "drums_120bpm.beats.txt");
  const synBeats = (await exists(beatsFile)) ? (await lines(beatsFile)).map((l) => Number(l.split(/\s+/)[0])) : [];
  const vocalFile = join(syn, "vocal_segments.txt");
  const synVocal = (await exists(vocalFile))
    ? (await lines(vocalFile)).map((l) => {
        const [start, end] = l.split(/\s+/).map(Number);
        return { start, end };
      })
    : [];
  const drums = await analyzeItem("synthetic/drums_120bpm.wav", join(syn, "drums_120bpm.wav"));
  if (drums) {
    beatRows("synthetic/drums_120bpm.wav", drums, 120, synBeats);
    vocalRow("synthetic/drums_120bpm.wav", drums, [], "1 (no voice)");
  }
  for (const ext of ["wav", "mp3"]) {
    const item = `synthetic/mix_120bpm.${ext}`;
    const mix = await analyzeItem(item, join(syn, `mix_120bpm.${ext}`));
    if (!mix) continue;
    beatRows(item, mix, 120, synBeats);
    vocalRow(item, mix, synVocal, "≥ 0.9");
  }
  for (const [file, truth] of [["speech_a_44k.wav", "male"], ["speech_b_44k.wav", "female"]] as const) {
    const a = await analyzeItem(`synthetic/${file}`, join(syn, file));
    if (a) voiceRow(`synthetic/${file}`, a, truth);
  }

  // CC0 drum loops, analysed as a loop is used: repeated to ≥ 8 s (one bar alone is 1.75 s).
  for (const [file, bpm, bar] of [["loop_amen.flac", 136.9, 1.7533], ["loop_garzul.flac", 120, 8]] as const) {
    const times = Math.max(1, Math.ceil(8 / bar));
    const item = times > 1 ? `loops/${file} ×${times}` : `loops/${file}`;
    const a = await analyzeItem(item, join(corpusDir, "loops", file), { tileTimes: times });
    if (!a) continue;
    const period = 60 / bpm;
    const beats: number[] = [];
    for (let t = 0; t < a.duration - 0.01; t += period) beats.push(t);
    beatRows(item, a, bpm, beats);
    if (times > 1) {
      const once = await analyzeItem(`loops/${file} (once)`, join(corpusDir, "loops", file));
      if (once) add(`loops/${file} (once)`, "BPM", once.tempo.bpm, `${bpm}`);
    }
  }

  // vocadito: a-cappella; voicing truth from the f0 annotation (0 = unvoiced).
  const voc = join(corpusDir, "songs", "vocadito");
  const vocadito = await analyzeItem("vocadito_1.wav", join(voc, "vocadito_1.wav"));
  if (vocadito) {
    const f0 = (await lines(join(voc, "vocadito_1_f0.csv"))).map((l) => l.split(",").map(Number));
    const spans: TimeSpan[] = [];
    const step = f0.length > 1 ? f0[1][0] - f0[0][0] : 0.0058;
    for (const [t, f] of f0) {
      if (!(f > 0)) continue;
      const last = spans[spans.length - 1];
      if (last && t - last.end <= step * 1.5) (last as { end: number }).end = t + step / 2;
      else spans.push({ start: Math.max(0, t - step / 2), end: t + step / 2 });
    }
    vocalRow("vocadito_1.wav", vocadito, spans, "≥ 0.75");
    voiceRow("vocadito_1.wav", vocadito, "male");
  }

  // Fantasma: word start/end times are the vocal truth.
  const fan = join(corpusDir, "songs", "fantasma");
  const fantasma = await analyzeItem("Fantasma_-_Los_Rombos.mp3", join(fan, "mp3", "Fantasma_-_Los_Rombos.mp3"));
  if (fantasma) {
    const words = (await lines(join(fan, "words", "Fantasma_-_Los_Rombos.csv"))).slice(1).map((l) => {
      const [start, end] = l.split(",").map(Number);
      return { start, end };
    });
    vocalRow("Fantasma_-_Los_Rombos.mp3", fantasma, words, "≥ 0.75");
    const lineSpans = (await lines(join(fan, "lines", "Fantasma_-_Los_Rombos.csv"))).slice(1).map((l) => {
      const [start, end] = l.split(",").map(Number);
      return { start, end };
    });
    add("Fantasma_-_Los_Rombos.mp3", "vocal F1 vs lines", round(segmentF1(fantasma.vocalSegments, lineSpans, fantasma.duration).f1));
    add("Fantasma_-_Los_Rombos.mp3", "BPM (no truth)", fantasma.tempo.bpm);
    add("Fantasma_-_Los_Rombos.mp3", "sections", fantasma.sections.map((s) => `${s.label}@${s.start}`).join(" "));
  }
  const karissa = await analyzeItem("Karissa_Hobbs_-_Lets_Go_Fishin", join(corpusDir, "songs", "karissa_hobbs", "Karissa_Hobbs_-_Lets_Go_Fishin.hq.ogg"));
  if (karissa) {
    voiceRow("Karissa_Hobbs_-_Lets_Go_Fishin", karissa, "female");
    add("Karissa_Hobbs_-_Lets_Go_Fishin", "BPM (no truth)", karissa.tempo.bpm);
    add("Karissa_Hobbs_-_Lets_Go_Fishin", "sections", karissa.sections.map((s) => `${s.label}@${s.start}`).join(" "));
  }

  // LibriSpeech read speech: voice class.
  for (const [file, truth] of [["198-209-0000.hq.ogg", "female"], ["5703-47212-0000.hq.ogg", "male"]] as const) {
    const a = await analyzeItem(`librispeech/${file}`, join(corpusDir, "speech", "librispeech", file));
    if (a) voiceRow(`librispeech/${file}`, a, truth);
  }

  // Speed on a 10-minute song: Fantasma repeated to 600 s, stereo.
  const fanPath = join(fan, "mp3", "Fantasma_-_Los_Rombos.mp3");
  if (await exists(fanPath)) {
    const once = await decodeForEvaluation(fanPath, 2);
    const n = Math.round(600 * RATE);
    const long: PcmAudio = {
      sampleRate: once.sampleRate,
      channels: once.channels.map((c) => {
        const out = new Float32Array(n);
        for (let i = 0; i < n; i += c.length) out.set(c.subarray(0, Math.min(c.length, n - i)), i);
        return out;
      }),
    };
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const { seconds } = analyzeTimed(long);
    const after = process.memoryUsage();
    add("10-minute song (Fantasma ×3.3)", "analysis time s", round(seconds, 2), "≤ 10");
    add("10-minute song (Fantasma ×3.3)", "peak RSS MB (whole process)", round(process.resourceUsage().maxRSS / 1024, 0), "a few hundred");
    add("10-minute song (Fantasma ×3.3)", "heap+buffers after, MB", round((after.heapUsed + after.arrayBuffers - heapBefore) / 2 ** 20, 0));
  }
  add("all items", "analysis s per audio min", round(timing.seconds / (timing.audioSeconds / 60), 3), "≤ 0.5");
  return rows;
}
