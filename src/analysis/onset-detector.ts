/**
 * Onset times by peak picking on the onset-strength envelope (Böck et al., "Evaluating the online
 * capabilities of onset detection methods", ISMIR 2012): a local maximum that exceeds the local
 * mean by `delta` and is at least `minGapSeconds` after the previous onset.
 */
import type { Envelope } from "./onset-strength.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";

export const ONSET_DETECTOR_PARAMETERS = defineParameters({
  maxWindowSeconds: { unit: "s", min: 0, max: 0.2, default: 0.03, description: "a peak must be the maximum within ± this" },
  meanWindowSeconds: { unit: "s", min: 0, max: 1, default: 0.1, description: "± window of the local mean" },
  delta: { unit: "std", min: 0, max: 5, default: 0.5, description: "threshold above the local mean, in standard deviations of the envelope" },
  minGapSeconds: { unit: "s", min: 0, max: 1, default: 0.05, description: "minimum time between onsets" },
});
export type OnsetDetectorParameters = ParameterValues<typeof ONSET_DETECTOR_PARAMETERS>;

export function detectOnsets(onset: Envelope, overrides: Partial<OnsetDetectorParameters> = {}): number[] {
  const p = resolveParameters("onsetDetector", ONSET_DETECTOR_PARAMETERS, overrides);
  const { values: onsetEnvelope, frameRate } = onset;
  const offset = onset.timeOffset ?? 0;
  const n = onsetEnvelope.length;
  if (n === 0) return [];
  let mean = 0;
  for (let i = 0; i < n; i++) mean += onsetEnvelope[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (onsetEnvelope[i] - mean) ** 2;
  const std = Math.sqrt(variance / n);
  if (!(std > 1e-9)) return [];
  const maxW = Math.round(p.maxWindowSeconds * frameRate);
  const meanW = Math.round(p.meanWindowSeconds * frameRate);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + onsetEnvelope[i];
  const out: number[] = [];
  let lastFrame = -Infinity;
  const minGap = p.minGapSeconds * frameRate;
  for (let i = 0; i < n; i++) {
    const v = onsetEnvelope[i];
    if (v <= 0) continue;
    let isMax = true;
    for (let j = Math.max(0, i - maxW); j <= Math.min(n - 1, i + maxW) && isMax; j++) if (onsetEnvelope[j] > v) isMax = false;
    if (!isMax) continue;
    const a = Math.max(0, i - meanW);
    const b = Math.min(n, i + meanW + 1);
    if (v < (prefix[b] - prefix[a]) / (b - a) + p.delta * std) continue;
    if (i - lastFrame < minGap) continue;
    out.push(Math.max(0, i / frameRate + offset));
    lastFrame = i;
  }
  return out;
}
