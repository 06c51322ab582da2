import { defineCameraMove } from "./define-camera-move.ts";
import { clamp } from "../../core/easing.ts";

/**
 * Rack focus: the shot opens on the background with the performer soft, and pulls focus onto the
 * performer in the first third, the background going soft as it does; a slow creep in underneath.
 */
export const rackFocus = defineCameraMove({
  info: { name: "rack-focus", mood: "calm" },
  pose: ({ t, intensity }) => {
    const pull = clamp(t / 0.35, 0, 1);
    // 1.2 % of the frame height: a visible defocus at 480p (≈ 6 px) that stays cheap to render.
    const amount = 0.012 * intensity;
    return {
      zoom: 1.03 + 0.04 * t,
      dx: 0,
      dy: 0,
      rotate: 0,
      foregroundBlur: amount * (1 - pull),
      backgroundBlur: amount * pull,
    };
  },
});
