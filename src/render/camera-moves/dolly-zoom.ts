import { defineCameraMove } from "./define-camera-move.ts";

/**
 * A dolly zoom (the "vertigo" shot): the performer holds size while the background stretches
 * away — with a person mask, background zoom and performer zoom separate; flat, it reads as a slow push.
 */
export const dollyZoom = defineCameraMove({
  info: { name: "dolly-zoom", mood: "energetic" },
  pose: ({ t, intensity }) => ({ zoom: 1 + 0.03 * intensity * t, dx: 0, dy: 0, rotate: 0, backgroundZoom: 1 + 0.25 * intensity * t }),
});
