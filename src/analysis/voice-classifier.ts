/**
 * Voice class from the median F0 over the sung/spoken frames. Adult male speaking F0 clusters
 * around 85–155 Hz and female around 165–255 Hz (Titze, "Principles of Voice Production"); singing
 * lifts both, so the boundary sits a little above the speech gap.
 */
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { median } from "./statistics.ts";

export const VOICE_CLASSIFIER_PARAMETERS = defineParameters({
  boundaryHz: { unit: "Hz", min: 100, max: 300, default: 175, description: "median F0 at which male turns to female" },
  minVoicedSeconds: { unit: "s", min: 0, max: 30, default: 1, description: "less voiced time than this → class none" },
  spreadOctaves: { unit: "octaves", min: 0.05, max: 2, default: 0.35, description: "distance from the boundary that gives full confidence" },
});
export type VoiceClassifierParameters = ParameterValues<typeof VOICE_CLASSIFIER_PARAMETERS>;

export interface VoiceEstimate {
  readonly class: "male" | "female" | "none";
  readonly medianF0: number | null;
  readonly confidence: number;
}

/**
 * `f0` per frame [Hz, 0 = unvoiced]; every voiced frame counts, so the caller zeroes the frames
 * that are not the singer's.
 */
export function classifyVoice(f0: ArrayLike<number>, frameRate: number, overrides: Partial<VoiceClassifierParameters> = {}): VoiceEstimate {
  const p = resolveParameters("voiceClassifier", VOICE_CLASSIFIER_PARAMETERS, overrides);
  const voiced: number[] = [];
  for (let i = 0; i < f0.length; i++) if (f0[i] > 0) voiced.push(f0[i]);
  if (voiced.length < p.minVoicedSeconds * frameRate) return { class: "none", medianF0: null, confidence: voiced.length === 0 ? 1 : 0.5 };
  const medianF0 = median(voiced);
  const distance = Math.abs(Math.log2(medianF0 / p.boundaryHz));
  const confidence = Math.min(1, 0.5 + 0.5 * (distance / p.spreadOctaves));
  return { class: medianF0 >= p.boundaryHz ? "female" : "male", medianF0, confidence };
}
