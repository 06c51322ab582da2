import { atDepth, defineEnvironment, place } from "./define-environment.ts";
import { rgba } from "../../core/colour.ts";
import { noise } from "../../core/random.ts";

/** Deep space: two star layers at different depths that twinkle, nebula clouds, a planet rim-lit by the accent. */
defineEnvironment({
  name: "space",
  draw: (f) => {
    const { ctx, width, height, look, seconds } = f;
    ctx.fillStyle = "#02010a";
    ctx.fillRect(0, 0, width, height);
    for (let i = 0; i < 3; i++) {
      const [x, y] = place({ ...f, dx: f.dx * 0.3 }, noise(f.seed, i, 7), noise(f.seed, i, 8));
      const r = Math.max(width, height) * (0.3 + 0.2 * noise(f.seed, i, 9));
      const cloud = ctx.createRadialGradient(x, y, 0, x, y, r);
      cloud.addColorStop(0, rgba(i % 2 ? look.accent : look.background[0], 0.35 + 0.1 * f.energy));
      cloud.addColorStop(1, rgba(look.background[0], 0));
      ctx.fillStyle = cloud;
      ctx.fillRect(0, 0, width, height);
    }
    for (const [layer, depth, count] of [[0, 0.3, 160], [1, 1, 60]] as const) {
      const view = atDepth(f, depth);
      for (let i = 0; i < count; i++) {
        const [x, y] = place(view, noise(f.seed, layer, i), noise(f.seed, layer, i, 1));
        const twinkle = 0.6 + 0.4 * Math.sin(seconds * (1 + 2 * noise(f.seed, i, 2)) + i);
        ctx.fillStyle = rgba("#ffffff", (layer === 0 ? 0.5 : 0.9) * twinkle);
        const size = (layer === 0 ? 1 : 2) * Math.max(1, height / 480) * (1 + 0.5 * f.beatPulse * layer);
        ctx.fillRect(x, y, size, size);
      }
    }
    const [px, py] = place(f, 0.8, 0.8);
    const pr = height * 0.3 * f.zoom;
    const planet = ctx.createRadialGradient(px - pr * 0.4, py - pr * 0.4, pr * 0.1, px, py, pr);
    planet.addColorStop(0, "#2b2d6e");
    planet.addColorStop(0.85, "#0d0c26");
    planet.addColorStop(1, rgba(look.accent, 0.8));
    ctx.fillStyle = planet;
    ctx.beginPath();
    ctx.arc(px, py, pr, 0, 2 * Math.PI);
    ctx.fill();
  },
});
