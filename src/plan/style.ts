/**
 * Prompt → Style. The prompt's words choose a registered look; the Style records which words
 * chose what, so a user reviewing the storyboard sees why it looks the way it does.
 */
import type { Style } from "../core/schemas/storyboard.ts";
import { MvgenError } from "../core/errors.ts";
import { registeredLooks, studio } from "./looks/index.ts";

export const MAX_PROMPT_LENGTH = 2500;

export function styleFromPrompt(prompt: string): Style {
  if (prompt.length > MAX_PROMPT_LENGTH) {
    throw new MvgenError(
      "INVALID_OPTION",
      `the prompt has ${prompt.length} characters; the limit is ${MAX_PROMPT_LENGTH} — shorten it.`,
      { details: { field: "prompt", length: prompt.length } },
    );
  }
  const text = ` ${prompt.toLowerCase().replace(/[^a-z0-9&]+/g, " ")} `;
  let best = { definition: studio, words: [] as string[] };
  for (const definition of registeredLooks()) {
    const words = definition.keywords.filter((k) => text.includes(` ${k} `));
    if (words.length > best.words.length) best = { definition, words };
  }
  const matched = best.words.map((word) => ({ word, chose: `look ${best.definition.look.name}` }));
  if (matched.length === 0) matched.push({ word: "", chose: `look ${studio.look.name} (no look named in the prompt)` });
  return { prompt, look: best.definition.look, matched };
}
