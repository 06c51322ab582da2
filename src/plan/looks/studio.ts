import { defineLook } from "./define-look.ts";

/** The fallback: a neutral studio with a soft warm key, for prompts that name no look. */
export const studio = defineLook({
  look: {
    name: "studio",
    background: ["#2b2d42", "#11121c"],
    accent: "#ef8354",
    tint: { color: "#ffe3c4", strength: 0.08 },
    saturation: 1,
    contrast: 1.05,
    vignette: 0.35,
    grain: 0.1,
  },
  keywords: ["studio", "clean", "simple", "minimal", "professional"],
});
