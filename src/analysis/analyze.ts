/**
 * The analysis stage: PCM in, AudioAnalysis out. Pure (no I/O, clock or randomness), and total:
 * silence, a 0.5 s clip or a 10-minute song all give a valid artifact.
 */
import { mixToMono, type PcmAudio } from "../core/audio.ts";
import { hz } from "../core/units.ts";
import type { AudioAnalysis } from "../core/schemas/analysis.ts";
import { trackBeats } from "./beat-tracker.ts";
import { applyBiquad, highPassBiquad } from "./biquad.ts";
import { trackDownbeats } from "./downbeat-tracker.ts";
import { computeEnergyCurve } from "./energy-curve.ts";
import { computeLoudness, integratedLoudness } from "./loudness.ts";
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
import { median } from "./statistics.ts";
import { estimateTempo, tempoFromBeats } from "./tempo-estimator.ts";
import { classifyVoice } from "./voice-classifier.ts";
import { detectVocalActivity } from "./vocal-activity.ts";
import { computeVocalEmphasis, emphasisAt } from "./vocal-emphasis.ts";

export const ANALYSIS_PARAMETERS = defineParameters({
  sampleRate: { unit: "Hz", min: 8000, max: 48000, default: 22050, description: "every step runs at this rate; other inputs are resampled first" },
  pitchSampleRate: { unit: "Hz", min: 4000, max: 48000, default: 11025, description: "rate of the F0 search (voices have their F0 below 1.1 kHz)" },
  pitchHighPassHz: { unit: "Hz", min: 20, max: 400, default: 100, description: "high-pass before the F0 search (Butterworth, 12 dB/octave): bass and kick out of the voice's way" },
  pitchRangeOctaves: { unit: "octaves", min: 0.25, max: 4, default: 1, description: "the pitch curve drops F0 further than this below the voice's median (the bass under the voice)" },
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
      const voiced = group.filter((x) => x > 0);
      v = voiced.length ? median(voiced) : 0;
    }
    out.push(round(v, digits));
  }
  return out;
}

/** (L−R)/2 for two distinct channels; null for mono, identical channels or more than two. */
function sideSignal(channels: readonly Float32Array[]): Float32Array | null {
  if (channels.length !== 2) return null;
  const [left, right] = channels;
  const side = new Float32Array(left.length);
  let any = false;
  for (let i = 0; i < side.length; i++) {
    side[i] = 0.5 * (left[i] - right[i]);
    if (side[i] !== 0) any = true;
  }
  return any ? side : null;
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

  const hop = Math.round(sampleRate / p.frameRate);
  const spectrogram = computeSpectrogram(mono, sampleRate, { hop });
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
  // Vocal emphasis for F0: a high-pass below the lowest sung fundamentals of interest takes the
  // bass guitar and kick out, which otherwise own YIN's dip under a sung line. YIN reads the
  // period from the harmonics, so a male voice at 80–150 Hz is still tracked (missing
  // fundamental), just with less bass to compete with.
  const pitchSignal = applyBiquad(resample(mono, sampleRate, p.pitchSampleRate, { zeroCrossings: 4 }), highPassBiquad(p.pitchSampleRate, p.pitchHighPassHz));
  const pitch = trackPitch(pitchSignal, p.pitchSampleRate, p.frameRate);
  const f0 = smoothPitch(pitch.f0);
  progress(0.8);
  // Vocal emphasis: the side signal (L−R)/2 is only worth a transform when the channels differ.
  const side = sideSignal(channels);
  const emphasis = computeVocalEmphasis(spectrogram, side);
  const emphasisWeight = emphasisAt(emphasis, p.frameRate, f0.length);
  const vocal = detectVocalActivity({ frameRate: p.frameRate, f0, energy, emphasis: emphasisWeight }, duration);
  // F0 counts as the singer's only where the frame is both inside the vocal activity and
  // emphasised as voice, in a steady periodic run: a bass or guitar note between sung words
  // keeps out of the pitch curve and the voice class.
  const sungPitch = f0.map((f, i) => (vocal.voicedRun[i] && vocal.activity[i] >= 0.5 && emphasisWeight[i] >= 0.5 ? f : 0));
  const voice = classifyVoice(sungPitch, p.frameRate);
  // A sung line rarely goes more than an octave below the singer's median pitch (a tessitura
  // spans ≈ 1–1.5 octaves); F0 further down is YIN locking onto the bass under the voice.
  if (voice.medianF0 !== null) {
    const floor = voice.medianF0 / 2 ** p.pitchRangeOctaves;
    for (let i = 0; i < sungPitch.length; i++) if (sungPitch[i] < floor) sungPitch[i] = 0;
  }
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
    loudness: { integratedLufs: round(integratedLoudness(loudness), 2) },
    sections: sections.map((s) => ({ start: time(s.start), end: time(s.end), label: s.label, energy: round(s.energy, 4), ...(s.group === undefined ? {} : { group: s.group }) })),
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
