import { atDepth, defineEnvironment, place, verticalGradient } from "./define-environment.ts";
import { rgba } from "../../core/colour.ts";
import { noise } from "../../core/random.ts";

/** A city at night: two layers of skyline (the far one moves less), lit windows, neon signs that pulse on the beat. */
defineEnvironment({
  name: "neon-city",
  draw: (f) => {
    const { ctx, width, height, look } = f;
    verticalGradient(f, [[0, "#07051a"], [0.55, look.background[0]], [1, "#05030c"]]);
    for (const [layer, depth] of [[0, 0.5], [1, 1]] as const) {
      const view = atDepth(f, depth);
      const buildings = layer === 0 ? 14 : 9;
      for (let i = 0; i < buildings; i++) {
        const left = (i / buildings) - 0.05;
        const w = 1 / buildings + 0.04;
        const top = (layer === 0 ? 0.3 : 0.45) + 0.25 * noise(f.seed, layer, i);
        const [x0, y0] = place(view, left, top);
        const [x1, y1] = place(view, left + w, 1);
        ctx.fillStyle = layer === 0 ? "#120c2a" : "#07050f";
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        // Windows: a seeded grid, a few lit.
        const cols = 4;
        const rows = Math.floor((y1 - y0) / (height * 0.045));
        for (let c = 0; c < cols; c++) {
          for (let r = 0; r < rows; r++) {
            if (noise(f.seed, layer, i, c, r) > 0.35) continue;
            ctx.fillStyle = rgba(noise(f.seed, i, c, r, 2) > 0.7 ? look.accent : "#ffd27a", layer === 0 ? 0.35 : 0.6);
            ctx.fillRect(x0 + ((c + 0.3) / cols) * (x1 - x0), y0 + (r + 0.4) * height * 0.045, (x1 - x0) / cols * 0.4, height * 0.018);
          }
        }
      }
    }
    // Neon signs: glowing bars in the accent colour, brighter on the beat.
    ctx.globalCompositeOperation = "lighter";
    for (let i = 0; i < 4; i++) {
      const [x, y] = place(f, 0.12 + 0.25 * i + 0.05 * noise(f.seed, i, 9), 0.52 + 0.12 * noise(f.seed, i, 8));
      const w = width * 0.08;
      const glow = ctx.createRadialGradient(x, y, 0, x, y, w * 1.4);
      const color = i % 2 ? look.accent : "#00e5ff";
      glow.addColorStop(0, rgba(color, 0.55 + 0.4 * f.beatPulse));
      glow.addColorStop(1, rgba(color, 0));
      ctx.fillStyle = glow;
      ctx.fillRect(x - w * 1.5, y - w * 1.5, w * 3, w * 3);
      ctx.fillStyle = rgba("#ffffff", 0.8);
      ctx.fillRect(x - w / 2, y - height * 0.006, w, height * 0.012);
    }
    ctx.globalCompositeOperation = "source-over";
  },
});
