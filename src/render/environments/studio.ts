import { defineEnvironment, place, verticalGradient } from "./define-environment.ts";
import { rgba } from "../../core/colour.ts";

/** A seamless paper backdrop with a soft key-light pool behind the performer, breathing with the music. */
defineEnvironment({
  name: "studio",
  draw: (f) => {
    const { ctx, width, height, look } = f;
    verticalGradient(f, [[0, look.background[0]], [1, look.background[look.background.length - 1]]]);
    const [cx, cy] = place(f, 0.5, 0.42);
    const r = Math.max(width, height) * 0.55 * f.zoom;
    const pool = ctx.createRadialGradient(cx, cy, 0, cx, cy, r);
    pool.addColorStop(0, rgba("#ffffff", 0.28 + 0.1 * f.energy));
    pool.addColorStop(1, rgba("#ffffff", 0));
    ctx.fillStyle = pool;
    ctx.fillRect(0, 0, width, height);
    // Where the paper curves into the floor: a soft band, not a line.
    const [, floorY] = place(f, 0.5, 0.82);
    const floor = ctx.createLinearGradient(0, floorY - height * 0.05, 0, floorY + height * 0.2);
    floor.addColorStop(0, rgba("#000000", 0));
    floor.addColorStop(1, rgba("#000000", 0.35));
    ctx.fillStyle = floor;
    ctx.fillRect(0, floorY - height * 0.05, width, height);
  },
});
