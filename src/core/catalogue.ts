/**
 * What the planner may choose from. The renderer's registries (camera moves, transitions) describe
 * themselves with these records; the composition root hands them to the planner, so planning and
 * rendering stay independent layers that agree only on names.
 */

export interface CameraMoveInfo {
  readonly name: string;
  /** The music it suits: calm moves for verses and intros, energetic ones for choruses. */
  readonly mood: "calm" | "energetic" | "any";
}

export interface TransitionInfo {
  readonly name: string;
  /** cut: no duration; soft: inside a section; accent: section boundaries and big moments. */
  readonly role: "cut" | "soft" | "accent";
  /** Its usual length in beats (0 for a cut). */
  readonly beats: number;
}

export interface PlanCatalogue {
  readonly cameraMoves: readonly CameraMoveInfo[];
  readonly transitions: readonly TransitionInfo[];
}
