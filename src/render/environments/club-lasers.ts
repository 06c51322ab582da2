import { defineEnvironment, place, verticalGradient } from "./define-environment.ts";
import { rgba } from "../../core/colour.ts";

/** A club: laser fans sweeping from the booth, a strobe on every bar, haze glowing in the accent colour. */
defineEnvironment({
  name: "club-lasers",
  draw: (f) => {
    const { ctx, width, height, look, seconds } = f;
    verticalGradient(f, [[0, "#000000"], [1, look.background[0]]]);
    const [ox, oy] = place(f, 0.5, 0.95);
    ctx.globalCompositeOperation = "lighter";
    ctx.lineWidth = Math.max(1.5, height * 0.004);
    for (let fan = 0; fan < 2; fan++) {
      const color = fan === 0 ? look.accent : "#39ff14";
      const centre = -Math.PI / 2 + 0.6 * Math.sin(seconds * (0.5 + 0.3 * fan) + fan * 1.7);
      for (let i = 0; i < 9; i++) {
        const angle = centre + (i - 4) * (0.09 + 0.05 * f.energy);
        ctx.strokeStyle = rgba(color, 0.35 + 0.45 * f.beatPulse);
        ctx.beginPath();
        ctx.moveTo(ox, oy);
        ctx.lineTo(ox + Math.cos(angle) * width * 2, oy + Math.sin(angle) * width * 2);
        ctx.stroke();
      }
    }
    const haze = ctx.createRadialGradient(ox, oy, 0, ox, oy, height);
    haze.addColorStop(0, rgba(look.accent, 0.25 + 0.2 * f.energy));
    haze.addColorStop(1, rgba(look.accent, 0));
    ctx.fillStyle = haze;
    ctx.fillRect(0, 0, width, height);
    ctx.globalCompositeOperation = "source-over";
    if (f.downbeatPulse > 0.6) {
      ctx.fillStyle = rgba("#ffffff", (f.downbeatPulse - 0.6) * 0.5);
      ctx.fillRect(0, 0, width, height);
    }
  },
});
