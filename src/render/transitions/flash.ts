import { defineTransition } from "./define-transition.ts";

/** A white flash peaking on the cut and fading fast: marks a downbeat at a big moment. */
export const flash = defineTransition({
  info: { name: "flash", role: "accent", beats: 0.5 },
  composite: ({ ctx, outgoing, incoming, p, width, height }) => {
    ctx.drawImage(p < 0.5 ? outgoing : incoming, 0, 0);
    // Rises linearly, decays with a square: a flash bulb is quick on and slower off.
    ctx.globalAlpha = p < 0.5 ? 2 * p : (2 - 2 * p) ** 2;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    ctx.globalAlpha = 1;
  },
});
