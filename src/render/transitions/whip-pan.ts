import { defineTransition } from "./define-transition.ts";
import { ease } from "../../core/easing.ts";
import { drawSmeared } from "./motion-blur.ts";

/**
 * A whip pan: the camera flicks sideways, the outgoing shot streaks out and the incoming one
 * streaks in from the other side. Blur follows the speed of the move (fastest at the cut).
 */
export const whipPan = defineTransition({
  info: { name: "whip-pan", role: "accent", beats: 0.5 },
  composite: ({ ctx, outgoing, incoming, p, width, height, seed }) => {
    const direction = seed % 2 === 0 ? -1 : 1;
    const position = ease("ease-in-out", p); // 0 → 1 across the two shots
    // Speed of smootherstep is 30 t²(1−t)²: peaks at 1.875 in the middle.
    const speed = (30 * p * p * (1 - p) * (1 - p)) / 1.875;
    const smear = width * 0.35 * speed;
    const taps = 3 + Math.round(9 * speed);
    const offset = direction * position * width;
    // The smeared copies leave the frame's leading edge partly uncovered: black there, not the last frame's pixels.
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, width, height);
    drawSmeared(ctx, outgoing, offset, 0, smear * direction, 0, taps);
    drawSmeared(ctx, incoming, offset - direction * width, 0, smear * direction, 0, taps);
  },
});
