/**
 * Storyboard (seconds, intentions) → Timeline (integer frames, concrete views): the render
 * contract. Pure: the same storyboard and analysis give byte-identical timelines.
 */
import type { AudioAnalysis } from "../core/schemas/analysis.ts";
import type { Framing, Shot, Storyboard } from "../core/schemas/storyboard.ts";
import type { Clip, MouthTrackFrames, Timeline, View } from "../core/schemas/timeline.ts";
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

/** Face height of a wide cut-out shot: head to waist in frame with the setting around. */
const CUT_OUT_WIDE_FACE = 0.16;

/** Widest a face may be in the frame, and the room camera moves need on top (push-in 12 %, punch 6 %, arcs and pans ±6 % sideways). */
const FACE_MAX_WIDTH = 0.8;
const MOVE_ZOOM_HEADROOM = 1.45;

/** Most a framing may enlarge a photo: past 4× a phone photo's pixels show. */
const MAX_ZOOM = 4;

/** The scale of a framing, 1 = wide: for backdrops, which have no photo to measure. */
export const framingScale = (framing: Framing): number => FRAMING_RULES[framing].fallbackZoom;

/**
 * The window on the photo for a framing. A cut-out (the performer masked in front of an
 * environment) need not cover the frame, so wide framings may show the whole photo smaller, the
 * photo's bottom edge kept on the frame's bottom so the body never ends in mid-air.
 */
export function viewFor(framing: Framing, photo: PhotoRef, width: number, height: number, cutOut = false): View {
  const rule = FRAMING_RULES[framing];
  const cover = Math.max(width / photo.width, height / photo.height);
  const contain = Math.min(width / photo.width, height / photo.height);
  const minZoom = cutOut ? contain / cover : 1;
  let zoom = Math.max(minZoom, rule.fallbackZoom);
  const face = photo.face && photo.face.height > 0 ? photo.face : undefined;
  if (face) {
    // Output pixels the face would be tall at zoom 1, against the framing's wish.
    const faceOnScreen = (face.height * photo.height * cover) / height;
    const wish = framing === "wide" ? (cutOut ? CUT_OUT_WIDE_FACE : 0) : rule.faceHeight;
    // In a narrow frame (9:16) the face's width limits a close framing: it keeps to the central
    // FACE_MAX_WIDTH of the frame even at the top of a push-in or a beat punch.
    const faceWidthOnScreen = (face.width * photo.width * cover) / width;
    const widest = faceWidthOnScreen > 0 ? FACE_MAX_WIDTH / MOVE_ZOOM_HEADROOM / faceWidthOnScreen : MAX_ZOOM;
    zoom = clamp(Math.min(wish / faceOnScreen, widest), minZoom, MAX_ZOOM);
  }
  // The visible window's size as a fraction of the photo; its centre stays inside the photo.
  const windowH = height / (cover * zoom) / photo.height;
  const windowW = width / (cover * zoom) / photo.width;
  const centreX = face ? face.x + face.width / 2 : 0.5;
  const centreY = face ? face.y + face.height / 2 + (0.5 - rule.faceCentre) * windowH : 0.5 - rule.fallbackLift;
  // A cut-out smaller than the frame (its window taller than the photo) stands on the frame's bottom edge.
  const y = cutOut && windowH > 1 ? 1 - windowH / 2 : clamp(centreY, Math.min(0.5, windowH / 2), Math.max(0.5, 1 - windowH / 2));
  const x = cutOut && windowW > 1 ? centreX : clamp(centreX, Math.min(0.5, windowW / 2), Math.max(0.5, 1 - windowW / 2));
  return { x: round4(x), y: round4(y), zoom: round4(zoom) };
}

/**
 * `mouth`, the mouth track at the output's frame rate (src/analysis/mouth), is carried into the
 * Timeline for the photos' lip sync; it is cut or padded (at rest) to the frame count.
 */
export function compileTimeline(storyboard: Storyboard, analysis: AudioAnalysis, mouth?: MouthTrackFrames): Timeline {
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
      source: sourceFor(shot, storyboard.photos, width, height, storyboard.style.environment),
      lipSync: shot.lipSync,
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
    ...(mouth ? { mouth: fitMouthTrack(mouth, frameCount) } : {}),
  };
}

/** Perspective per camera height: a low camera looks up (top narrower), a high one looks down. */
const KEYSTONE = { eye: 0, low: 0.12, high: -0.1 } as const;

function sourceFor(shot: Shot, photos: readonly PhotoRef[], width: number, height: number, environment: string): Clip["source"] {
  // A performer shot "in the setting" whose photo has no mask shows the photo's own background.
  if (shot.content === "environment") return { kind: "environment", name: environment, zoom: framingScale(shot.framing) };
  // "generated" is the drawn performer, listed among the photos like any other image.
  const index = shot.photo === "generated" ? photos.findIndex((p) => p.generated) : shot.photo;
  if (shot.content === "abstract" || index === "none" || index < 0) return { kind: "backdrop", zoom: framingScale(shot.framing) };
  const photo = photos[index];
  const cutOut = shot.background !== "photo" && photo.mask !== undefined;
  const view: View = { ...viewFor(shot.framing, photo, width, height, cutOut) };
  if (shot.angle.dutch !== 0) view.dutch = shot.angle.dutch;
  if (shot.angle.mirror) view.mirror = true;
  if (shot.angle.height !== "eye") view.keystone = KEYSTONE[shot.angle.height];
  return shot.background === "photo" ? { kind: "photo", photo: index, view } : { kind: "photo", photo: index, view, background: shot.background };
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

function fitMouthTrack(mouth: MouthTrackFrames, frameCount: number): MouthTrackFrames {
  const fit = (values: readonly number[]) => Array.from({ length: frameCount }, (_, n) => values[n] ?? 0);
  return {
    open: fit(mouth.open),
    round: fit(mouth.round),
    spread: fit(mouth.spread),
    visemes: mouth.visemes.slice(0, frameCount).padEnd(frameCount, "X"),
  };
}
