import { defineLook } from "./define-look.ts";

/** Deep violet and cyan: dreamy, weightless. */
export const cosmic = defineLook({
  look: {
    name: "cosmic",
    background: ["#1b1464", "#02010a"],
    accent: "#72efdd",
    tint: { color: "#5e60ce", strength: 0.18 },
    saturation: 1.15,
    contrast: 1.1,
    vignette: 0.5,
    grain: 0.1,
  },
  keywords: ["purple", "violet", "ethereal", "otherworldly", "psychedelic", "surreal"],
  accents: ["zoom-blur", "light-leak", "flash"],
});
