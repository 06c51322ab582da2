import { defineTransition } from "./define-transition.ts";

/** A hard cut has no duration, so composite only runs if a timeline gives it frames: switch halfway. */
export const cut = defineTransition({
  info: { name: "cut", role: "cut", beats: 0 },
  composite: ({ ctx, outgoing, incoming, p }) => {
    ctx.drawImage(p < 0.5 ? outgoing : incoming, 0, 0);
  },
});
