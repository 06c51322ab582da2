/**
 * A setting a prompt can name: the environment drawn behind the performer, the words that choose
 * it, and what it implies (time of day, the look it goes with when the prompt names none).
 */
export interface SettingDefinition {
  /** A registered environment of the renderer. */
  readonly environment: string;
  readonly keywords: readonly string[];
  readonly timeOfDay: "day" | "golden-hour" | "night" | "any";
  /** The look used when the prompt names a setting but no colours or film treatment. */
  readonly look: string;
}

const registry = new Map<string, SettingDefinition>();

export function defineSetting(definition: SettingDefinition): SettingDefinition {
  if (registry.has(definition.environment)) throw new Error(`setting ${definition.environment} is defined twice`);
  registry.set(definition.environment, definition);
  return definition;
}

export function registeredSettings(): readonly SettingDefinition[] {
  return [...registry.values()];
}
