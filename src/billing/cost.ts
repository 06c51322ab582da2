/**
 * What a video costs: `rate × clamp(ceil(seconds), 5, 600)` credits, the hosted service's rule.
 * Pure; the seconds are the decoded duration measured at creation.
 */
import type { Resolution } from "../core/schemas/common.ts";

/** Credits per billed second. */
export const CREDIT_RATE: Record<Resolution, number> = { "480p": 9, "720p": 18 };
/** [s] the shortest song is billed as 5 s. */
export const MIN_BILLED_SECONDS = 5;
/** [s] the longest song accepted; a song longer than this (raw, before rounding) is refused. */
export const MAX_BILLED_SECONDS = 600;

export function billedSeconds(seconds: number): number {
  return Math.min(MAX_BILLED_SECONDS, Math.max(MIN_BILLED_SECONDS, Math.ceil(seconds)));
}

export function taskCost(resolution: Resolution, seconds: number): number {
  return CREDIT_RATE[resolution] * billedSeconds(seconds);
}
