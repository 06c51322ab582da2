import type { CameraMoveInfo } from "../../core/catalogue.ts";

/**
 * Where the camera is at one moment of a shot, relative to the shot's framing: 1/0/0/0 is the
 * framing itself. Offsets are fractions of the visible window, so a move reads the same at any zoom.
 */
export interface CameraPose {
  readonly zoom: number;
  readonly dx: number;
  readonly dy: number;
  /** [rad] */
  readonly rotate: number;
  /**
   * How much further the background travels than the performer, as a multiple of dx/dy: depth
   * for moves like an arc. Used where a person mask separates the two; 0 or absent = flat.
   */
  readonly parallax?: number;
  /** Extra zoom of the background layer alone (a dolly zoom); 1 or absent = none. */
  readonly backgroundZoom?: number;
  /** Blur of the performer layer [fraction of the frame height]: rack focus. */
  readonly foregroundBlur?: number;
  /** Blur of the background layer [fraction of the frame height]. */
  readonly backgroundBlur?: number;
}

export interface CameraMoveContext {
  /** Eased progress through the shot, 0 at its first frame and 1 at its last. */
  readonly t: number;
  /** [s] time since the shot started: for motion that does not depend on the shot's length. */
  readonly elapsed: number;
  /** 1 = the move's normal amount. */
  readonly intensity: number;
  /** Loudness at this frame, 0–1. */
  readonly energy: number;
  /** Distinguishes shots: seeded per-shot variation, e.g. a drift's direction. */
  readonly seed: number;
  /** 1 on a beat, decaying over ≈ 0.15 s: for moves that hit on the beat. */
  readonly beatPulse: number;
}

export interface CameraMove {
  readonly info: CameraMoveInfo;
  pose(context: CameraMoveContext): CameraPose;
}

const registry = new Map<string, CameraMove>();

export function defineCameraMove(move: CameraMove): CameraMove {
  if (registry.has(move.info.name)) throw new Error(`camera move ${move.info.name} is defined twice`);
  registry.set(move.info.name, move);
  return move;
}

export function cameraMove(name: string): CameraMove | undefined {
  return registry.get(name);
}

export function registeredCameraMoves(): readonly CameraMove[] {
  return [...registry.values()];
}
