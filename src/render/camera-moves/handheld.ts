import { defineCameraMove } from "./define-camera-move.ts";

/**
 * A handheld operator's drift: sums of slow sines at unrelated rates (≈ 0.3–0.9 Hz), scaled by the
 * music's energy. A function of time only, so it never jitters frame to frame.
 */
export const handheld = defineCameraMove({
  info: { name: "handheld", mood: "energetic" },
  pose: ({ elapsed, intensity, energy, seed }) => {
    const phase = (seed % 997) / 997 * 2 * Math.PI;
    const amount = intensity * (0.4 + 0.6 * energy);
    const wobble = (rate: number, offset: number) => Math.sin(2 * Math.PI * rate * elapsed + phase + offset);
    return {
      zoom: 1.08,
      dx: 0.012 * amount * (wobble(0.31, 0) + 0.5 * wobble(0.87, 1.3)),
      dy: 0.01 * amount * (wobble(0.43, 2.1) + 0.5 * wobble(0.71, 0.4)),
      rotate: 0.006 * amount * wobble(0.23, 4.2),
    };
  },
});
