import { defineCameraMove } from "./define-camera-move.ts";

/**
 * Punch-ins on the beat: a 6 % jump in on every beat that eases back, the chorus staple. The cut
 * is in the zoom only, so the framing holds and the face stays where the viewer looks.
 */
export const beatPunch = defineCameraMove({
  info: { name: "beat-punch", mood: "energetic" },
  pose: ({ intensity, beatPulse, energy }) => ({
    zoom: 1.04 + 0.06 * intensity * (0.5 + 0.5 * energy) * beatPulse,
    dx: 0,
    dy: 0,
    rotate: 0,
  }),
});
