/** Hand-made AudioAnalysis artifacts with exact, readable truth, for planner and plot tests. */
import type { AudioAnalysis, Section } from "../../src/core/schemas/analysis.ts";
import type { Span } from "../../src/core/schemas/common.ts";
import { parseArtifact } from "../../src/core/artifact.ts";

export interface AnalysisSketch {
  /** [s] */
  readonly duration: number;
  readonly sections: Section[];
  readonly vocalSegments: Span[];
  /** Vocal activity 1 inside the segments (else 0 everywhere). */
  readonly vocalCurve?: boolean;
  /** [Hz] pitch inside the vocal segments (else 0 everywhere). */
  readonly pitchHz?: number;
}

/** Beats every 0.5 s (120 BPM) with a downbeat every fourth; curves at 10 Hz; energy is each section's over its span. */
export function sketchAnalysis(sketch: AnalysisSketch): AudioAnalysis {
  const beats = Array.from({ length: Math.round(sketch.duration * 2) }, (_, i) => i * 0.5);
  const singing = (t: number) => sketch.vocalSegments.some((v) => t >= v.start && t < v.end);
  const curve = (f: (t: number) => number) => ({ rate: 10, values: Array.from({ length: Math.round(sketch.duration * 10) }, (_, i) => f(i / 10)) });
  return parseArtifact("analysis", {
    artifact: "analysis",
    version: 1,
    duration: sketch.duration,
    sampleRate: 22050,
    tempo: { bpm: 120, confidence: 0.9 },
    beats,
    downbeats: beats.filter((_, i) => i % 4 === 0),
    meter: { beatsPerBar: 4, confidence: 0.8 },
    onsets: beats,
    energy: curve((t) => sketch.sections.find((s) => t >= s.start && t < s.end)?.energy ?? 0),
    loudness: { integratedLufs: -14 },
    sections: sketch.sections,
    vocalActivity: curve((t) => (sketch.vocalCurve && singing(t) ? 1 : 0)),
    vocalSegments: sketch.vocalSegments,
    pitch: curve((t) => (sketch.pitchHz && singing(t) ? sketch.pitchHz : 0)),
    voice: { class: "female", medianF0: 220, confidence: 0.9 },
  });
}
