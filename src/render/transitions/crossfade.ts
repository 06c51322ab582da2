import { defineTransition } from "./define-transition.ts";
import { ease } from "../../core/easing.ts";

export const crossfade = defineTransition({
  info: { name: "crossfade", role: "soft", beats: 1 },
  composite: ({ ctx, outgoing, incoming, p }) => {
    ctx.drawImage(outgoing, 0, 0);
    ctx.globalAlpha = ease("ease-in-out", p);
    ctx.drawImage(incoming, 0, 0);
    ctx.globalAlpha = 1;
  },
});
