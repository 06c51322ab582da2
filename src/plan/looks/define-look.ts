import type { Look } from "../../core/schemas/common.ts";

/** A look a prompt can choose: its colours and film treatment, and the words that choose it. */
export interface LookDefinition {
  readonly look: Look;
  /** Lower-case words or phrases; a phrase matches as a whole ("black and white"). */
  readonly keywords: readonly string[];
  /** Accent transitions the look leans to at big section changes, first choice first (when registered); absent = the planner's default. */
  readonly accents?: readonly string[];
}

const registry = new Map<string, LookDefinition>();

export function defineLook(definition: LookDefinition): LookDefinition {
  if (registry.has(definition.look.name)) throw new Error(`look ${definition.look.name} is defined twice`);
  registry.set(definition.look.name, definition);
  return definition;
}

export function registeredLooks(): readonly LookDefinition[] {
  return [...registry.values()];
}

export function lookNamed(name: string): LookDefinition | undefined {
  return registry.get(name);
}
