import { defineCameraMove } from "./define-camera-move.ts";

/** A vertical glide, upward: from the chest to the face, the classic reveal of a performer. */
export const tilt = defineCameraMove({
  info: { name: "tilt", mood: "calm" },
  pose: ({ t, intensity }) => ({ zoom: 1.08 + 0.04 * intensity, dx: 0, dy: 0.05 * intensity * (0.5 - t), rotate: 0 }),
});
