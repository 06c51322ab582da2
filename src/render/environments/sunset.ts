import { defineEnvironment, place, verticalGradient } from "./define-environment.ts";
import { rgba } from "../../core/colour.ts";

/** Golden hour by the sea: a warm sky, the sun on the horizon with a glow that swells with the music, dark hills. */
defineEnvironment({
  name: "sunset",
  draw: (f) => {
    const { ctx, width, height } = f;
    verticalGradient(f, [[0, "#2d1b4e"], [0.35, "#b4436c"], [0.6, "#f7a35c"], [0.62, "#f9c784"], [1, "#3b1f2b"]]);
    const [sx, sy] = place(f, 0.62, 0.6);
    const r = height * 0.12 * f.zoom;
    const glow = ctx.createRadialGradient(sx, sy, r * 0.5, sx, sy, r * (4 + 1.5 * f.energy));
    glow.addColorStop(0, rgba("#fff1c1", 0.9));
    glow.addColorStop(1, rgba("#ff9a3c", 0));
    ctx.fillStyle = glow;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = "#fff4d6";
    ctx.beginPath();
    ctx.arc(sx, sy, r, 0, 2 * Math.PI);
    ctx.fill();
    // The sea below the horizon, with a glitter path under the sun.
    const [, horizon] = place(f, 0.5, 0.62);
    const sea = ctx.createLinearGradient(0, horizon, 0, height);
    sea.addColorStop(0, "#6b2d4a");
    sea.addColorStop(1, "#1c0f1f");
    ctx.fillStyle = sea;
    ctx.fillRect(0, horizon, width, height - horizon);
    for (let i = 0; i < 14; i++) {
      const y = horizon + (i + 1) * (height - horizon) / 15;
      const w = width * 0.04 * (1 + i * 0.3) * (0.7 + 0.3 * Math.sin(f.seconds * 2 + i));
      ctx.fillStyle = rgba("#ffd9a0", 0.5 - i * 0.03);
      ctx.fillRect(sx - w / 2, y, w, Math.max(1, height * 0.004));
    }
    // Headlands in silhouette on either side.
    ctx.fillStyle = "#1a0d18";
    ctx.beginPath();
    const [lx, ly] = place(f, -0.05, 0.62);
    ctx.moveTo(lx, ly);
    const [p1x, p1y] = place(f, 0.12, 0.5);
    const [p2x, p2y] = place(f, 0.3, 0.62);
    ctx.quadraticCurveTo(p1x, p1y, p2x, p2y);
    ctx.lineTo(p2x, height);
    ctx.lineTo(lx, height);
    ctx.fill();
  },
});
