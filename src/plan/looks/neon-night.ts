import { defineLook } from "./define-look.ts";

export const neonNight = defineLook({
  look: {
    name: "neon-night",
    background: ["#2a0845", "#0b0221"],
    accent: "#ff2bd6",
    tint: { color: "#7b2ff7", strength: 0.22 },
    saturation: 1.25,
    contrast: 1.12,
    vignette: 0.5,
    grain: 0.15,
  },
  keywords: ["neon", "night", "city", "cyberpunk", "club", "synthwave", "electric", "lasers", "party"],
  accents: ["glitch", "zoom-blur", "flash"],
});
