/**
 * A one-picture check of an AudioAnalysis for a musician: lanes on one shared time axis —
 * sections (coloured, labelled, with their repetition group), waveform, energy, beats and
 * downbeats, vocal activity with the vocal segments, and F0 on a log-frequency scale — with
 * vertical grid lines at whole-second ticks through every lane. Pure: data in, PNG bytes out.
 */
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { AudioAnalysis, SectionLabel } from "../core/schemas/analysis.ts";

export interface PlotOptions {
  /** [px] default 1600 */
  readonly width?: number;
  /** [px] default 900 */
  readonly height?: number;
  /** heading text; default: tempo, meter, voice and loudness */
  readonly title?: string;
}

/** Fill colour per section label: choruses warm, verses cool, non-sung parts grey/green. */
export const SECTION_COLOURS: Readonly<Record<SectionLabel, string>> = {
  intro: "#9aa5b1",
  verse: "#4e79a7",
  "pre-chorus": "#76b7b2",
  chorus: "#e15759",
  bridge: "#b07aa1",
  instrumental: "#59a14f",
  outro: "#7f8c8d",
};

export type LaneName = "sections" | "waveform" | "energy" | "beats" | "vocals" | "pitch";

export interface PlotLayout {
  readonly width: number;
  readonly height: number;
  /** x of time 0 and of time = duration [px] */
  readonly left: number;
  readonly right: number;
  readonly lanes: Readonly<Record<LaneName, { readonly top: number; readonly height: number }>>;
  /** y of the time-axis labels' baseline [px] */
  readonly axisY: number;
}

/** Relative lane heights; the title takes 34 px at the top and the time axis 30 px at the bottom. */
const LANE_WEIGHTS: readonly [LaneName, number][] = [
  ["sections", 0.9],
  ["waveform", 2.2],
  ["energy", 1.4],
  ["beats", 0.7],
  ["vocals", 1.4],
  ["pitch", 2.4],
];
const TITLE_PX = 34;
const AXIS_PX = 30;
const GAP_PX = 6;

export function plotLayout(width = 1600, height = 900): PlotLayout {
  const left = Math.min(96, Math.round(width * 0.08));
  const right = width - Math.min(24, Math.round(width * 0.02));
  const available = Math.max(LANE_WEIGHTS.length, height - TITLE_PX - AXIS_PX - GAP_PX * LANE_WEIGHTS.length);
  const total = LANE_WEIGHTS.reduce((a, [, w]) => a + w, 0);
  const lanes = {} as Record<LaneName, { top: number; height: number }>;
  let y = TITLE_PX;
  for (const [name, w] of LANE_WEIGHTS) {
    const h = Math.max(1, Math.floor((available * w) / total));
    lanes[name] = { top: y, height: h };
    y += h + GAP_PX;
  }
  return { width, height, left, right, lanes, axisY: Math.min(height - 8, y + 16) };
}

/** A tick step [s] that keeps labels ≥ ≈ 70 px apart. */
function tickStep(duration: number, pixels: number): number {
  const steps = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600];
  for (const s of steps) if ((pixels * s) / Math.max(duration, 1e-9) >= 70) return s;
  return steps[steps.length - 1];
}

const groupLetter = (g: number | undefined) => (g === undefined ? "" : g < 26 ? String.fromCharCode(65 + g) : String(g));

function defaultTitle(a: AudioAnalysis): string {
  const voice = a.voice.class === "none" ? "no voice" : `${a.voice.class} voice (median F0 ${a.voice.medianF0 ?? "–"} Hz)`;
  const minutes = Math.floor(a.duration / 60);
  const secs = (a.duration - 60 * minutes).toFixed(1).padStart(4, "0");
  return [
    `${a.tempo.bpm.toFixed(1)} BPM (confidence ${a.tempo.confidence.toFixed(2)})`,
    `${a.meter.beatsPerBar}/4`,
    voice,
    `${a.loudness.integratedLufs.toFixed(1)} LUFS`,
    `${minutes}:${secs}`,
    `${a.vocalSegments.length} vocal segments`,
  ].join("   ·   ");
}

/**
 * PNG of the analysis. `waveform` is the mono signal over the whole song at any rate (its rate is
 * taken as waveform.length / analysis.duration; analysis.sampleRate is the natural choice); an
 * empty array leaves the waveform lane blank.
 */
export function plotAnalysis(analysis: AudioAnalysis, waveform: Float32Array, options: PlotOptions = {}): Buffer {
  const layout = plotLayout(Math.max(200, Math.round(options.width ?? 1600)), Math.max(200, Math.round(options.height ?? 900)));
  const { width, height, left, right, lanes } = layout;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const duration = Math.max(analysis.duration, 1e-6);
  const x = (t: number) => left + ((right - left) * Math.max(0, Math.min(duration, t))) / duration;
  const font = Math.max(10, Math.round(Math.min(width / 110, height / 60)));

  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);

  // Sections: a faint wash behind every lane, a solid bar with the label in the sections lane.
  const top = lanes.sections.top;
  const bottom = lanes.pitch.top + lanes.pitch.height;
  for (const s of analysis.sections) {
    ctx.globalAlpha = 0.1;
    ctx.fillStyle = SECTION_COLOURS[s.label];
    ctx.fillRect(x(s.start), top, x(s.end) - x(s.start), bottom - top);
    ctx.globalAlpha = 1;
    ctx.fillRect(x(s.start), lanes.sections.top, x(s.end) - x(s.start), lanes.sections.height);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(Math.round(x(s.start)), lanes.sections.top, 1, lanes.sections.height); // boundary
    const full = `${s.label}${s.group === undefined ? "" : " " + groupLetter(s.group)}`;
    const room = x(s.end) - x(s.start) - 6;
    ctx.font = `bold ${font}px sans-serif`;
    const text = ctx.measureText(full).width <= room ? full : ctx.measureText(s.label.slice(0, 3)).width <= room ? s.label.slice(0, 3) : "";
    if (text) ctx.fillText(text, x(s.start) + 4, lanes.sections.top + lanes.sections.height / 2 + font * 0.35);
  }

  // Grid: whole-second ticks through all lanes.
  const step = tickStep(duration, right - left);
  ctx.fillStyle = "rgba(0,0,0,0.12)";
  for (let t = 0; t <= duration + 1e-9; t += step) ctx.fillRect(Math.round(x(t)), top, 1, bottom - top);

  drawWaveform(ctx, waveform, duration, layout);
  drawCurve(ctx, analysis.energy.values, analysis.energy.rate, lanes.energy, x, "#f28e2b", true);
  drawBeats(ctx, analysis, lanes.beats, x, font);
  // Vocal segments as a band along the bottom of the lane, the activity curve over it.
  const v = lanes.vocals;
  ctx.fillStyle = "rgba(118,56,168,0.28)";
  for (const s of analysis.vocalSegments) ctx.fillRect(x(s.start), v.top, Math.max(1, x(s.end) - x(s.start)), v.height);
  ctx.fillStyle = "rgba(0,0,0,0.35)";
  for (let px = left; px < right; px += 6) ctx.fillRect(px, Math.round(v.top + v.height * 0.5), 3, 1); // the 0.5 line
  drawCurve(ctx, analysis.vocalActivity.values, analysis.vocalActivity.rate, v, x, "#6a1b9a", false);
  drawPitch(ctx, analysis, lanes.pitch, x, left, right, font);

  // Lane names in the left margin, lane frames.
  ctx.font = `${font}px sans-serif`;
  const names: Record<LaneName, string> = { sections: "sections", waveform: "waveform", energy: "energy", beats: "beats", vocals: "vocals", pitch: "F0 (Hz)" };
  for (const [name, lane] of Object.entries(lanes) as [LaneName, { top: number; height: number }][]) {
    ctx.fillStyle = "#333333";
    ctx.fillText(names[name], 6, lane.top + lane.height / 2 + font * 0.35);
    ctx.strokeStyle = "rgba(0,0,0,0.25)";
    ctx.lineWidth = 1;
    ctx.strokeRect(left + 0.5, lane.top + 0.5, right - left - 1, lane.height - 1);
  }

  // Time axis: labels in seconds under the grid.
  ctx.fillStyle = "#333333";
  ctx.font = `${font}px sans-serif`;
  for (let t = 0; t <= duration + 1e-9; t += step) {
    const label = `${t} s`;
    const w = ctx.measureText(label).width;
    ctx.fillText(label, Math.min(width - w - 2, Math.max(2, x(t) - w / 2)), layout.axisY);
  }
  ctx.font = `bold ${Math.round(font * 1.15)}px sans-serif`;
  ctx.fillText(options.title ?? defaultTitle(analysis), left, TITLE_PX - 11);
  return canvas.encodeSync("png");
}

type Lane = { readonly top: number; readonly height: number };

function drawWaveform(ctx: SKRSContext2D, waveform: Float32Array, duration: number, layout: PlotLayout): void {
  const lane = layout.lanes.waveform;
  const mid = lane.top + lane.height / 2;
  ctx.fillStyle = "rgba(0,0,0,0.3)";
  ctx.fillRect(layout.left, Math.round(mid), layout.right - layout.left, 1);
  if (waveform.length === 0) return;
  // Peak-normalised min/max per pixel column, so a quiet master still fills the lane.
  let peak = 0;
  for (let i = 0; i < waveform.length; i++) if (Math.abs(waveform[i]) > peak) peak = Math.abs(waveform[i]);
  const scale = peak > 0 ? (0.48 * lane.height) / peak : 0;
  const rate = waveform.length / duration;
  ctx.fillStyle = "#37474f";
  for (let px = layout.left; px < layout.right; px++) {
    const t0 = ((px - layout.left) / (layout.right - layout.left)) * duration;
    const t1 = ((px + 1 - layout.left) / (layout.right - layout.left)) * duration;
    const a = Math.max(0, Math.floor(t0 * rate));
    const b = Math.min(waveform.length, Math.max(a + 1, Math.floor(t1 * rate)));
    let lo = 0;
    let hi = 0;
    for (let i = a; i < b; i++) {
      const s = Number.isFinite(waveform[i]) ? waveform[i] : 0;
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
    ctx.fillRect(px, mid - hi * scale, 1, Math.max(1, (hi - lo) * scale));
  }
}

/** A 0–1 curve as a line (optionally filled below), clamped to the lane. */
function drawCurve(ctx: SKRSContext2D, values: readonly number[], rate: number, lane: Lane, x: (t: number) => number, colour: string, fill: boolean): void {
  if (values.length === 0) return;
  const y = (v: number) => lane.top + lane.height - 2 - Math.max(0, Math.min(1, v)) * (lane.height - 4);
  ctx.beginPath();
  ctx.moveTo(x(0), y(values[0]));
  for (let i = 1; i < values.length; i++) ctx.lineTo(x(i / rate), y(values[i]));
  if (fill) {
    ctx.lineTo(x((values.length - 1) / rate), lane.top + lane.height - 2);
    ctx.lineTo(x(0), lane.top + lane.height - 2);
    ctx.closePath();
    ctx.fillStyle = colour + "55";
    ctx.fill();
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

function drawBeats(ctx: SKRSContext2D, a: AudioAnalysis, lane: Lane, x: (t: number) => number, font: number): void {
  ctx.fillStyle = "#607d8b";
  for (const t of a.beats) ctx.fillRect(Math.round(x(t)), lane.top + lane.height * 0.55, 1, lane.height * 0.45);
  ctx.fillStyle = "#263238";
  // Bar numbers every n bars, n chosen so numbers stay ≥ ≈ 40 px apart.
  const pxPerBar = a.downbeats.length > 1 ? (x(a.downbeats[a.downbeats.length - 1]) - x(a.downbeats[0])) / (a.downbeats.length - 1) : Infinity;
  const every = [1, 2, 4, 8, 16, 32, 64].find((n) => n * pxPerBar >= 40) ?? 64;
  ctx.font = `${Math.round(font * 0.85)}px sans-serif`;
  a.downbeats.forEach((t, k) => {
    ctx.fillRect(Math.round(x(t)) - 1, lane.top + 2, 2, lane.height - 2);
    if (k % every === 0) ctx.fillText(String(k + 1), x(t) + 3, lane.top + font * 0.9);
  });
}

function drawPitch(ctx: SKRSContext2D, a: AudioAnalysis, lane: Lane, x: (t: number) => number, left: number, right: number, font: number): void {
  const lowHz = 50;
  const highHz = 1100;
  const y = (f: number) => lane.top + lane.height - ((Math.log2(f) - Math.log2(lowHz)) / (Math.log2(highHz) - Math.log2(lowHz))) * lane.height;
  ctx.font = `${Math.round(font * 0.85)}px sans-serif`;
  for (const f of [100, 200, 400, 800]) {
    ctx.fillStyle = "rgba(0,0,0,0.15)";
    ctx.fillRect(left, Math.round(y(f)), right - left, 1);
    ctx.fillStyle = "#555555";
    ctx.fillText(String(f), left - ctx.measureText(String(f)).width - 4, y(f) + font * 0.3);
  }
  if (a.voice.medianF0) {
    ctx.fillStyle = "rgba(21,101,192,0.6)";
    for (let px = left; px < right; px += 10) ctx.fillRect(px, Math.round(y(a.voice.medianF0)), 5, 1);
  }
  ctx.fillStyle = "#1565c0";
  const dot = Math.max(2, Math.round(font / 5));
  a.pitch.values.forEach((f, i) => {
    if (f > 0) ctx.fillRect(x(i / a.pitch.rate) - dot / 2, y(Math.max(lowHz, Math.min(highHz, f))) - dot / 2, dot, dot);
  });
}
