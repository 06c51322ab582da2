import { defineLook } from "./define-look.ts";

/** Daylight, true colours, a touch of green in the shadows: folk and acoustic videos. */
export const natural = defineLook({
  look: {
    name: "natural",
    background: ["#5b8c5a", "#1f3b2c"],
    accent: "#d9ed92",
    tint: { color: "#b5e48c", strength: 0.08 },
    saturation: 1.05,
    contrast: 1.02,
    vignette: 0.25,
    grain: 0.08,
  },
  keywords: ["natural", "daylight", "acoustic", "earthy", "fresh", "spring", "organic"],
  accents: ["light-leak", "crossfade", "whip-pan"],
});
