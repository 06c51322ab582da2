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
 * Framings as a cinematographer states them: how tall the face is in the frame, and where the
 * face's centre sits from the top of the frame (headroom). Wide keeps the whole photo (zoom 1).
 * Without a detected face the subject is assumed centred with the face in the upper third, the
 * way portraits are usually taken.
 */
const FRAMING_RULES: Record<Framing, { faceHeight: number; faceCentre: number; fallbackZoom: number; fallbackLift: number }> = {
  // Forehead to chin fills the frame; the eyes sit just above the middle.
  "extreme-close-up": { faceHeight: 0.95, faceCentre: 0.52, fallbackZoom: 2.6, fallbackLift: 0.14 },
  // Head and a little shoulder: the face takes 55 % of the height, eyes on the upper third.
  "close-up": { faceHeight: 0.55, faceCentre: 0.45, fallbackZoom: 1.9, fallbackLift: 0.12 },
  // Chest up.
  medium: { faceHeight: 0.32, faceCentre: 0.33, fallbackZoom: 1.45, fallbackLift: 0.08 },
  // Waist up.
  "medium-wide": { faceHeight: 0.2, faceCentre: 0.28, fallbackZoom: 1.2, fallbackLift: 0.04 },
  wide: { faceHeight: 0, faceCentre: 0.3, fallbackZoom: 1, fallbackLift: 0 },
};

/** Most a framing may enlarge a photo: past 4× a phone photo's pixels show. */
const MAX_ZOOM = 4;

/** The scale of a framing, 1 = wide: for backdrops, which have no photo to measure. */
export const framingScale = (framing: Framing): number => FRAMING_RULES[framing].fallbackZoom;

export function viewFor(framing: Framing, photo: PhotoRef, width: number, height: number): View {
  const rule = FRAMING_RULES[framing];
  const cover = Math.max(width / photo.width, height / photo.height);
  let zoom = rule.fallbackZoom;
  let centreX = 0.5;
  let centreY = 0.5 - rule.fallbackLift;
  const face = photo.face;
  if (face && face.height > 0) {
    // Output pixels the face would be tall at zoom 1, against the framing's wish.
    const faceOnScreen = (face.height * photo.height * cover) / height;
    zoom = framing === "wide" ? 1 : clamp(rule.faceHeight / faceOnScreen, 1, MAX_ZOOM);
    const windowH = height / (cover * zoom) / photo.height;
    centreX = face.x + face.width / 2;
    centreY = face.y + face.height / 2 + (0.5 - rule.faceCentre) * windowH;
  }
  // The visible window's size as a fraction of the photo; its centre stays inside the photo.
  const windowH = height / (cover * zoom) / photo.height;
  const windowW = width / (cover * zoom) / photo.width;
  return {
    x: round4(clamp(centreX, Math.min(0.5, windowW / 2), Math.max(0.5, 1 - windowW / 2))),
    y: round4(clamp(centreY, Math.min(0.5, windowH / 2), Math.max(0.5, 1 - windowH / 2))),
    zoom: round4(zoom),
  };
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
  if (shot.photo === "generated") return { kind: "backdrop", zoom: framingScale(shot.framing) };
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
