import { defineCameraMove } from "./define-camera-move.ts";

/**
 * An arc around the performer: the window travels sideways while the background travels further
 * (parallax 1.5× where a person mask separates the layers), with a slight turn into the move.
 */
export const arc = defineCameraMove({
  info: { name: "arc", mood: "calm" },
  pose: ({ t, intensity, seed }) => {
    const direction = seed % 2 === 0 ? 1 : -1;
    const travel = direction * 0.06 * intensity * (t - 0.5);
    return { zoom: 1.1 + 0.03 * intensity, dx: travel, dy: 0, rotate: -travel * 0.15, parallax: 1.5 };
  },
});
