import { defineTransition } from "./define-transition.ts";

/** Out to black and back: a breath between sections. */
export const dipToBlack = defineTransition({
  info: { name: "dip-to-black", role: "accent", beats: 1 },
  composite: ({ ctx, outgoing, incoming, p, width, height }) => {
    ctx.drawImage(p < 0.5 ? outgoing : incoming, 0, 0);
    ctx.globalAlpha = 1 - Math.abs(2 * p - 1);
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, width, height);
    ctx.globalAlpha = 1;
  },
});
