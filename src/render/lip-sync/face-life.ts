/**
 * What keeps a still face alive, as functions of the frame number and the seed (STYLE.md §3):
 * blinks every few seconds and a slow head sway with small nods on the beat. No state carries
 * from frame to frame, so frame 9000 rendered alone blinks exactly as it does in sequence.
 */
import { noise } from "../../core/random.ts";
import { clamp, smoothstep } from "../../core/easing.ts";
import { lastBeatIndex } from "../beat-clock.ts";

/** [s] blinks are placed one per slot at a seeded time: intervals of 1–6 s, ≈ 17 blinks a minute (Bentivoglio et al. 1997: 17 at rest). */
const BLINK_SLOT = 3.5;
/** [s] lid closing, held shut, opening: a spontaneous blink lasts 0.1–0.4 s, opening slower than closing. */
const CLOSE = 0.08;
const HOLD = 0.04;
const OPEN = 0.15;
/** Share of slots with a double blink. */
const DOUBLE = 0.15;

function blinkShape(t: number): number {
  if (t < 0 || t > CLOSE + HOLD + OPEN) return 0;
  if (t < CLOSE) return smoothstep(t, 0, CLOSE);
  if (t < CLOSE + HOLD) return 1;
  // The opening is the closing step run backwards (on 1 − progress, which keeps the values bit for bit).
  return smoothstep(1 - (t - CLOSE - HOLD) / OPEN, 0, 1);
}

/** How shut the eyes are at frame n, 0 (open) – 1 (shut). Blinks are sampled at the frame's middle. */
export function blinkAt(n: number, fps: number, seed: number): number {
  const t = (n + 0.5) / fps;
  const slot = Math.floor(t / BLINK_SLOT);
  let amount = 0;
  for (const k of [slot - 1, slot]) {
    if (k < 0) continue;
    const start = k * BLINK_SLOT + 0.3 + noise(seed, k, 0xb1) * (BLINK_SLOT - 0.9);
    amount = Math.max(amount, blinkShape(t - start));
    if (noise(seed, k, 0xb2) < DOUBLE) amount = Math.max(amount, blinkShape(t - start - 0.38));
  }
  return amount;
}

export interface HeadMotion {
  /** [radians] added to the camera's roll */
  readonly rotate: number;
  /** fractions of the frame, as camera-move offsets */
  readonly dx: number;
  readonly dy: number;
}

/** [radians] sway amplitude: 0.7°, felt rather than seen. */
const SWAY = 0.012;
/** Nod depth at full loudness, as a fraction of the view's height. */
const NOD = 0.004;

/**
 * A slow sway (two incommensurate sines, periods 5.3 s and 2.9 s, seeded phases) and a small
 * nod after each beat: down in 0.1 s, back in ≈ 0.3 s. Smooth in n, so there is no jitter.
 * `roll` (degrees, the photo's own head tilt) biases the sway towards the side the head leans to.
 */
export function headMotionAt(n: number, fps: number, seed: number, beats: readonly number[], energy: number, roll = 0): HeadMotion {
  const t = n / fps;
  const p1 = noise(seed, 0x5a1) * 2 * Math.PI;
  const p2 = noise(seed, 0x5a2) * 2 * Math.PI;
  const lean = clamp(roll / 20, -1, 1);
  const sway = SWAY * (0.7 * Math.sin((2 * Math.PI * t) / 5.3 + p1) + 0.3 * Math.sin((2 * Math.PI * t) / 2.9 + p2) + 0.3 * lean);
  const drift = 0.002 * Math.sin((2 * Math.PI * t) / 7.1 + p2);
  return { rotate: sway, dx: drift, dy: NOD * (0.4 + 0.6 * energy) * nodAt(n, fps, beats) };
}

function nodAt(n: number, fps: number, beats: readonly number[]): number {
  const last = lastBeatIndex(beats, n);
  if (last < 0) return 0;
  const tau = (n - beats[last]) / fps;
  const down = 0.1;
  if (tau < down) return smoothstep(tau, 0, down);
  return Math.exp(-(tau - down) / 0.15);
}
