import type { Canvas, SKRSContext2D } from "@napi-rs/canvas";
import type { TransitionInfo } from "../../core/catalogue.ts";

export interface TransitionContext {
  readonly ctx: SKRSContext2D;
  readonly width: number;
  readonly height: number;
  /** The outgoing and incoming shots, each fully rendered at this frame. */
  readonly outgoing: Canvas;
  readonly incoming: Canvas;
  /** Progress through the transition, in (0, 1). */
  readonly p: number;
  /** Seeded per transition: a direction, a glitch pattern. */
  readonly seed: number;
  /** Spare canvases of the frame's size for effects; their content on entry is undefined. */
  readonly spare: readonly Canvas[];
}

export interface Transition {
  readonly info: TransitionInfo;
  /** Draws the mix of the two shots onto ctx (which the caller has cleared). */
  composite(context: TransitionContext): void;
}

const registry = new Map<string, Transition>();

export function defineTransition(transition: Transition): Transition {
  if (registry.has(transition.info.name)) throw new Error(`transition ${transition.info.name} is defined twice`);
  registry.set(transition.info.name, transition);
  return transition;
}

export function transition(name: string): Transition | undefined {
  return registry.get(name);
}

export function registeredTransitions(): readonly Transition[] {
  return [...registry.values()];
}
