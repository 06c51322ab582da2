/**
 * Storyboard (seconds, intentions) → Timeline (integer frames, concrete views): the render
 * contract. Pure: the same storyboard and analysis give byte-identical timelines.
 */
import type { AudioAnalysis } from "../core/schemas/analysis.ts";
import type { Framing, Shot, Storyboard } from "../core/schemas/storyboard.ts";
import type { Clip, Timeline, View } from "../core/schemas/timeline.ts";
import type { PhotoRef } from "../core/schemas/common.ts";
import { frameCountFor, frameToSeconds, frameIndex, secondsToNearestFrame, seconds, type Fps } from "../core/units.ts";
import { clamp } from "../core/easing.ts";

/**
 * How much of the photo a framing shows, as zoom over a cover fit, and how high the window sits.
 * Until faces are detected, the subject is assumed centred with the face in the upper third, the
 * way portraits are usually taken; closer framings therefore move the window up.
 */
const FRAMING_VIEW: Record<Framing, { zoom: number; lift: number }> = {
  wide: { zoom: 1, lift: 0 },
  "medium-wide": { zoom: 1.2, lift: 0.04 },
  medium: { zoom: 1.45, lift: 0.08 },
  "close-up": { zoom: 1.9, lift: 0.12 },
  "extreme-close-up": { zoom: 2.6, lift: 0.14 },
};

export function viewFor(framing: Framing, photo: PhotoRef, width: number, height: number): View {
  const { zoom, lift } = FRAMING_VIEW[framing];
  // The visible window's size as a fraction of the photo, at this zoom over a cover fit.
  const cover = Math.max(width / photo.width, height / photo.height);
  const windowH = height / (cover * zoom) / photo.height;
  const windowW = width / (cover * zoom) / photo.width;
  const y = clamp(0.5 - lift, windowH / 2, 1 - windowH / 2);
  const x = clamp(0.5, windowW / 2, 1 - windowW / 2);
  return { x: round4(x), y: round4(y), zoom };
}

export function compileTimeline(storyboard: Storyboard, analysis: AudioAnalysis): Timeline {
  const { fps, width, height } = storyboard.output;
  const frameCount = frameCountFor(seconds(storyboard.audio.duration), fps);
  const starts = storyboard.shots.map((shot, i) => (i === 0 ? 0 : Math.min(frameCount - 1, secondsToNearestFrame(seconds(shot.start), fps))));
  const clips: Clip[] = [];
  storyboard.shots.forEach((shot, i) => {
    const start = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : frameCount;
    if (end <= start) return; // two shots landed on one frame: the later one wins the frame
    const previous = clips[clips.length - 1];
    clips.push({
      start: previous ? previous.end : 0,
      end,
      source: sourceFor(shot, storyboard.photos, width, height),
      camera: shot.camera,
      transitionIn: transitionFrames(shot, fps, previous ? previous.end - previous.start : 0, end - start),
    });
  });
  return {
    artifact: "timeline",
    version: 1,
    seed: storyboard.seed,
    fps: { ...fps },
    width,
    height,
    frameCount,
    audio: { ...storyboard.audio },
    photos: storyboard.photos.map((p) => ({ ...p })),
    look: storyboard.style.look,
    clips,
    beats: toFrames(analysis.beats, fps, frameCount),
    downbeats: toFrames(analysis.downbeats, fps, frameCount),
    energy: energyPerFrame(analysis, fps, frameCount),
  };
}

function sourceFor(shot: Shot, photos: readonly PhotoRef[], width: number, height: number): Clip["source"] {
  if (shot.photo === "generated") return { kind: "backdrop", zoom: FRAMING_VIEW[shot.framing].zoom };
  return { kind: "photo", photo: shot.photo, view: viewFor(shot.framing, photos[shot.photo], width, height) };
}

/** A transition is centred on the cut, so it may take at most half of each neighbouring clip. */
function transitionFrames(shot: Shot, fps: Fps, previousLength: number, length: number): Clip["transitionIn"] {
  const wanted = Math.round((shot.transitionIn.duration * fps.num) / fps.den);
  const frames = Math.max(0, Math.min(wanted, 2 * Math.floor(Math.min(previousLength, length) / 2)));
  return { kind: frames === 0 ? "cut" : shot.transitionIn.kind, frames };
}

function toFrames(times: readonly number[], fps: Fps, frameCount: number): number[] {
  const frames = times.map((t) => secondsToNearestFrame(seconds(t), fps)).filter((f) => f < frameCount);
  return [...new Set(frames)];
}

function energyPerFrame(analysis: AudioAnalysis, fps: Fps, frameCount: number): number[] {
  const { rate, values } = analysis.energy;
  const out: number[] = [];
  for (let n = 0; n < frameCount; n++) {
    if (values.length === 0) {
      out.push(0.5);
      continue;
    }
    // Linear interpolation of the curve at the frame's time.
    const position = frameToSeconds(frameIndex(n), fps) * rate;
    const i = Math.min(values.length - 1, Math.floor(position));
    const next = Math.min(values.length - 1, i + 1);
    const t = position - Math.floor(position);
    out.push(round4(clamp(values[i] * (1 - t) + values[next] * t, 0, 1)));
  }
  return out;
}

const round4 = (x: number): number => Math.round(x * 10000) / 10000;
