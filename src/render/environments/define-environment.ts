import type { SKRSContext2D } from "@napi-rs/canvas";
import type { Look } from "../../core/schemas/common.ts";

/** Everything an environment may read to draw one frame: a function of time, music and camera. */
export interface EnvironmentFrame {
  readonly ctx: SKRSContext2D;
  readonly width: number;
  readonly height: number;
  /** [s] since the video started: motion does not reset at cuts. */
  readonly seconds: number;
  /** Loudness at this frame, 0–1. */
  readonly energy: number;
  /** 1 on a beat, decaying over ≈ 0.15 s. */
  readonly beatPulse: number;
  /** 1 on a bar's first beat, decaying over ≈ 0.4 s. */
  readonly downbeatPulse: number;
  readonly look: Look;
  readonly seed: number;
  /** The camera as the background sees it (parallax already applied): zoom and offsets as fractions of the frame. */
  readonly zoom: number;
  readonly dx: number;
  readonly dy: number;
}

export interface Environment {
  readonly name: string;
  /** Fills the whole frame. */
  draw(frame: EnvironmentFrame): void;
}

const registry = new Map<string, Environment>();

export function defineEnvironment(environment: Environment): Environment {
  if (registry.has(environment.name)) throw new Error(`environment ${environment.name} is defined twice`);
  registry.set(environment.name, environment);
  return environment;
}

export function environment(name: string): Environment | undefined {
  return registry.get(name);
}

/**
 * The camera as a layer at `depth` sees it: 1 moves with the camera, 0.5 half as much (farther
 * away), 0 not at all. Parallax from one camera.
 */
export function atDepth(frame: EnvironmentFrame, depth: number): EnvironmentFrame {
  return { ...frame, dx: frame.dx * depth, zoom: 1 + (frame.zoom - 1) * depth };
}

/** Maps a point of the environment's own space (0–1 of the frame) through the camera. */
export function place(frame: EnvironmentFrame, x: number, y: number): [number, number] {
  const { width, height, zoom, dx, dy } = frame;
  return [width / 2 + ((x - 0.5 - dx) * width) * zoom, height / 2 + ((y - 0.5 - dy) * height) * zoom];
}

export function verticalGradient(frame: EnvironmentFrame, stops: ReadonlyArray<readonly [number, string]>): void {
  const { ctx, width, height } = frame;
  const g = ctx.createLinearGradient(0, 0, 0, height);
  for (const [at, color] of stops) g.addColorStop(at, color);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, height);
}
