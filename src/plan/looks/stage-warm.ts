import { defineLook } from "./define-look.ts";

/** Tungsten stage light: warm highlights, deep shadows, the glow of a live show. */
export const stageWarm = defineLook({
  look: {
    name: "stage-warm",
    background: ["#3b1d0f", "#0c0604"],
    accent: "#ffb347",
    tint: { color: "#ff8c42", strength: 0.16 },
    saturation: 1.1,
    contrast: 1.15,
    vignette: 0.55,
    grain: 0.12,
  },
  keywords: ["warm light", "tungsten", "amber", "orange", "fire", "fiery"],
  accents: ["flash", "whip-pan", "zoom-blur"],
});
