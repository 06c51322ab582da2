/**
 * renderFrame(timeline, n, prepared) → RGBA bytes of frame n. A pure function of its inputs: no
 * state carries from one frame to the next, so frames render in any order, in parallel or alone.
 */
import type { SKRSContext2D } from "@napi-rs/canvas";
import type { Clip, Timeline } from "../core/schemas/timeline.ts";
import { ease } from "../core/easing.ts";
import { hash32 } from "../core/random.ts";
import { fpsToNumber } from "../core/units.ts";
import { MvgenError } from "../core/errors.ts";
import { cameraMove, type CameraPose } from "./camera-moves/index.ts";
import { transition } from "./transitions/index.ts";
import type { PreparedRender } from "./prepare-render.ts";
import { drawBackdrop, BACKDROP_PATTERNS } from "./backdrop.ts";
import { applyLook } from "./apply-look.ts";
import { drawKeystoned, drawPlaced, placePhoto } from "./draw-photo.ts";
import { environment, type EnvironmentFrame } from "./environments/index.ts";
import { beatPulse } from "./beat-clock.ts";
import { drawFaceFrame, type FaceFrame } from "./lip-sync/draw-lip-sync.ts";
import { blinkAt, headMotionAt } from "./lip-sync/face-life.ts";
import { mouthStateAt } from "./lip-sync/mouth-state.ts";

/** [s] how fast a beat's punch-in decays; 0.12 s reads as a hit without looking like shake. */
const PULSE_DECAY = 0.12;
/** Zoom added on a beat at full loudness: 1.5 %, felt more than seen. */
const PULSE_ZOOM = 0.015;

export function renderFrame(timeline: Timeline, n: number, prepared: PreparedRender): Uint8Array {
  drawFrame(timeline, n, prepared);
  return prepared.frame.data();
}

/** Draws frame n onto prepared.frame (for callers that want the canvas, e.g. to encode a PNG). */
export function drawFrame(timeline: Timeline, n: number, prepared: PreparedRender): void {
  if (!Number.isInteger(n) || n < 0 || n >= timeline.frameCount) {
    throw new MvgenError(
      "FRAME_OUT_OF_RANGE",
      `frame ${n} is outside the video; choose a frame from 0 to ${timeline.frameCount - 1}.`,
    );
  }
  const { ctx } = prepared;
  for (const canvas of [prepared.frame, ...prepared.scratch, ...prepared.spare]) {
    const c = canvas.getContext("2d");
    c.restore(); // the state prepareRender saved
    c.save();
  }
  const i = clipIndexAt(timeline.clips, n);
  const blend = transitionAt(timeline.clips, i, n);
  resetContext(ctx);
  if (blend) {
    const [a, b] = prepared.scratch;
    drawClip(a.getContext("2d"), timeline, blend.from, n, prepared);
    drawClip(b.getContext("2d"), timeline, blend.to, n, prepared);
    const kind = transition(blend.to.transitionIn.kind);
    if (!kind) throw unknownName("transition", blend.to.transitionIn.kind);
    kind.composite({
      ctx,
      width: timeline.width,
      height: timeline.height,
      outgoing: a,
      incoming: b,
      p: blend.p,
      seed: hash32(timeline.seed, blend.to.start, 7),
      spare: prepared.spare,
    });
    resetContext(ctx);
  } else {
    drawClip(ctx, timeline, timeline.clips[i], n, prepared);
  }
  applyLook(ctx, timeline.look, prepared, timeline.seed, n);
}

export function clipIndexAt(clips: readonly Clip[], n: number): number {
  let lo = 0;
  let hi = clips.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (clips[mid].start <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Blend {
  readonly from: Clip;
  readonly to: Clip;
  readonly p: number;
}

/** A transition's window is centred on the cut: floor(f/2) frames before the incoming clip's start. */
function transitionAt(clips: readonly Clip[], i: number, n: number): Blend | undefined {
  const windowOf = (k: number): Blend | undefined => {
    const to = clips[k];
    const frames = to?.transitionIn.frames ?? 0;
    if (k < 1 || frames === 0) return undefined;
    const first = to.start - Math.floor(frames / 2);
    if (n < first || n >= first + frames) return undefined;
    return { from: clips[k - 1], to, p: (n - first + 0.5) / frames };
  };
  return windowOf(i) ?? windowOf(i + 1);
}

/** Loudness at frame n, 0–1 (the last value past the end of the track). */
const energyAt = (timeline: Timeline, n: number): number => timeline.energy[Math.min(n, timeline.energy.length - 1)] ?? 0.5;

/**
 * Where the camera is for `clip` at frame n: its move, the beat's punch-in and, for a photo with a
 * face rig (`faceRoll`, the photo's head roll in degrees; undefined = no rig), the head's sway and
 * nod. Exported so checks that replay the camera (eval/plan) see exactly what is drawn.
 */
export function clipPose(timeline: Timeline, clip: Clip, n: number, faceRoll?: number): CameraPose {
  const move = cameraMove(clip.camera.move);
  if (!move) throw unknownName("camera move", clip.camera.move);
  const rate = fpsToNumber(timeline.fps);
  const length = Math.max(1, clip.end - clip.start - 1);
  const energy = energyAt(timeline, n);
  const pose = move.pose({
    t: ease(clip.camera.easing, (n - clip.start) / length),
    elapsed: (n - clip.start) / rate,
    intensity: clip.camera.intensity,
    energy,
    seed: hash32(timeline.seed, clip.start),
    beatPulse: beatPulse(timeline.beats, n, 0.15 * rate),
  });
  const punch = 1 + PULSE_ZOOM * energy * beatPulse(timeline.beats, n, PULSE_DECAY * rate);
  if (faceRoll === undefined) return { ...pose, zoom: pose.zoom * punch };
  // A photo with a face rig sways and nods a little on top of the camera move.
  const head = headMotionAt(n, rate, timeline.seed, timeline.beats, energy, faceRoll);
  return { ...pose, zoom: pose.zoom * punch, rotate: pose.rotate + head.rotate, dx: pose.dx + head.dx, dy: pose.dy + head.dy };
}

function drawClip(ctx: SKRSContext2D, timeline: Timeline, clip: Clip, n: number, prepared: PreparedRender): void {
  const rig = clip.source.kind === "photo" ? prepared.lipSync[clip.source.photo] : undefined;
  const posed = clipPose(timeline, clip, n, rig?.roll);
  const clipSeed = hash32(timeline.seed, clip.start);
  resetContext(ctx);
  if (clip.source.kind === "backdrop") {
    drawBackdrop(ctx, timeline, n, { ...posed, zoom: posed.zoom * clip.source.zoom }, BACKDROP_PATTERNS[clipSeed % BACKDROP_PATTERNS.length]);
    return;
  }
  if (clip.source.kind === "environment") {
    drawEnvironment(ctx, timeline, n, clip.source.name, { ...posed, zoom: posed.zoom * clip.source.zoom });
    return;
  }
  const face = rig ? { rig, mouth: mouthStateAt(timeline, clip, n), blink: blinkAt(n, fpsToNumber(timeline.fps), timeline.seed) } : undefined;
  drawPhotoClip(ctx, timeline, clip.source, n, posed, prepared, face);
}

/** The photo in its own setting, or cut out by its mask in front of an environment. */
function drawPhotoClip(
  ctx: SKRSContext2D,
  timeline: Timeline,
  source: Extract<Clip["source"], { kind: "photo" }>,
  n: number,
  pose: CameraPose,
  prepared: PreparedRender,
  face?: FaceFrame,
): void {
  const photo = prepared.photos[source.photo];
  const { width, height } = timeline;
  // A photo with a person mask is cut out in front of the shot's environment, if it names one.
  const cutout = source.background !== undefined ? photo.cutout : undefined;
  const placement = placePhoto(photo, source.view, pose, width, height, cutout !== undefined);
  const keystone = source.view.keystone ?? 0;
  const [layer, warp] = prepared.spare;
  const layerCtx = layer.getContext("2d");
  ctx.fillStyle = "#000";
  ctx.fillRect(0, 0, width, height);
  if (cutout) {
    const parallax = pose.parallax ?? 0;
    drawEnvironment(ctx, timeline, n, source.background as string, {
      ...pose,
      dx: pose.dx * (1 + parallax),
      dy: pose.dy * (1 + parallax),
      zoom: pose.zoom * (pose.backgroundZoom ?? 1) * 1.05,
    }, (pose.backgroundBlur ?? 0) * height);
  }
  const image = cutout ?? photo.canvas;
  const blur = cutout ? (pose.foregroundBlur ?? 0) * height : 0;
  if (keystone === 0 && blur <= 0.5) {
    // The common case straight onto the frame: no intermediate layer, one full-frame draw less.
    ctx.imageSmoothingQuality = "medium";
    drawPlaced(ctx, image, placement, width, height);
    if (face) drawFaceFrame(ctx, face, placement, width, height);
    return;
  }
  layerCtx.clearRect(0, 0, width, height);
  layerCtx.imageSmoothingQuality = "medium";
  drawPlaced(layerCtx, image, placement, width, height);
  if (face) drawFaceFrame(layerCtx, face, placement, width, height);
  let finished: typeof layer = layer;
  if (keystone !== 0) {
    const warpCtx = warp.getContext("2d");
    warpCtx.clearRect(0, 0, width, height);
    drawKeystoned(warpCtx, layer, keystone, width, height);
    finished = warp;
  }
  if (blur > 0.5) ctx.filter = `blur(${blur.toFixed(1)}px)`;
  ctx.drawImage(finished, 0, 0);
  ctx.filter = "none";
}

function drawEnvironment(ctx: SKRSContext2D, timeline: Timeline, n: number, name: string, pose: CameraPose, blur = 0): void {
  const scene = environment(name);
  if (!scene) throw unknownName("environment", name);
  const rate = fpsToNumber(timeline.fps);
  const env: EnvironmentFrame = {
    ctx,
    width: timeline.width,
    height: timeline.height,
    seconds: n / rate,
    energy: energyAt(timeline, n),
    beatPulse: beatPulse(timeline.beats, n, 0.15 * rate),
    downbeatPulse: beatPulse(timeline.downbeats, n, 0.4 * rate),
    look: timeline.look,
    seed: timeline.seed,
    zoom: pose.zoom,
    dx: pose.dx,
    dy: pose.dy,
  };
  if (blur > 0.5) {
    // Blurring while drawing costs a pass per path; drawing sharp and blurring the result once is cheaper.
    scene.draw(env);
    ctx.filter = `blur(${blur.toFixed(1)}px)`;
    ctx.drawImage(ctx.canvas, 0, 0);
    ctx.filter = "none";
  } else scene.draw(env);
  resetContext(ctx);
}

function resetContext(ctx: SKRSContext2D): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = "source-over";
}

function unknownName(what: string, name: string): MvgenError {
  return new MvgenError("INVALID_ARTIFACT", `the timeline names the ${what} "${name}", which mvgen does not have; use one of the registered names.`);
}
