/**
 * The analysis stage: PCM in, AudioAnalysis out. Pure (no I/O, clock or randomness), and total:
 * silence, a 0.5 s clip or a 10-minute song all give a valid artifact.
 */
import { mixToMono, type PcmAudio } from "../core/audio.ts";
import { hz } from "../core/units.ts";
import type { AudioAnalysis } from "../core/schemas/analysis.ts";
import { trackBeats } from "./beat-tracker.ts";
import { trackDownbeats } from "./downbeat-tracker.ts";
import { computeEnergyCurve } from "./energy-curve.ts";
import { computeLoudness } from "./loudness.ts";
import { detectOnsets } from "./onset-detector.ts";
import { computeOnsetStrength } from "./onset-strength.ts";
import { defineParameters, resolveParameters, type ParameterValues } from "./parameters.ts";
import { trackPitch } from "./pitch-tracker.ts";
import { resample } from "./resample.ts";
import { computeChroma } from "./chroma.ts";
import { computeHarmonicChange } from "./harmonic-change.ts";
import { smoothPitch } from "./pitch-smoother.ts";
import { computeMfcc } from "./mfcc.ts";
import { computeSpectrogram } from "./spectrogram.ts";
import { segmentSections } from "./section-segmenter.ts";
import { estimateTempo, tempoFromBeats } from "./tempo-estimator.ts";
import { classifyVoice } from "./voice-classifier.ts";
import { detectVocalActivity } from "./vocal-activity.ts";

export const ANALYSIS_PARAMETERS = defineParameters({
  sampleRate: { unit: "Hz", min: 8000, max: 48000, default: 22050, description: "every step runs at this rate; other inputs are resampled first" },
  pitchSampleRate: { unit: "Hz", min: 4000, max: 48000, default: 11025, description: "rate of the F0 search (voices have their F0 below 1.1 kHz)" },
  frameRate: { unit: "Hz", min: 10, max: 200, default: 50, description: "rate of the internal loudness, pitch and vocal frames [20 ms]" },
  curveRate: { unit: "Hz", min: 1, max: 200, default: 25, description: "rate of the curves in the artifact; frameRate / curveRate is rounded to a whole number" },
});
export type AnalysisParameters = ParameterValues<typeof ANALYSIS_PARAMETERS>;

export interface AnalyzeOptions {
  readonly onProgress?: (fraction: number) => void;
  readonly parameters?: Partial<AnalysisParameters>;
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) || !Number.isFinite(r) ? 0 : r;
};
const time = (t: number) => round(t, 3);

/** Non-finite samples become 0 and the channel is resampled to the analysis rate. */
function prepareChannel(channel: Float32Array, fromRate: number, toRate: number): Float32Array {
  let clean = channel;
  for (let i = 0; i < channel.length; i++) {
    if (!Number.isFinite(channel[i])) {
      clean = channel.map((v) => (Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0));
      break;
    }
  }
  return resample(clean, fromRate, toRate);
}

/** Groups of `factor` frames: the mean (energy, activity) or the median of voiced values (pitch). */
function decimate(values: ArrayLike<number>, factor: number, mode: "mean" | "voiced-median", digits: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += factor) {
    const group: number[] = [];
    for (let j = i; j < Math.min(values.length, i + factor); j++) group.push(values[j]);
    let v: number;
    if (mode === "mean") v = group.reduce((a, x) => a + x, 0) / group.length;
    else {
      const voiced = group.filter((x) => x > 0).sort((a, b) => a - b);
      v = voiced.length ? voiced[Math.floor(voiced.length / 2)] : 0;
    }
    out.push(round(v, digits));
  }
  return out;
}

export function analyzeAudio(audio: PcmAudio, options: AnalyzeOptions = {}): AudioAnalysis {
  const p = resolveParameters("analysis", ANALYSIS_PARAMETERS, options.parameters);
  const progress = options.onProgress ?? (() => {});
  const sourceRate = audio.sampleRate > 0 && Number.isFinite(audio.sampleRate) ? audio.sampleRate : p.sampleRate;
  const sampleRate = p.sampleRate;
  const sourceChannels = audio.channels.length > 0 ? audio.channels : [new Float32Array(0)];
  const duration = (sourceChannels[0]?.length ?? 0) / sourceRate;
  progress(0);
  const channels = sourceChannels.map((c) => prepareChannel(c, sourceRate, sampleRate));
  const mono = mixToMono({ sampleRate: hz(sampleRate), channels });
  progress(0.1);

  const spectrogram = computeSpectrogram(mono, sampleRate, { hop: Math.round(sampleRate / p.frameRate) });
  const onset = computeOnsetStrength({ spectrogram });
  const tempoEstimate = estimateTempo(onset);
  const beats = trackBeats(onset, tempoEstimate.periodFrames).filter((t) => t < duration);
  const bpm = beats.length >= 2 ? tempoFromBeats(beats, tempoEstimate.bpm) : tempoEstimate.bpm;
  const chroma = computeChroma(spectrogram);
  const bar = trackDownbeats(beats, { frameRate: onset.frameRate, bass: onset.bass, harmonicChange: computeHarmonicChange(chroma) });
  const onsets = detectOnsets(onset).filter((t) => t < duration);
  progress(0.4);

  const loudness = computeLoudness(channels, sampleRate, { rate: p.frameRate });
  const energy = computeEnergyCurve(loudness);
  progress(0.5);

  // A short kernel is enough here: YIN only needs the band below ≈ 2 kHz to be alias-free.
  const pitchSignal = resample(mono, sampleRate, p.pitchSampleRate, { zeroCrossings: 4 });
  const pitch = trackPitch(pitchSignal, p.pitchSampleRate, p.frameRate);
  const f0 = smoothPitch(pitch.f0);
  progress(0.8);
  const vocal = detectVocalActivity({ frameRate: p.frameRate, f0, energy }, duration);
  const voice = classifyVoice(f0, p.frameRate, vocal.activity);
  const sungPitch = f0.map((f, i) => (vocal.activity[i] >= 0.5 ? f : 0));
  const sections = segmentSections({
    duration,
    beats,
    downbeats: bar.downbeats,
    chroma,
    mfcc: computeMfcc(spectrogram),
    energy: { rate: p.frameRate, values: energy },
    vocal: { rate: p.frameRate, values: vocal.activity },
  });
  progress(0.95);

  const factor = Math.max(1, Math.round(p.frameRate / p.curveRate));
  const curveRate = p.frameRate / factor;
  const result: AudioAnalysis = {
    artifact: "analysis",
    version: 1,
    duration: round(duration, 6),
    sampleRate,
    tempo: { bpm: round(bpm, 2), confidence: round(tempoEstimate.confidence, 3) },
    beats: beats.map(time),
    downbeats: bar.downbeats.map(time),
    meter: { beatsPerBar: bar.beatsPerBar, confidence: round(bar.confidence, 3) },
    onsets: onsets.map(time),
    energy: { rate: curveRate, values: decimate(energy, factor, "mean", 4) },
    sections: sections.map((s) => ({ start: time(s.start), end: time(s.end), label: s.label, energy: round(s.energy, 4) })),
    vocalActivity: { rate: curveRate, values: decimate(vocal.activity, factor, "mean", 4) },
    vocalSegments: vocal.segments.map((s) => ({ start: time(s.start), end: time(s.end) })),
    pitch: { rate: curveRate, values: decimate(sungPitch, factor, "voiced-median", 2) },
    voice: { class: voice.class, medianF0: voice.medianF0 === null ? null : round(voice.medianF0, 2), confidence: round(voice.confidence, 3) },
  };
  // Rounding may push the last section's end past the rounded duration by < 1 ms; pin it.
  if (result.sections.length) result.sections[result.sections.length - 1].end = time(duration);
  progress(1);
  return result;
}
