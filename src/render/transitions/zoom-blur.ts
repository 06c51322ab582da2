import { defineTransition } from "./define-transition.ts";
import { drawZoomSmeared } from "./motion-blur.ts";

/** Punches through the cut: the outgoing shot rushes in and streaks, the incoming one lands from close. */
export const zoomBlur = defineTransition({
  info: { name: "zoom-blur", role: "accent", beats: 0.5 },
  composite: ({ ctx, outgoing, incoming, p, width, height }) => {
    if (p < 0.5) {
      const k = p / 0.5; // 0 → 1
      drawZoomSmeared(ctx, outgoing, width, height, 1 + 0.6 * k * k, 1 + 0.25 * k, 2 + Math.round(6 * k));
    } else {
      const k = (1 - p) / 0.5; // 1 → 0
      drawZoomSmeared(ctx, incoming, width, height, 1 + 0.4 * k * k, 1 + 0.25 * k, 2 + Math.round(6 * k));
    }
  },
});
