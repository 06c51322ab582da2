/**
 * Where the cuts go: every section starts a new shot on its first downbeat, and inside a section
 * cuts fall on beats at a length the section's kind and loudness ask for, preferring bar starts.
 */
import type { AudioAnalysis, Section, SectionLabel } from "../core/schemas/analysis.ts";
import type { Random } from "../core/random.ts";
import { clamp } from "../core/easing.ts";
import { PLAN_PARAMS } from "./plan-params.ts";

export interface Cut {
  readonly start: number;
  readonly end: number;
  readonly section: Section;
  /** The first shot of its section. */
  readonly sectionStart: boolean;
}

/** [beats] shortest and longest shot per kind of section, before the style's energy scales them. */
const SHOT_BEATS: Record<SectionLabel, readonly [number, number]> = {
  intro: [8, 16],
  verse: [4, 8],
  "pre-chorus": [4, 6],
  chorus: [2, 4],
  bridge: [4, 8],
  instrumental: [4, 8],
  outro: [8, 16],
};

const { minShot: MIN_SHOT, maxShot: MAX_SHOT, beatlessShot: BEATLESS_SHOT } = PLAN_PARAMS;
const LONG_ALLOWED = new Set<SectionLabel>(["intro", "outro"]);

export function planCuts(analysis: AudioAnalysis, sections: readonly Section[], styleEnergy: number, random: Random): Cut[] {
  const duration = analysis.duration;
  const beats = analysis.beats;
  const downbeats = new Set(analysis.downbeats.map(round3));
  const starts: Array<{ t: number; section: Section; sectionStart: boolean }> = [];
  for (const section of sections) {
    const first = starts.length === 0 ? 0 : snapToBeat(section.start, beats);
    if (first >= duration - MIN_SHOT || (starts.length > 0 && first - starts[starts.length - 1].t < MIN_SHOT)) continue;
    starts.push({ t: first, section, sectionStart: true });
    const end = Math.min(section.end, duration);
    const inside = beats.filter((b) => b > first + MIN_SHOT / 2 && b < end - MIN_SHOT);
    const [minBeats, maxBeats] = SHOT_BEATS[section.label].map((b) => Math.max(1, Math.round(b / styleEnergy)));
    // Louder sections cut at the short end of the range.
    const lean = clamp(section.energy, 0, 1);
    if (inside.length === 0) {
      // No beats here (a fade-out, a free-time passage): an intro or outro holds one long shot; elsewhere the
      // song's beat grid is carried on from the section's start, so cuts still fall where beats would.
      if (LONG_ALLOWED.has(section.label)) continue;
      const period = analysis.tempo.bpm > 0 ? 60 / analysis.tempo.bpm : BEATLESS_SHOT;
      const step = period * Math.max(1, Math.round(BEATLESS_SHOT / period));
      for (let t = first + step; t < end - MIN_SHOT; t += step) starts.push({ t: round3(t), section, sectionStart: false });
      continue;
    }
    let last = first;
    let count = 0;
    let target = pickLength(minBeats, maxBeats, lean, random);
    for (const beat of inside) {
      count++;
      const length = beat - last;
      const onDownbeat = downbeats.has(round3(beat));
      const tooLong = !LONG_ALLOWED.has(section.label) && length >= MAX_SHOT - 0.75;
      if (length >= MIN_SHOT && ((count >= target && (onDownbeat || count >= target + 2)) || tooLong)) {
        starts.push({ t: beat, section, sectionStart: false });
        last = beat;
        count = 0;
        target = pickLength(minBeats, maxBeats, lean, random);
      }
    }
  }
  return starts.map((s, i) => ({
    start: s.t,
    end: i + 1 < starts.length ? starts[i + 1].t : duration,
    section: s.section,
    sectionStart: s.sectionStart,
  }));
}

function pickLength(minBeats: number, maxBeats: number, loudness: number, random: Random): number {
  const span = maxBeats - minBeats;
  return minBeats + Math.round(span * (1 - loudness) * (0.6 + 0.4 * random.next()));
}

function snapToBeat(t: number, beats: readonly number[]): number {
  let best = t;
  let distance = Infinity;
  for (const b of beats) {
    const d = Math.abs(b - t);
    if (d < distance) {
      distance = d;
      best = b;
    }
  }
  // A section boundary more than 2 s from any beat (a free intro) stays where the analysis put it.
  return distance <= 2 ? best : round3(t);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
