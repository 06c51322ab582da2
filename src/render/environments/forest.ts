import { atDepth, defineEnvironment, place, verticalGradient } from "./define-environment.ts";
import { rgba } from "../../core/colour.ts";
import { noise } from "../../core/random.ts";

/** A forest clearing: trunks in two depths, shafts of light drifting through, pollen floating. */
defineEnvironment({
  name: "forest",
  draw: (f) => {
    const { ctx, width, height, seconds } = f;
    verticalGradient(f, [[0, "#cfe8b0"], [0.45, "#5f8f4e"], [1, "#16281a"]]);
    for (const [layer, depth, shade] of [[0, 0.5, "#3d5c3a"], [1, 1, "#1c2e1d"]] as const) {
      const view = atDepth(f, depth);
      const trees = layer === 0 ? 9 : 5;
      for (let i = 0; i < trees; i++) {
        const x = (i + 0.5 * noise(f.seed, layer, i)) / trees;
        const w = (layer === 0 ? 0.025 : 0.05) * (0.7 + 0.6 * noise(f.seed, layer, i, 1));
        const [x0, y0] = place(view, x, -0.1);
        const [x1, y1] = place(view, x + w, 1.1);
        ctx.fillStyle = shade;
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
      }
    }
    // God rays: slanted translucent bands drifting slowly.
    ctx.globalCompositeOperation = "screen";
    for (let i = 0; i < 4; i++) {
      const [x] = place(f, 0.15 + 0.25 * i + 0.05 * Math.sin(seconds * 0.2 + i), 0);
      ctx.fillStyle = rgba("#fff6c8", 0.12 + 0.08 * f.energy);
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x + width * 0.06, 0);
      ctx.lineTo(x + width * 0.3, height);
      ctx.lineTo(x + width * 0.16, height);
      ctx.fill();
    }
    // Pollen: 40 motes rising slowly on their own paths, looping every 12 s.
    for (let i = 0; i < 40; i++) {
      const phase = (seconds / 12 + noise(f.seed, i)) % 1;
      const [x, y] = place(f, noise(f.seed, i, 2) + 0.03 * Math.sin(seconds + i), 1 - phase);
      ctx.fillStyle = rgba("#fffbe0", 0.6 * Math.sin(Math.PI * phase));
      ctx.beginPath();
      ctx.arc(x, y, Math.max(1, height * 0.004), 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalCompositeOperation = "source-over";
  },
});
