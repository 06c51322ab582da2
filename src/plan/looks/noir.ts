import { defineLook } from "./define-look.ts";

export const noir = defineLook({
  look: {
    name: "noir",
    background: ["#3a3a3a", "#050505"],
    accent: "#e0e0e0",
    tint: { color: "#808080", strength: 0 },
    saturation: 0,
    contrast: 1.25,
    vignette: 0.6,
    grain: 0.35,
  },
  keywords: ["black and white", "black & white", "b&w", "noir", "monochrome", "vintage", "old film", "grainy", "1950s"],
  accents: ["dip-to-black", "flash", "zoom-blur"],
});
