/**
 * The director: scenes from the song's sections, shots cut on beats (section changes on
 * downbeats), several angles from each photo, a camera move and a transition per shot chosen by
 * the music and the style, and the singing face where the voice sings. Pure and seeded: the same
 * inputs and seed give the same Storyboard; another seed gives another plan.
 */
import type { AudioAnalysis, Section, SectionLabel } from "../core/schemas/analysis.ts";
import type { Aspect, PhotoRef, Resolution } from "../core/schemas/common.ts";
import type { Framing, Shot, Storyboard, Style } from "../core/schemas/storyboard.ts";
import type { PlanCatalogue, TransitionInfo } from "../core/catalogue.ts";
import type { Fps } from "../core/units.ts";
import { createRandom, type Random } from "../core/random.ts";
import { clamp } from "../core/easing.ts";
import { lookNamed } from "./looks/index.ts";
import { planCuts } from "./plan-cuts.ts";
import { PLAN_PARAMS } from "./plan-params.ts";

export { PLAN_PARAMS };

export interface PlanSettings {
  readonly seed: number;
  readonly aspect: Aspect;
  readonly resolution: Resolution;
  readonly width: number;
  readonly height: number;
  readonly fps: Fps;
  readonly audioPath: string;
  /** Share of the sung time that shows the singing face, 0–1; the rest cuts away. */
  readonly lipSyncShare?: number;
}


/** Framings each kind of section favours, in order of preference. */
const FRAMINGS_BY_LABEL: Record<SectionLabel, readonly Framing[]> = {
  intro: ["wide", "medium-wide", "medium"],
  verse: ["medium", "close-up", "medium-wide", "close-up", "wide"],
  "pre-chorus": ["close-up", "medium", "extreme-close-up"],
  chorus: ["close-up", "extreme-close-up", "medium", "close-up", "medium-wide", "wide"],
  bridge: ["medium-wide", "close-up", "medium"],
  instrumental: ["wide", "medium-wide", "medium"],
  outro: ["wide", "medium-wide", "medium"],
};

const LOUD_LABELS = new Set<SectionLabel>(["chorus", "instrumental"]);

/** Accent transitions for a look that names none of its own. */
const DEFAULT_ACCENTS: readonly string[] = ["flash", "whip-pan", "zoom-blur"];

export function planStoryboard(
  analysis: AudioAnalysis,
  photos: readonly PhotoRef[],
  style: Style,
  settings: PlanSettings,
  catalogue: PlanCatalogue,
): Storyboard {
  const random = createRandom(settings.seed);
  const sections = analysis.sections.length > 0 ? analysis.sections : [wholeSong(analysis.duration)];
  const cuts = planCuts(analysis, sections, style.energy, random.fork("cuts"));
  const director = new Director(analysis, photos, style, catalogue, random.fork("shots"), settings.lipSyncShare ?? PLAN_PARAMS.lipSyncShare);
  const shots = cuts.map((cut, i) => director.shot(cut.start, cut.end, cut.section, i, cut.sectionStart));
  return {
    artifact: "storyboard",
    version: 1,
    seed: settings.seed,
    audio: { path: settings.audioPath, duration: analysis.duration },
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

/** Chooses each shot in order; remembers only what the next choice must differ from. */
class Director {
  private previous: Shot | undefined;
  private nextPhoto = 0;
  private sungTime = 0;
  private sungFaceTime = 0;
  /** The prompt named a setting (not just a look that implies one). */
  private readonly namedSetting: boolean;

  constructor(
    private readonly analysis: AudioAnalysis,
    private readonly photos: readonly PhotoRef[],
    private readonly style: Style,
    private readonly catalogue: PlanCatalogue,
    private readonly random: Random,
    private readonly lipSyncShare: number,
  ) {
    this.namedSetting = style.matched.some((m) => m.word !== "" && m.chose.startsWith("setting"));
  }

  shot(start: number, end: number, section: Section, index: number, sectionStart: boolean): Shot {
    const sung = sungFraction(this.analysis, start, end) >= 0.5;
    const content = this.chooseContent(section, sung, end - start, index);
    const performer = content === "performer";
    const subject = !performer ? undefined : this.photos.length === 0 ? "generated" : this.choosePhoto();
    const photo = subject ?? "none";
    const framing = subject !== undefined ? this.chooseFraming(section.label, subject) : section.label === "chorus" ? "medium" : "wide";
    const loud = LOUD_LABELS.has(section.label) || section.energy >= 0.7;
    const angle = this.chooseAngle(framing, section.label, loud);
    const camera = this.chooseCamera(loud, section, framing);
    const transitionIn = this.chooseTransition(index, sectionStart, section, start);
    // With photos, a prompt that names a setting puts it behind the performer in most shots; the photo's own background keeps the rest.
    const background =
      photo === "generated" || (this.namedSetting ? this.random.next() < 0.7 : this.random.next() < 0.2) ? this.style.environment : "photo";
    const shot: Shot = {
      start: round3(start),
      end: round3(end),
      photo,
      content,
      framing,
      angle,
      background: performer ? background : this.style.environment,
      camera,
      transitionIn,
      // Any shot of the singer mouths the track: in a mostly instrumental shot it rests, and the
      // words that do fall in it are sung, not mimed by a still face.
      lipSync: performer,
      why: [
        `${section.label} (energy ${section.energy.toFixed(2)})`,
        sectionStart && index > 0 ? "section change on a downbeat" : index === 0 ? "opening shot" : `cut on the beat at ${start.toFixed(2)} s`,
        sung ? (performer ? "the voice sings: singing face" : "the voice sings: cutaway") : "no singing",
      ].join("; "),
    };
    if (sung) {
      this.sungTime += end - start;
      if (shot.lipSync) this.sungFaceTime += end - start;
    }
    this.previous = shot;
    return shot;
  }

  /** The singing face while the voice sings (up to the share); instrumental parts cut away more. */
  private chooseContent(section: Section, sung: boolean, length: number, index: number): Shot["content"] {
    if (sung) {
      // Show the face unless that would push the face's share of sung time above the asked share.
      const shareIfFace = (this.sungFaceTime + length) / (this.sungTime + length);
      const shareIfCutaway = this.sungFaceTime / (this.sungTime + length);
      return Math.abs(shareIfFace - this.lipSyncShare) <= Math.abs(shareIfCutaway - this.lipSyncShare) ? "performer" : "environment";
    }
    if (index === 0 && section.label === "intro") return "environment"; // the establishing shot
    const roll = this.random.next();
    if (this.previous?.content !== "performer") return "performer"; // never two cutaways in a row
    if (roll < PLAN_PARAMS.cutawayShare * 0.6) return "environment";
    if (roll < PLAN_PARAMS.cutawayShare) return "abstract";
    return "performer";
  }

  /** Photos take turns like cameras in a multi-camera shoot, with an occasional repeat. */
  private choosePhoto(): number | "generated" {
    const count = this.photos.length;
    if (count === 1) return this.photos[0].generated ? "generated" : 0;
    const photo = this.random.next() < 0.8 ? this.nextPhoto % count : (this.nextPhoto + 1) % count;
    this.nextPhoto = photo + 1;
    return photo;
  }

  private chooseFraming(label: SectionLabel, photo: number | "generated"): Framing {
    const options = FRAMINGS_BY_LABEL[label];
    let framing = options[Math.floor(this.random.next() * options.length)];
    const previous = this.previous;
    if (previous && previous.photo === photo && previous.framing === framing) {
      framing = options[(options.indexOf(framing) + 1) % options.length];
      if (framing === previous.framing) framing = framing === "medium" ? "close-up" : "medium";
    }
    return framing;
  }

  /** Dutch tilts and low angles in loud parts, high angles now and then in calm ones, mirrored shots for variety. */
  private chooseAngle(framing: Framing, label: SectionLabel, loud: boolean): Shot["angle"] {
    const roll = this.random.next();
    const close = framing === "extreme-close-up";
    const dutch = !close && loud && roll < 0.25 ? (this.random.next() < 0.5 ? -1 : 1) * (6 + Math.round(this.random.next() * 6)) : 0;
    const heightRoll = this.random.next();
    const height: Shot["angle"]["height"] = close ? "eye" : loud && heightRoll < 0.3 ? "low" : !loud && label !== "outro" && heightRoll < 0.15 ? "high" : "eye";
    const mirror = this.photos.length <= 1 && this.random.next() < 0.3;
    return { dutch, mirror, height };
  }

  private chooseCamera(loud: boolean, section: Section, framing: Framing): Shot["camera"] {
    const mood = loud ? "energetic" : "calm";
    let moves = this.catalogue.cameraMoves.filter((m) => m.mood === mood || m.mood === "any");
    // An extreme close-up already fills the frame: no further push, and no shake that would blur the mouth.
    if (framing === "extreme-close-up") moves = moves.filter((m) => m.name !== "push-in" && m.name !== "handheld");
    if (moves.length === 0) moves = [...this.catalogue.cameraMoves];
    const move = this.random.pick(moves);
    return {
      move: move.name,
      intensity: round3(clamp((0.6 + section.energy * 0.8) * this.style.energy, 0, 2)),
      easing: loud ? "ease-out" : "ease-in-out",
    };
  }

  private chooseTransition(index: number, sectionStart: boolean, section: Section, at: number): Shot["transitionIn"] {
    const beat = this.analysis.tempo.bpm > 0 ? 60 / this.analysis.tempo.bpm : 0.5;
    const named = (names: readonly string[]) =>
      names.map((n) => this.catalogue.transitions.find((t) => t.name === n)).filter((t): t is TransitionInfo => t !== undefined);
    const byRole = (role: TransitionInfo["role"]) => this.catalogue.transitions.filter((t) => t.role === role);
    let chosen: TransitionInfo | undefined;
    if (index === 0) chosen = byRole("cut")[0];
    else if (sectionStart) {
      // Big moments (entering a chorus or a drop) get the look's signature accent; calmer entries a softer one.
      const big = LOUD_LABELS.has(section.label);
      const preferred = named(lookNamed(this.style.look.name)?.accents ?? DEFAULT_ACCENTS);
      const options = big ? (preferred.length > 0 ? preferred : byRole("accent")) : named(["dip-to-black", "crossfade", "light-leak"]);
      chosen = big && this.random.next() < 0.6 ? options[0] : this.random.pick(options.length > 0 ? options : byRole("accent"));
    } else {
      const calm = !LOUD_LABELS.has(section.label) && energyAt(this.analysis, at) < 0.6;
      chosen = calm && this.random.next() < 0.3 ? this.random.pick(byRole("soft")) : byRole("cut")[0];
    }
    chosen ??= { name: "cut", role: "cut", beats: 0 };
    return { kind: chosen.name, duration: round3(chosen.beats * beat) };
  }
}

function sungFraction(analysis: AudioAnalysis, start: number, end: number): number {
  let sung = 0;
  for (const v of analysis.vocalSegments) sung += Math.max(0, Math.min(end, v.end) - Math.max(start, v.start));
  return end > start ? sung / (end - start) : 0;
}

function energyAt(analysis: AudioAnalysis, t: number): number {
  const { rate, values } = analysis.energy;
  if (values.length === 0) return 0.5;
  return values[clamp(Math.round(t * rate), 0, values.length - 1)];
}
