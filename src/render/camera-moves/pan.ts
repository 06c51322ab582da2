import { defineCameraMove } from "./define-camera-move.ts";

/**
 * A sideways glide. The 6 % zoom gives the window room to travel without showing the photo's edge;
 * the seed picks the direction so consecutive pans do not all go the same way.
 */
export const pan = defineCameraMove({
  info: { name: "pan", mood: "calm" },
  pose: ({ t, intensity, seed }) => {
    const direction = seed % 2 === 0 ? 1 : -1;
    return { zoom: 1.06 + 0.04 * intensity, dx: direction * 0.05 * intensity * (t - 0.5), dy: 0, rotate: 0 };
  },
});
