/**
 * The first planner: shots cut on beats, longer when the music is quiet and shorter when it is
 * loud, the photos alternating like cameras, a camera move per shot and a transition at each cut.
 * Pure and seeded: the same inputs and seed give the same Storyboard.
 */
import type { AudioAnalysis, Section } from "../core/schemas/analysis.ts";
import type { Aspect, PhotoRef, Resolution } from "../core/schemas/common.ts";
import type { Framing, Shot, Storyboard, Style } from "../core/schemas/storyboard.ts";
import type { PlanCatalogue, TransitionInfo } from "../core/catalogue.ts";
import type { Fps } from "../core/units.ts";
import { createRandom, type Random } from "../core/random.ts";
import { clamp } from "../core/easing.ts";

export interface PlanSettings {
  readonly seed: number;
  readonly aspect: Aspect;
  readonly resolution: Resolution;
  readonly width: number;
  readonly height: number;
  readonly fps: Fps;
  readonly audioPath: string;
}

/** Planner parameters, with units and the reason for each value. */
export const PLAN_PARAMS = {
  /** [s] shortest shot: below ≈ 0.6 s a viewer cannot take in a new angle. */
  minShot: 0.6,
  /** [s] the shot length the planner aims for in quiet music; loud music halves it. */
  calmShot: 4,
  /** [s] with no beats at all (a free-time piece), cut on this grid. */
  beatlessShot: 3,
  /** Energy (0–1) above which a section counts as loud. */
  loudEnergy: 0.6,
} as const;

const FRAMING_CYCLE: readonly Framing[] = ["medium", "close-up", "wide", "medium-wide", "close-up", "extreme-close-up"];

export function planStoryboard(
  analysis: AudioAnalysis,
  photos: readonly PhotoRef[],
  style: Style,
  settings: PlanSettings,
  catalogue: PlanCatalogue,
): Storyboard {
  const random = createRandom(settings.seed);
  const duration = analysis.duration;
  const cuts = chooseCuts(analysis, random.fork("cuts"));
  const sections = analysis.sections.length > 0 ? analysis.sections : [wholeSong(duration)];
  const shots: Shot[] = [];
  const pickShot = random.fork("shots");
  for (let i = 0; i < cuts.length; i++) {
    const start = cuts[i];
    const end = i + 1 < cuts.length ? cuts[i + 1] : duration;
    const section = sectionAt(sections, start);
    const previous = shots[i - 1];
    const photo = photos.length === 0 ? "generated" : i % photos.length;
    const framing = chooseFraming(i, photos.length, previous?.framing, pickShot);
    const loud = section.energy >= PLAN_PARAMS.loudEnergy;
    const moves = catalogue.cameraMoves.filter((m) => m.mood === "any" || m.mood === (loud ? "energetic" : "calm"));
    const move = pickShot.pick(moves.length > 0 ? moves : catalogue.cameraMoves);
    const sectionChange = i > 0 && sectionAt(sections, shots[i - 1].start) !== section;
    const transition = chooseTransition(i, sectionChange, analysis, start, catalogue.transitions, pickShot);
    shots.push({
      start,
      end,
      photo,
      framing,
      camera: {
        move: move.name,
        intensity: round3(clamp(0.6 + section.energy * 0.8, 0, 2)),
        easing: loud ? "ease-out" : "ease-in-out",
      },
      transitionIn: transition,
      lipSync: overlapsVocals(analysis, start, end),
      why: `${section.label} (energy ${section.energy.toFixed(2)})${sectionChange ? ", section change" : ""}; ${
        i === 0 ? "opening shot" : `cut on the beat at ${start.toFixed(2)} s`
      }`,
    });
  }
  return {
    artifact: "storyboard",
    version: 1,
    seed: settings.seed,
    audio: { path: settings.audioPath, duration },
    photos: [...photos],
    output: {
      aspect: settings.aspect,
      resolution: settings.resolution,
      width: settings.width,
      height: settings.height,
      fps: { num: settings.fps.num, den: settings.fps.den },
    },
    style,
    scenes: sections,
    shots,
  };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function wholeSong(duration: number): Section {
  return { start: 0, end: duration, label: "verse", energy: 0.5 };
}

function sectionAt(sections: readonly Section[], t: number): Section {
  return sections.find((s) => t >= s.start && t < s.end) ?? sections[sections.length - 1];
}

/**
 * Cut times: the song's start, then beats chosen so each shot lasts about calmShot seconds in quiet
 * music and half that in loud music, never under minShot, with a little seeded variation.
 */
export function chooseCuts(analysis: AudioAnalysis, random: Random): number[] {
  const duration = analysis.duration;
  const cuts = [0];
  const beats = analysis.beats.filter((b) => b > PLAN_PARAMS.minShot && b < duration - PLAN_PARAMS.minShot);
  if (beats.length === 0) {
    for (let t = PLAN_PARAMS.beatlessShot; t < duration - PLAN_PARAMS.minShot; t += PLAN_PARAMS.beatlessShot) cuts.push(round3(t));
    return cuts;
  }
  const downbeats = new Set(analysis.downbeats.map(round3));
  let last = 0;
  for (const beat of beats) {
    const energy = energyAt(analysis, beat);
    const target = PLAN_PARAMS.calmShot * (1 - 0.5 * energy) * (0.85 + 0.3 * random.next());
    const length = beat - last;
    // Prefer bar starts: a cut on a downbeat reads as musical; take a plain beat only when overdue.
    const onDownbeat = downbeats.has(round3(beat));
    if (length >= PLAN_PARAMS.minShot && ((onDownbeat && length >= target * 0.75) || length >= target * 1.5)) {
      cuts.push(beat);
      last = beat;
    }
  }
  return cuts;
}

function energyAt(analysis: AudioAnalysis, t: number): number {
  const { rate, values } = analysis.energy;
  if (values.length === 0) return 0.5;
  return values[clamp(Math.round(t * rate), 0, values.length - 1)];
}

function chooseFraming(index: number, photoCount: number, previous: Framing | undefined, random: Random): Framing {
  // Several photos already change the picture at each cut; one photo must change framing instead.
  const offset = photoCount > 1 ? Math.floor(index / photoCount) : index;
  let framing = FRAMING_CYCLE[(offset + random.int(0, 1)) % FRAMING_CYCLE.length];
  if (photoCount <= 1 && framing === previous) framing = FRAMING_CYCLE[(offset + 2) % FRAMING_CYCLE.length];
  return framing;
}

function chooseTransition(
  index: number,
  sectionChange: boolean,
  analysis: AudioAnalysis,
  at: number,
  transitions: readonly TransitionInfo[],
  random: Random,
): { kind: string; duration: number } {
  const beat = analysis.tempo.bpm > 0 ? 60 / analysis.tempo.bpm : 0.5;
  const byRole = (role: TransitionInfo["role"]) => transitions.filter((t) => t.role === role);
  let choices: TransitionInfo[];
  if (index === 0) choices = byRole("cut");
  else if (sectionChange) choices = byRole("accent");
  else choices = energyAt(analysis, at) < PLAN_PARAMS.loudEnergy && random.next() < 0.4 ? byRole("soft") : byRole("cut");
  if (choices.length === 0) choices = byRole("cut");
  const chosen = choices.length > 0 ? random.pick(choices) : { name: "cut", beats: 0 };
  return { kind: chosen.name, duration: round3(chosen.beats * beat) };
}

function overlapsVocals(analysis: AudioAnalysis, start: number, end: number): boolean {
  return analysis.vocalSegments.some((v) => v.start < end && v.end > start);
}
