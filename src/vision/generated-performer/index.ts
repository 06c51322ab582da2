export { drawGeneratedPerformer, GENERATED_PERFORMER_SIZE, type GeneratedPerformer, type GeneratedPerformerSpec } from "./draw-generated-performer.ts";
export { LOOK_PRESETS, chooseLookPreset, type GeneratedVoiceClass, type PerformerLookPreset } from "./looks.ts";
