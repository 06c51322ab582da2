import { defineLook } from "./define-look.ts";

export const coldBlue = defineLook({
  look: {
    name: "cold-blue",
    background: ["#1d4e89", "#071426"],
    accent: "#7ad3ff",
    tint: { color: "#3a7bd5", strength: 0.2 },
    saturation: 0.85,
    contrast: 1.08,
    vignette: 0.45,
    grain: 0.12,
  },
  keywords: ["blue", "cold", "winter", "ocean", "rain", "rainy", "sad", "melancholy", "moody", "ice"],
});
