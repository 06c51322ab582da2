import { defineTransition } from "./define-transition.ts";
import { ease } from "../../core/easing.ts";

/**
 * A film light leak: warm light blooms across the frame from one edge while the shots cross-fade
 * underneath — the soft, nostalgic cut of acoustic and golden-hour videos.
 */
export const lightLeak = defineTransition({
  info: { name: "light-leak", role: "soft", beats: 2 },
  composite: ({ ctx, outgoing, incoming, p, width, height, seed }) => {
    ctx.drawImage(outgoing, 0, 0);
    ctx.globalAlpha = ease("ease-in-out", p);
    ctx.drawImage(incoming, 0, 0);
    const fromLeft = seed % 2 === 0;
    const x = (fromLeft ? -0.3 + 1.6 * p : 1.3 - 1.6 * p) * width;
    const glow = ctx.createRadialGradient(x, height * 0.4, 0, x, height * 0.4, width * 0.7);
    const strength = Math.sin(Math.PI * p); // 0 at the ends, 1 at the cut
    glow.addColorStop(0, `rgba(255,214,150,${(0.85 * strength).toFixed(3)})`);
    glow.addColorStop(0.4, `rgba(255,120,60,${(0.45 * strength).toFixed(3)})`);
    glow.addColorStop(1, "rgba(255,80,40,0)");
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = "screen";
    ctx.fillStyle = glow;
    ctx.fillRect(0, 0, width, height);
    ctx.globalCompositeOperation = "source-over";
  },
});
