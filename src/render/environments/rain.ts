import { defineEnvironment, place, verticalGradient } from "./define-environment.ts";
import { rgba } from "../../core/colour.ts";
import { noise } from "../../core/random.ts";

/** Rain at night behind glass: blurred city lights (bokeh), streaks falling, heavier when the music is. */
defineEnvironment({
  name: "rain",
  draw: (f) => {
    const { ctx, width, height, look, seconds } = f;
    verticalGradient(f, [[0, "#0b1522"], [1, look.background[look.background.length - 1]]]);
    for (let i = 0; i < 18; i++) {
      const [x, y] = place(f, noise(f.seed, i), 0.35 + 0.5 * noise(f.seed, i, 1));
      const r = height * (0.03 + 0.05 * noise(f.seed, i, 2)) * f.zoom;
      const color = noise(f.seed, i, 3) > 0.5 ? look.accent : "#ffcf7a";
      const bokeh = ctx.createRadialGradient(x, y, 0, x, y, r);
      bokeh.addColorStop(0, rgba(color, 0.35));
      bokeh.addColorStop(0.8, rgba(color, 0.2));
      bokeh.addColorStop(1, rgba(color, 0));
      ctx.fillStyle = bokeh;
      ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
    }
    // Rain: each streak falls at its own speed and wraps around; more streaks when louder.
    const streaks = Math.round(60 + 90 * f.energy);
    ctx.strokeStyle = rgba("#cfe3ff", 0.35);
    ctx.lineWidth = Math.max(1, height * 0.002);
    ctx.beginPath();
    for (let i = 0; i < streaks; i++) {
      const speed = 0.8 + 0.6 * noise(f.seed, i, 4); // screen heights per second
      const y = ((seconds * speed + noise(f.seed, i, 5)) % 1.2) - 0.1;
      const x = noise(f.seed, i, 6) + 0.05 * y;
      ctx.moveTo(x * width, y * height);
      ctx.lineTo((x + 0.006) * width, (y + 0.05) * height);
    }
    ctx.stroke();
  },
});
