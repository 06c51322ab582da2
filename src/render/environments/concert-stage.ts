import { defineEnvironment, place, verticalGradient } from "./define-environment.ts";
import { drawBeam } from "../light-beam.ts";
import { noise } from "../../core/random.ts";

/** A live stage: haze, moving spotlights from the truss that flare on the beat, a crowd jumping on the downbeat. */
defineEnvironment({
  name: "concert-stage",
  draw: (f) => {
    const { ctx, width, height, look, seconds } = f;
    verticalGradient(f, [[0, "#050308"], [0.7, look.background[look.background.length - 1]], [1, "#000000"]]);
    ctx.globalCompositeOperation = "lighter";
    for (let i = 0; i < 6; i++) {
      const [x] = place(f, 0.1 + i * 0.16, 0);
      const swing = 0.55 * Math.sin(seconds * (0.4 + 0.13 * i) + i * 2.1);
      const reach = height * 1.3;
      const spread = width * (0.07 + 0.03 * f.energy);
      const color = i % 2 === 0 ? look.accent : "#ffffff";
      drawBeam(ctx, x, x + Math.sin(swing) * reach, reach, spread, color, 0.32 + 0.35 * f.beatPulse);
    }
    ctx.globalCompositeOperation = "source-over";
    // The truss: a dark bar with lamp heads.
    const [, trussY] = place(f, 0.5, 0.03);
    ctx.fillStyle = "#111";
    ctx.fillRect(0, trussY - height * 0.02, width, height * 0.035);
    // The crowd: heads along the bottom, hopping on the downbeat by seeded amounts.
    ctx.fillStyle = "#030303";
    for (let i = 0; i < 28; i++) {
      const [x, y] = place(f, (i + 0.5) / 28, 0.97);
      const hop = f.downbeatPulse * height * 0.03 * noise(f.seed, i);
      const r = height * (0.045 + 0.015 * noise(f.seed, i, 1));
      ctx.beginPath();
      ctx.arc(x, y - hop - r * 0.4, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillRect(x - r * 1.2, y - hop, r * 2.4, height * 0.2);
    }
  },
});
