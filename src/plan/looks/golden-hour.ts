import { defineLook } from "./define-look.ts";

export const goldenHour = defineLook({
  look: {
    name: "golden-hour",
    background: ["#ffb347", "#7a2e1f"],
    accent: "#ffd166",
    tint: { color: "#ff9a3c", strength: 0.2 },
    saturation: 1.1,
    contrast: 1.05,
    vignette: 0.3,
    grain: 0.12,
  },
  keywords: ["sunset", "golden", "golden hour", "warm", "summer", "sun", "beach", "desert", "happy"],
  accents: ["light-leak", "whip-pan", "flash"],
});
