/**
 * Artifacts (AudioAnalysis, Storyboard, Timeline) are versioned JSON. One schema each validates
 * them on entry; an older version is upgraded on load by the migrations listed here.
 */
import type { TSchema, Static } from "@sinclair/typebox";
import { TypeCompiler, type TypeCheck } from "@sinclair/typebox/compiler";
import { AudioAnalysisSchema } from "./schemas/analysis.ts";
import { StoryboardSchema } from "./schemas/storyboard.ts";
import { TimelineSchema } from "./schemas/timeline.ts";
import { PerformerSchema } from "./schemas/performer.ts";
import { MvgenError } from "./errors.ts";

const schemas = {
  analysis: AudioAnalysisSchema,
  performer: PerformerSchema,
  storyboard: StoryboardSchema,
  timeline: TimelineSchema,
} as const;

export type ArtifactKind = keyof typeof schemas;
export type Artifact<K extends ArtifactKind> = Static<(typeof schemas)[K]>;

export const ARTIFACT_FILES: Record<ArtifactKind, string> = {
  analysis: "analysis.json",
  performer: "performer.json",
  storyboard: "storyboard.json",
  timeline: "timeline.json",
};

/** Upgrades from version v to v+1, per kind. Empty while every artifact is at version 1. */
const migrations: Record<ArtifactKind, Record<number, (old: Record<string, unknown>) => Record<string, unknown>>> = {
  analysis: {},
  performer: {},
  storyboard: {},
  timeline: {},
};

const checkers = new Map<ArtifactKind, TypeCheck<TSchema>>();
function checker(kind: ArtifactKind): TypeCheck<TSchema> {
  let check = checkers.get(kind);
  if (!check) {
    check = TypeCompiler.Compile(schemas[kind]);
    checkers.set(kind, check);
  }
  return check;
}

/** Validates a parsed artifact of the given kind, upgrading an older version first. */
export function parseArtifact<K extends ArtifactKind>(kind: K, value: unknown, origin = kind as string): Artifact<K> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MvgenError("INVALID_ARTIFACT", `${origin} is not a JSON object; expected a ${kind} artifact.`);
  }
  let doc = value as Record<string, unknown>;
  if (doc.artifact !== kind) {
    throw new MvgenError(
      "INVALID_ARTIFACT",
      `${origin} is a ${JSON.stringify(doc.artifact ?? "unknown")} artifact, not a ${kind}; pass the ${ARTIFACT_FILES[kind]} file.`,
    );
  }
  while (typeof doc.version === "number" && migrations[kind][doc.version]) {
    doc = migrations[kind][doc.version](doc);
  }
  const check = checker(kind);
  if (!check.Check(doc)) {
    const problems = [...check.Errors(doc)].slice(0, 3).map((e) => `${e.path || "/"}: ${e.message}`);
    throw new MvgenError("INVALID_ARTIFACT", `${origin} is not a valid ${kind}: ${problems.join("; ")}.`, {
      details: { problems },
    });
  }
  const artifact = doc as Artifact<K>;
  if (kind === "timeline") checkTimelineInvariants(artifact as Artifact<"timeline">, origin);
  return artifact;
}

/** What the schema cannot say: clips tile the video in order and point at photos that exist. */
function checkTimelineInvariants(timeline: Artifact<"timeline">, origin: string): void {
  let expectedStart = 0;
  timeline.clips.forEach((clip, i) => {
    const fail = (why: string) => {
      throw new MvgenError("INVALID_ARTIFACT", `${origin}: clip ${i} ${why}.`, { details: { clip: i } });
    };
    if (clip.start !== expectedStart) fail(`starts at frame ${clip.start}, but the previous clip ends at ${expectedStart}; clips must follow each other with no gap`);
    if (clip.end <= clip.start) fail(`ends at frame ${clip.end}, not after its start ${clip.start}`);
    if (clip.source.kind === "photo" && clip.source.photo >= timeline.photos.length) {
      fail(`shows photo ${clip.source.photo}, but the timeline lists ${timeline.photos.length} photo(s)`);
    }
    expectedStart = clip.end;
  });
  if (expectedStart !== timeline.frameCount) {
    throw new MvgenError(
      "INVALID_ARTIFACT",
      `${origin}: the clips end at frame ${expectedStart}, but frameCount is ${timeline.frameCount}; the last clip must end at frameCount.`,
    );
  }
}

/** Stable JSON: the same artifact always serialises to the same bytes. */
export function serializeArtifact(artifact: { artifact: ArtifactKind }): string {
  return `${JSON.stringify(artifact, null, 2)}\n`;
}
