/**
 * Song sections: beat-synchronous chroma (harmony) and MFCC (timbre) features, a self-similarity
 * matrix, Foote's checkerboard novelty along its diagonal (Foote, ICME 2000), the strongest
 * novelty peaks as boundaries, each moved to the nearest downbeat. Labels come from
 * `labelSections` (repetition, energy, vocals, position).
 */
import type { Section } from "../core/schemas/analysis.ts";
import type { FrameFeatures } from "./chroma.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { labelSections, type SectionSummary } from "./section-labeller.ts";
import { median } from "./statistics.ts";

export const SECTION_SEGMENTER_PARAMETERS = defineParameters({
  kernelSeconds: { unit: "s", min: 2, max: 30, default: 8, description: "half-width of the checkerboard kernel: the span compared on each side of a boundary (≈ 4 bars at 120 BPM)" },
  minSectionSeconds: { unit: "s", min: 1, max: 60, default: 7, description: "no section shorter than this (except when the song itself is)" },
  meanSectionSeconds: { unit: "s", min: 5, max: 120, default: 14, description: "at most one boundary per this much audio" },
  peakThreshold: { unit: "", min: 0, max: 1, default: 0.25, description: "novelty peaks below this fraction of the highest peak are not boundaries" },
  timbreWeight: { unit: "", min: 0, max: 1, default: 0.5, description: "share of timbre (MFCC) against harmony (chroma) in the similarity" },
  blockSeconds: { unit: "s", min: 0.1, max: 2, default: 0.5, description: "feature block length where there are no beats" },
  snapBars: { unit: "bars", min: 0, max: 2, default: 1, description: "boundaries move to the nearest downbeat within this many bars" },
});
export type SectionSegmenterParameters = ParameterValues<typeof SECTION_SEGMENTER_PARAMETERS>;

export interface SectionInput {
  readonly duration: number;
  readonly beats: readonly number[];
  readonly downbeats: readonly number[];
  readonly chroma: FrameFeatures;
  readonly mfcc: FrameFeatures;
  /** 0–1 energy per frame */
  readonly energy: { readonly rate: number; readonly values: ArrayLike<number> };
  /** 0–1 vocal activity per frame, if known */
  readonly vocal?: { readonly rate: number; readonly values: ArrayLike<number> };
}

/** Unit boundaries: the beats, with gaps longer than 1.5 beat periods (free intros) filled evenly. */
function unitGrid(duration: number, beats: readonly number[], blockSeconds: number): number[] {
  const inside = beats.filter((b) => b > 0 && b < duration);
  let step = blockSeconds;
  if (inside.length >= 8) {
    step = median(inside.slice(1).map((b, i) => b - inside[i]));
  } else inside.length = 0;
  const anchors = [0, ...inside, duration];
  const grid: number[] = [0];
  for (let i = 1; i < anchors.length; i++) {
    const gap = anchors[i] - anchors[i - 1];
    const parts = Math.max(1, Math.round(gap / step));
    for (let k = 1; k <= parts; k++) grid.push(anchors[i - 1] + (gap * k) / parts);
  }
  return grid;
}

function meanOver(curve: { rate: number; values: ArrayLike<number> }, a: number, b: number): number {
  const i0 = Math.max(0, Math.floor(a * curve.rate));
  const i1 = Math.min(curve.values.length, Math.max(i0 + 1, Math.ceil(b * curve.rate)));
  let s = 0;
  for (let i = i0; i < i1; i++) s += curve.values[i];
  return i1 > i0 ? s / (i1 - i0) : 0;
}

function unitFeatures(grid: number[], f: FrameFeatures): Float64Array[] {
  const out: Float64Array[] = [];
  for (let u = 0; u + 1 < grid.length; u++) {
    const v = new Float64Array(f.dimensions);
    const i0 = Math.max(0, Math.floor(grid[u] * f.frameRate));
    const frames = f.values.length / f.dimensions;
    const i1 = Math.min(frames, Math.max(i0 + 1, Math.ceil(grid[u + 1] * f.frameRate)));
    for (let i = i0; i < i1; i++) for (let d = 0; d < f.dimensions; d++) v[d] += f.values[i * f.dimensions + d];
    if (i1 > i0) for (let d = 0; d < f.dimensions; d++) v[d] /= i1 - i0;
    out.push(v);
  }
  return out;
}

/** Each dimension to zero mean and unit variance over the song, then each vector to unit length. */
function standardise(vectors: Float64Array[], weight: number): Float64Array[] {
  if (vectors.length === 0) return vectors;
  const d = vectors[0].length;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const v of vectors) for (let j = 0; j < d; j++) mean[j] += v[j] / vectors.length;
  for (const v of vectors) for (let j = 0; j < d; j++) sd[j] += (v[j] - mean[j]) ** 2 / vectors.length;
  return vectors.map((v) => {
    const out = new Float64Array(d);
    let norm = 0;
    for (let j = 0; j < d; j++) {
      out[j] = sd[j] > 1e-12 ? (v[j] - mean[j]) / Math.sqrt(sd[j]) : 0;
      norm += out[j] * out[j];
    }
    const scale = norm > 0 ? Math.sqrt(weight / norm) : 0;
    for (let j = 0; j < d; j++) out[j] *= scale;
    return out;
  });
}

/** Concatenates per-unit vectors. */
function concat(a: Float64Array[], b: Float64Array[]): Float64Array[] {
  return a.map((x, i) => {
    const out = new Float64Array(x.length + b[i].length);
    out.set(x);
    out.set(b[i], x.length);
    return out;
  });
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Foote novelty with a Gaussian-tapered checkerboard kernel of half-width L units. */
function checkerboardNovelty(units: Float64Array[], L: number): Float64Array {
  const n = units.length;
  const novelty = new Float64Array(n);
  const g = new Float64Array(2 * L);
  for (let a = -L; a < L; a++) g[a + L] = Math.exp(-0.5 * ((a + 0.5) / (0.5 * L)) ** 2);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    let weight = 0;
    for (let a = -L; a < L; a++) {
      const ia = i + a;
      if (ia < 0 || ia >= n) continue;
      for (let b = -L; b < L; b++) {
        const ib = i + b;
        if (ib < 0 || ib >= n) continue;
        const w = g[a + L] * g[b + L];
        const sign = a < 0 === b < 0 ? 1 : -1;
        acc += sign * w * dot(units[ia], units[ib]);
        weight += w;
      }
    }
    novelty[i] = weight > 0 ? acc / weight : 0;
  }
  // The kernel sums same-side similarity minus cross-side: boundaries are where it is high.
  return novelty;
}

export function segmentSections(input: SectionInput, overrides: Partial<SectionSegmenterParameters> = {}): Section[] {
  const p = resolveParameters("sectionSegmenter", SECTION_SEGMENTER_PARAMETERS, overrides);
  const { duration } = input;
  if (!(duration > 0)) return [];
  let boundaries = [0, duration];
  let grid: number[] = [];
  let units: Float64Array[] = [];
  if (duration >= 2 * p.minSectionSeconds) {
    grid = unitGrid(duration, input.beats, p.blockSeconds);
    const unitSeconds = duration / (grid.length - 1);
    const chroma = standardise(unitFeatures(grid, input.chroma), 1 - p.timbreWeight);
    const timbre = standardise(unitFeatures(grid, input.mfcc), p.timbreWeight);
    units = concat(chroma, timbre);
    const L = Math.max(2, Math.round(p.kernelSeconds / unitSeconds));
    const novelty = checkerboardNovelty(units, L);
    const peaks: number[] = [];
    for (let i = 1; i + 1 < novelty.length; i++) if (novelty[i] > 0 && novelty[i] >= novelty[i - 1] && novelty[i] > novelty[i + 1]) peaks.push(i);
    peaks.sort((a, b) => novelty[b] - novelty[a]);
    const top = peaks.length ? novelty[peaks[0]] : 0;
    const maxBoundaries = Math.floor(duration / p.meanSectionSeconds);
    const chosen: number[] = [];
    const bars = input.downbeats.filter((d) => d > 0 && d < duration);
    const barSeconds = bars.length > 1 ? (bars[bars.length - 1] - bars[0]) / (bars.length - 1) : 0;
    for (const i of peaks) {
      if (chosen.length >= maxBoundaries || novelty[i] < p.peakThreshold * top) break;
      let t = grid[i];
      if (barSeconds > 0) {
        let nearest = bars[0];
        for (const d of bars) if (Math.abs(d - t) < Math.abs(nearest - t)) nearest = d;
        if (Math.abs(nearest - t) <= p.snapBars * barSeconds + 1e-9) t = nearest;
      }
      const farEnough = [0, duration, ...chosen].every((b) => Math.abs(b - t) >= p.minSectionSeconds);
      if (farEnough) chosen.push(t);
    }
    boundaries = [0, ...chosen.sort((a, b) => a - b), duration];
  }

  const summaries: SectionSummary[] = [];
  for (let k = 0; k + 1 < boundaries.length; k++) {
    const start = boundaries[k];
    const end = boundaries[k + 1];
    // Signature: the mean standardised unit vector of the section (what repetition is judged on).
    const signature = new Float64Array(units[0]?.length ?? 0);
    let count = 0;
    for (let u = 0; u < units.length; u++) {
      const mid = 0.5 * (grid[u] + grid[u + 1]);
      if (mid < start || mid >= end) continue;
      for (let j = 0; j < signature.length; j++) signature[j] += units[u][j];
      count++;
    }
    if (count) for (let j = 0; j < signature.length; j++) signature[j] /= count;
    summaries.push({
      start,
      end,
      energy: meanOver(input.energy, start, end),
      vocal: input.vocal ? meanOver(input.vocal, start, end) : 0,
      signature,
    });
  }
  // The labeller's repetition groups, so groups and labels agree, renumbered 0, 1, 2 … in order of
  // first appearance (A B A C → 0 1 0 2).
  const { labels, groups: roots } = labelSections(summaries, { hasVocalTrack: input.vocal !== undefined });
  const ids = new Map<number, number>();
  for (const r of roots) if (!ids.has(r)) ids.set(r, ids.size);
  return summaries.map((s, k) => ({ start: s.start, end: s.end, label: labels[k], energy: Math.max(0, Math.min(1, s.energy)), group: ids.get(roots[k]) ?? 0 }));
}
