import { defineCameraMove } from "./define-camera-move.ts";

/** Starts close and opens up: reveals, good on a section's first shot. */
export const pullOut = defineCameraMove({
  info: { name: "pull-out", mood: "calm" },
  pose: ({ t, intensity }) => ({ zoom: 1 + 0.12 * intensity * (1 - t), dx: 0, dy: 0, rotate: 0 }),
});
