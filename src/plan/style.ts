/**
 * Prompt → Style. The prompt's words choose a setting (the environment behind the performer), a
 * look (colours and film treatment), the time of day, a mood and how hard the edit hits; film
 * words adjust the look. The Style records which words chose what, so a user reviewing the
 * storyboard sees why the video looks the way it does. Unknown words change nothing.
 */
import type { Style } from "../core/schemas/storyboard.ts";
import type { Look } from "../core/schemas/common.ts";
import { MvgenError } from "../core/errors.ts";
import { clamp } from "../core/easing.ts";
import { registeredLooks, lookNamed, studio as studioLook, type LookDefinition } from "./looks/index.ts";
import { registeredSettings, type SettingDefinition } from "./settings/define-setting.ts";
import { studio as studioSetting } from "./settings/all.ts";

export const MAX_PROMPT_LENGTH = 2500;

type Match = { word: string; chose: string };

const TIME_WORDS: ReadonlyArray<[Style["timeOfDay"], readonly string[]]> = [
  ["golden-hour", ["golden hour", "sunset", "sunrise", "dusk", "dawn", "twilight"]],
  ["night", ["night", "midnight", "evening", "nighttime", "dark"]],
  ["day", ["day", "daytime", "morning", "noon", "sunny", "afternoon"]],
];

const MOOD_WORDS: ReadonlyArray<[Style["mood"], readonly string[]]> = [
  ["energetic", ["energetic", "hype", "intense", "aggressive", "fast", "explosive", "wild", "powerful", "upbeat", "party", "dance", "rock", "punk", "loud"]],
  ["calm", ["calm", "slow", "soft", "gentle", "dreamy", "sad", "melancholy", "chill", "intimate", "acoustic", "peaceful", "tender", "romantic", "lonely"]],
];

/** Film words: each nudges the chosen look. */
const FILM_WORDS: ReadonlyArray<[readonly string[], string, (look: Look) => Look]> = [
  [["black and white", "black & white", "b&w", "monochrome", "grayscale", "greyscale"], "black and white", (l) => ({ ...l, saturation: 0 })],
  [["grainy", "film grain", "16mm", "super 8", "vhs", "analog", "old film"], "film grain", (l) => ({ ...l, grain: clamp(l.grain + 0.3, 0, 1) })],
  [["vignette", "tunnel"], "strong vignette", (l) => ({ ...l, vignette: clamp(l.vignette + 0.3, 0, 1) })],
  [["high contrast", "contrasty", "punchy", "gritty"], "more contrast", (l) => ({ ...l, contrast: clamp(l.contrast + 0.15, 0.5, 1.5) })],
  [["faded", "washed out", "pastel", "soft light"], "less contrast", (l) => ({ ...l, contrast: clamp(l.contrast - 0.12, 0.5, 1.5), saturation: clamp(l.saturation - 0.15, 0, 2) })],
  [["saturated", "vivid", "colorful", "colourful", "vibrant"], "more colour", (l) => ({ ...l, saturation: clamp(l.saturation + 0.25, 0, 2) })],
  [["muted", "desaturated", "bleak", "washed"], "less colour", (l) => ({ ...l, saturation: clamp(l.saturation - 0.3, 0, 2) })],
];

export function styleFromPrompt(prompt: string): Style {
  if (prompt.length > MAX_PROMPT_LENGTH) {
    throw new MvgenError(
      "INVALID_OPTION",
      `the prompt has ${prompt.length} characters; the limit is ${MAX_PROMPT_LENGTH} — shorten it.`,
      { details: { field: "prompt", length: prompt.length } },
    );
  }
  const text = ` ${prompt.toLowerCase().replace(/[^a-z0-9&]+/g, " ")} `;
  const has = (phrase: string) => text.includes(` ${phrase} `);
  const matched: Match[] = [];

  const setting = best<SettingDefinition>(registeredSettings(), (s) => s.keywords.filter(has));
  const lookChoice = best<LookDefinition>(registeredLooks(), (l) => l.keywords.filter(has));
  const chosenSetting = setting?.item ?? studioSetting;
  if (setting) for (const word of setting.words) matched.push({ word, chose: `setting ${chosenSetting.environment}` });
  let look: Look;
  if (lookChoice) {
    look = lookChoice.item.look;
    for (const word of lookChoice.words) matched.push({ word, chose: `look ${look.name}` });
  } else {
    look = (lookNamed(chosenSetting.look) ?? studioLook).look;
    matched.push({ word: "", chose: `look ${look.name} (${setting ? `goes with the ${chosenSetting.environment} setting` : "no look named in the prompt"})` });
  }
  if (!setting) matched.push({ word: "", chose: `setting ${chosenSetting.environment} (no setting named in the prompt)` });

  for (const [words, label, apply] of FILM_WORDS) {
    const found = words.filter(has);
    if (found.length === 0) continue;
    look = apply(look);
    for (const word of found) matched.push({ word, chose: label });
  }

  let timeOfDay: Style["timeOfDay"] = chosenSetting.timeOfDay;
  for (const [time, words] of TIME_WORDS) {
    const found = words.filter(has);
    if (found.length > 0) {
      timeOfDay = time;
      for (const word of found) matched.push({ word, chose: `time of day ${time}` });
      break;
    }
  }
  let mood: Style["mood"] = "neutral";
  const moodScores = MOOD_WORDS.map(([m, words]) => [m, words.filter(has)] as const);
  const [topMood, topWords] = [...moodScores].sort((a, b) => b[1].length - a[1].length)[0];
  if (topWords.length > 0) {
    mood = topMood;
    for (const word of topWords) matched.push({ word, chose: `mood ${mood}` });
  }
  // How hard the edit hits: ±30 % shot pace and camera intensity, a touch the director can hear in the words.
  const energy = mood === "energetic" ? 1.3 : mood === "calm" ? 0.7 : 1;
  return { prompt, look, environment: chosenSetting.environment, timeOfDay, mood, energy, matched };
}

function best<T>(items: readonly T[], words: (item: T) => string[]): { item: T; words: string[] } | undefined {
  let found: { item: T; words: string[] } | undefined;
  for (const item of items) {
    const w = words(item);
    if (w.length > 0 && (!found || w.length > found.words.length)) found = { item, words: w };
  }
  return found;
}
