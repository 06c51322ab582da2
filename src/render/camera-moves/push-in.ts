import { defineCameraMove } from "./define-camera-move.ts";

/** Slowly closer: draws the viewer toward the singer. 12 % over the shot at intensity 1. */
export const pushIn = defineCameraMove({
  info: { name: "push-in", mood: "any" },
  pose: ({ t, intensity }) => ({ zoom: 1 + 0.12 * intensity * t, dx: 0, dy: 0, rotate: 0 }),
});
