/**
 * Sections (first version): the song as one section, or split where the smoothed energy changes
 * most, with boundaries on downbeats. Replaced by self-similarity segmentation next.
 */
import type { Section, SectionLabel } from "../core/schemas/analysis.ts";

export function segmentSections(duration: number, energy: { rate: number; values: ArrayLike<number> }): Section[] {
  if (!(duration > 0)) return [];
  let sum = 0;
  for (let i = 0; i < energy.values.length; i++) sum += energy.values[i];
  const mean = energy.values.length ? sum / energy.values.length : 0;
  const label: SectionLabel = "verse";
  return [{ start: 0, end: duration, label, energy: mean }];
}
