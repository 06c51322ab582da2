/**
 * Mouth shapes (visemes) the track names, one letter each so a whole song's track reads as a
 * string in the Timeline, and the ARPAbet phones (CMU dictionary, Festival, GRID) that make them.
 * The classes are the ones lip-sync animators use (Preston Blair's set, as in Rhubarb Lip Sync).
 */

export const VISEMES = {
  /** rest: nobody sings; lips together, relaxed */
  X: "rest",
  /** M, B, P: lips pressed together */
  M: "closed",
  /** F, V: lower lip under the upper teeth */
  F: "f-v",
  /** I, E and the sibilants: lips spread, jaw half open */
  I: "wide",
  /** A: jaw open */
  A: "open",
  /** O, U, W: lips rounded and pushed forward */
  O: "round",
  /** the other consonants and reduced vowels: mouth slightly open */
  C: "neutral",
} as const;
export type Viseme = keyof typeof VISEMES;

const PHONE_VISEMES: Record<string, Viseme> = {
  m: "M", b: "M", p: "M", em: "M",
  f: "F", v: "F",
  iy: "I", ih: "I", ey: "I", eh: "I", y: "I", s: "I", z: "I", sh: "I", zh: "I", ch: "I", jh: "I",
  aa: "A", ae: "A", ah: "A", ay: "A", aw: "A", ao: "A",
  ow: "O", uw: "O", uh: "O", w: "O", oy: "O", r: "O", er: "O",
  pau: "X", sil: "X", sp: "X", h: "X", "#": "X",
};

/** The viseme of an ARPAbet phone (lower or upper case, stress digits ignored); C for the rest. */
export function visemeOfPhone(phone: string): Viseme {
  return PHONE_VISEMES[phone.toLowerCase().replace(/[0-9]/g, "")] ?? "C";
}

/** Open and open-mid vowels: the jaw visibly drops on them (F1 ≥ ≈ 550 Hz in Peterson & Barney 1952). */
export const OPEN_VOWELS: ReadonlySet<string> = new Set(["aa", "ae", "ah", "ao", "aw", "ay", "eh", "oy"]);
/** Bilabial phones: the lips must meet. */
export const BILABIALS: ReadonlySet<string> = new Set(["m", "b", "p", "em"]);
