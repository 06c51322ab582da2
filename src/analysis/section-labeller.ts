/**
 * Section labels from repetition, energy, vocals and position — the cues listeners and rule-based
 * structure analysers use (Paulus, Müller & Klapuri, "Audio-based music structure analysis",
 * ISMIR 2010): the loudest repeated group is the chorus; what leads into it is a pre-chorus; a
 * one-off late section is the bridge; vocal-free stretches are intro, instrumental or outro.
 */
import type { SectionLabel } from "../core/schemas/analysis.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { median } from "./statistics.ts";

export const SECTION_LABELLER_PARAMETERS = defineParameters({
  sameGroup: { unit: "", min: -1, max: 1, default: 0.5, description: "cosine similarity of section signatures from which two sections are repeats" },
  vocalFree: { unit: "", min: 0, max: 1, default: 0.15, description: "mean vocal activity below which a section has no singing" },
  chorusLift: { unit: "", min: 0, max: 1, default: 0.03, description: "a chorus group must be this much louder (0–1 energy) than the song's section median" },
  preChorusMaxSeconds: { unit: "s", min: 0, max: 60, default: 16, description: "longest section still called a pre-chorus" },
});
export type SectionLabellerParameters = ParameterValues<typeof SECTION_LABELLER_PARAMETERS>;

export interface SectionSummary {
  readonly start: number;
  readonly end: number;
  /** mean 0–1 energy */
  readonly energy: number;
  /** mean 0–1 vocal activity */
  readonly vocal: number;
  /** standardised mean feature vector (empty when unknown) */
  readonly signature: Float64Array;
}

function cosine(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/**
 * Groups of repeated sections by single-linkage over the similarity threshold: per section, the
 * index of its group's root section.
 */
function groupSections(sections: readonly SectionSummary[], threshold: number): number[] {
  const group = sections.map((_, i) => i);
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i])));
  for (let i = 0; i < sections.length; i++) {
    for (let j = i + 1; j < sections.length; j++) {
      if (cosine(sections[i].signature, sections[j].signature) >= threshold) group[find(j)] = find(i);
    }
  }
  return sections.map((_, i) => find(i));
}

export interface SectionLabelling {
  /** one label per section */
  readonly labels: SectionLabel[];
  /** per section, the index of its repetition group's root section (repeats share one) */
  readonly groups: number[];
}

export function labelSections(
  sections: readonly SectionSummary[],
  context: { hasVocalTrack: boolean },
  overrides: Partial<SectionLabellerParameters> = {},
): SectionLabelling {
  const p = resolveParameters("sectionLabeller", SECTION_LABELLER_PARAMETERS, overrides);
  const n = sections.length;
  const groups = groupSections(sections, p.sameGroup);
  if (n === 0) return { labels: [], groups };
  const sung = (s: SectionSummary) => !context.hasVocalTrack || s.vocal >= p.vocalFree;
  const anyVocals = context.hasVocalTrack && sections.some((s) => s.vocal >= p.vocalFree);
  if (n === 1) return { labels: [anyVocals || !context.hasVocalTrack ? "verse" : "instrumental"], groups };

  const labels: (SectionLabel | null)[] = sections.map(() => null);
  const medianEnergy = median(sections.map((s) => s.energy));

  // Intro / outro: vocal-free (or, with no vocal information, quieter) ends of the song.
  const quietEnd = (s: SectionSummary) => (anyVocals ? !sung(s) : s.energy < medianEnergy);
  if (quietEnd(sections[0])) labels[0] = "intro";
  if (quietEnd(sections[n - 1])) labels[n - 1] = "outro";

  // Chorus: the repeated group with the highest mean energy, if it lifts above the median.
  const members = new Map<number, number[]>();
  groups.forEach((g, i) => {
    if (labels[i] === null && sung(sections[i])) members.set(g, [...(members.get(g) ?? []), i]);
  });
  let chorusGroup = -1;
  let chorusEnergy = -Infinity;
  for (const [g, idx] of members) {
    if (idx.length < 2) continue;
    const e = idx.reduce((a, i) => a + sections[i].energy, 0) / idx.length;
    if (e > chorusEnergy) {
      chorusEnergy = e;
      chorusGroup = g;
    }
  }
  if (chorusGroup >= 0 && chorusEnergy >= medianEnergy + p.chorusLift) {
    for (const i of members.get(chorusGroup) ?? []) labels[i] = "chorus";
  } else {
    // No repetition found: the single loudest sung section in the second half stands in.
    let best = -1;
    for (let i = Math.floor(n / 3); i < n; i++) {
      if (labels[i] === null && sung(sections[i]) && (best < 0 || sections[i].energy > sections[best].energy)) best = i;
    }
    if (best >= 0 && sections[best].energy > medianEnergy + p.chorusLift) labels[best] = "chorus";
  }

  for (let i = 0; i < n; i++) {
    if (labels[i] !== null) continue;
    const s = sections[i];
    if (!sung(s)) {
      labels[i] = "instrumental";
      continue;
    }
    const next = labels[i + 1];
    const groupSize = groups.filter((g) => g === groups[i]).length;
    if (next === "chorus" && s.end - s.start <= p.preChorusMaxSeconds && s.energy <= sections[i + 1].energy && i > 0 && labels[i - 1] !== "chorus" && labels[i - 1] !== "intro") {
      labels[i] = "pre-chorus";
    } else if (groupSize === 1 && i >= n / 2 && i < n - 1 && labels.slice(0, i).includes("chorus")) {
      labels[i] = "bridge";
    } else {
      labels[i] = "verse";
    }
  }
  return { labels: labels as SectionLabel[], groups };
}
