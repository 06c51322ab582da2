/**
 * The designed looks of the drawn performer: a few per voice class, each a deliberate combination
 * of face build, hair, outfit, skin and hair colour. The seed picks one and varies it slightly
 * (skin and hair shade, strand and sparkle placement), so every seed gives its own pixels.
 */
import type { Look } from "../../core/schemas/common.ts";
import { hash32, createRandom } from "../../core/random.ts";
import { darken, lighten, luminance, mix } from "../../core/colour.ts";

export type GeneratedVoiceClass = "male" | "female" | "none";
export type BuildName = "male" | "female" | "neutral";
export type HairStyleName = "crop" | "buzz" | "quiff" | "curls" | "big-curls" | "long" | "bob" | "shag" | "bun" | "swoop";
export type OutfitName = "tee" | "bomber" | "leather-jacket" | "blazer" | "hoodie" | "turtleneck" | "camisole" | "sequin-top";
/** Where a garment colour comes from: the style's accent, its darkest backdrop colour, or fixed. */
export type PaletteRef = "accent" | "deep" | "ink" | "cream" | "denim";
export type MicFinish = "black" | "silver" | "accent";

export interface PerformerLookPreset {
  name: string;
  build: BuildName;
  /** Index into SKIN_TONES. */
  skin: number;
  hair: HairStyleName;
  /** A hair colour, or "accent" for hair dyed in the style's accent. */
  hairColour: string | "accent";
  outfit: OutfitName;
  outfitColour: PaletteRef;
  /** The garment under a jacket, the top's trim, or a print. */
  outfitSecond: PaletteRef;
  mic: MicFinish;
  iris: string;
  lips: "natural" | "rose" | "berry";
  earrings?: "hoops" | "studs";
  necklace?: boolean;
  eyeliner?: boolean;
  stubble?: boolean;
}

/** Base skin colours, light to deep. Shadow and highlight tones are derived in `resolvePalette`. */
export const SKIN_TONES = ["#f6dccb", "#ecc3a5", "#d9a47f", "#c08660", "#9a6443", "#6e452e"] as const;

export const HAIR = {
  black: "#1b1615",
  espresso: "#2e1d16",
  brown: "#5a3622",
  auburn: "#8a3a1e",
  honey: "#c08a4a",
  platinum: "#e6dccb",
} as const;

export const LOOK_PRESETS: Readonly<Record<GeneratedVoiceClass, readonly PerformerLookPreset[]>> = {
  male: [
    { name: "crop-bomber", build: "male", skin: 4, hair: "crop", hairColour: HAIR.black, outfit: "bomber", outfitColour: "accent", outfitSecond: "ink", mic: "black", iris: "#4a2c1a", lips: "natural", stubble: true },
    { name: "quiff-leather", build: "male", skin: 1, hair: "quiff", hairColour: HAIR.brown, outfit: "leather-jacket", outfitColour: "ink", outfitSecond: "accent", mic: "silver", iris: "#3f6f8f", lips: "natural" },
    { name: "curls-hoodie", build: "male", skin: 3, hair: "curls", hairColour: HAIR.espresso, outfit: "hoodie", outfitColour: "deep", outfitSecond: "accent", mic: "accent", iris: "#5a3a20", lips: "natural", earrings: "studs" },
  ],
  female: [
    { name: "long-camisole", build: "female", skin: 2, hair: "long", hairColour: HAIR.espresso, outfit: "camisole", outfitColour: "accent", outfitSecond: "ink", mic: "silver", iris: "#5b3b22", lips: "rose", necklace: true, eyeliner: true },
    { name: "curls-sequins", build: "female", skin: 5, hair: "big-curls", hairColour: HAIR.black, outfit: "sequin-top", outfitColour: "accent", outfitSecond: "deep", mic: "black", iris: "#3a2416", lips: "berry", earrings: "hoops", eyeliner: true },
    { name: "bob-blazer", build: "female", skin: 0, hair: "bob", hairColour: HAIR.black, outfit: "blazer", outfitColour: "deep", outfitSecond: "accent", mic: "accent", iris: "#3b2a22", lips: "rose", earrings: "studs" },
    { name: "bun-turtleneck", build: "female", skin: 1, hair: "bun", hairColour: HAIR.auburn, outfit: "turtleneck", outfitColour: "accent", outfitSecond: "ink", mic: "silver", iris: "#4c7a4a", lips: "berry", earrings: "hoops", eyeliner: true },
  ],
  none: [
    { name: "swoop-jacket", build: "neutral", skin: 1, hair: "swoop", hairColour: "accent", outfit: "leather-jacket", outfitColour: "ink", outfitSecond: "cream", mic: "silver", iris: "#55606e", lips: "natural", earrings: "studs" },
    { name: "shag-turtleneck", build: "neutral", skin: 3, hair: "shag", hairColour: HAIR.platinum, outfit: "turtleneck", outfitColour: "deep", outfitSecond: "accent", mic: "black", iris: "#6a4a2a", lips: "natural" },
    { name: "buzz-tee", build: "neutral", skin: 5, hair: "buzz", hairColour: HAIR.black, outfit: "tee", outfitColour: "accent", outfitSecond: "ink", mic: "accent", iris: "#3a2416", lips: "natural", earrings: "hoops" },
  ],
};

/** Every colour the drawing uses, resolved once from the preset, the style and the seed. */
export interface PerformerPalette {
  skin: string;
  skinShadow: string;
  skinDeep: string;
  skinLight: string;
  skinLine: string;
  blush: string;
  lips: string;
  hair: string;
  hairShadow: string;
  hairLight: string;
  brow: string;
  iris: string;
  liner: string;
  outfit: string;
  outfitSecond: string;
  accent: string;
  rim: string;
  metal: string;
  micBody: string;
}

export function chooseLookPreset(voiceClass: GeneratedVoiceClass, seed: number): PerformerLookPreset {
  const presets = LOOK_PRESETS[voiceClass];
  return presets[hash32(seed, voiceClass.length, 0x100c) % presets.length];
}

function garment(ref: PaletteRef, look: Look): string {
  const deepest = [...look.background].sort((a, b) => luminance(a) - luminance(b))[0];
  switch (ref) {
    case "accent":
      return look.accent;
    // The backdrop's darkest colour, lifted a little so the garment still reads on a dark scene.
    case "deep":
      return mix(lighten(deepest, 0.12), look.accent, 0.12);
    case "ink":
      return mix("#17161c", deepest, 0.25);
    case "cream":
      return mix("#efe7da", look.accent, 0.08);
    case "denim":
      return "#3d5a80";
  }
}

export function resolvePalette(preset: PerformerLookPreset, look: Look, seed: number): PerformerPalette {
  const random = createRandom(hash32(seed, 0xc01));
  // ±4 % towards white or black: the same look never repeats its exact skin or hair shade.
  const jitter = (c: string, amount: number): string => {
    const t = (random.next() * 2 - 1) * amount;
    return t >= 0 ? lighten(c, t) : darken(c, -t);
  };
  const skin = jitter(SKIN_TONES[preset.skin], 0.04);
  const deepSkin = luminance(skin) < 0.45;
  const hair = jitter(preset.hairColour === "accent" ? mix(look.accent, "#ffffff", 0.1) : preset.hairColour, 0.05);
  const lipBase = { natural: mix(skin, "#9c4c45", deepSkin ? 0.28 : 0.4), rose: mix(skin, "#c2495e", 0.62), berry: mix(skin, "#7d1f3c", 0.66) }[preset.lips];
  const hairIsLight = luminance(hair) > 0.5;
  return {
    skin,
    skinShadow: mix(skin, "#5b2a2c", deepSkin ? 0.32 : 0.3),
    skinDeep: mix(skin, "#2a1012", deepSkin ? 0.5 : 0.55),
    skinLight: mix(skin, "#fff4ea", deepSkin ? 0.22 : 0.4),
    skinLine: mix(skin, "#3a1816", deepSkin ? 0.5 : 0.45),
    blush: mix(skin, "#e0566a", 0.5),
    lips: lipBase,
    hair,
    hairShadow: mix(hair, "#0a0608", hairIsLight ? 0.35 : 0.5),
    hairLight: mix(hair, "#fff1dc", hairIsLight ? 0.5 : 0.28),
    brow: hairIsLight ? mix(hair, "#4a3426", 0.55) : darken(hair, 0.15),
    iris: preset.iris,
    liner: "#1a1012",
    outfit: garment(preset.outfitColour, look),
    outfitSecond: garment(preset.outfitSecond, look),
    accent: look.accent,
    rim: mix(look.accent, "#ffffff", 0.35),
    metal: "#c9ccd2",
    micBody: preset.mic === "black" ? "#1d1d22" : preset.mic === "silver" ? "#9aa0a8" : mix(look.accent, "#202020", 0.25),
  };
}
