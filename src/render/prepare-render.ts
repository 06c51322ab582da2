/**
 * Everything the renderer needs besides the Timeline, made once before the first frame: photos
 * scaled to the sharpest size any shot shows them at, the vignette and grain layers, and the
 * canvases frames are drawn on. Frames read it and never change it, so any frame can be rendered
 * at any time, in any order.
 */
import { createCanvas, type Canvas, type CanvasPattern, type Image, type SKRSContext2D } from "@napi-rs/canvas";
import type { Timeline } from "../core/schemas/timeline.ts";
import { hash32 } from "../core/random.ts";
import { prepareLipSync, type LipSyncRig } from "./lip-sync/prepare-lip-sync.ts";

export interface PreparedPhoto {
  readonly canvas: Canvas;
  /** Prepared pixels per original pixel. */
  readonly scale: number;
  /** The prepared photo with its person mask as alpha, drawn in one pass; absent = no mask, so no cut-outs. */
  readonly cutout?: Canvas;
}

export interface PreparedRender {
  readonly width: number;
  readonly height: number;
  readonly photos: readonly PreparedPhoto[];
  readonly frame: Canvas;
  readonly ctx: SKRSContext2D;
  /** Two off-screen canvases for the shots on either side of a transition. */
  readonly scratch: readonly [Canvas, Canvas];
  /** Three more for effects inside transitions (RGB split, blur passes). */
  readonly spare: readonly Canvas[];
  readonly vignette: Canvas | undefined;
  /** Film-grain tiles as repeat patterns of the frame's context, made once rather than per frame. */
  readonly grain: readonly CanvasPattern[];
  /** Per photo: the face rig lip sync and blinks move, for photos whose landmarks the Timeline carries. */
  readonly lipSync: readonly (LipSyncRig | undefined)[];
}

/** Zoom headroom over a clip's framing that camera moves and beat punches may add. */
const MOVE_HEADROOM = 1.35;
/** [px] side of a grain tile: large enough that its repeat is not seen in a moving frame. */
export const GRAIN_TILE = 256;
const GRAIN_TILES = 4;

export function prepareRender(timeline: Timeline, images: readonly Image[], masks: ReadonlyArray<Image | undefined> = []): PreparedRender {
  const { width, height } = timeline;
  const frame = createCanvas(width, height);
  const photos = timeline.photos.map((_, i): PreparedPhoto => {
    const image = images[i];
    const cover = Math.max(width / image.width, height / image.height);
    const zoom = Math.max(
      1,
      ...timeline.clips.map((c) => (c.source.kind === "photo" && c.source.photo === i ? c.source.view.zoom : 1)),
    );
    // Keep the photo's own resolution when a shot needs it, and no more: big photos scaled every frame cost time.
    const scale = Math.min(1, cover * zoom * MOVE_HEADROOM);
    const canvas = createCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
    const ctx = canvas.getContext("2d");
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const mask = masks[i];
    return mask ? { canvas, scale: canvas.width / image.width, cutout: cutOut(canvas, mask) } : { canvas, scale: canvas.width / image.width };
  });
  const ctx = frame.getContext("2d");
  const scratch: [Canvas, Canvas] = [createCanvas(width, height), createCanvas(width, height)];
  const spare: [Canvas, Canvas, Canvas] = [createCanvas(width, height), createCanvas(width, height), createCanvas(width, height)];
  // Every canvas a frame draws on starts from one saved state — the smoothing the shots use —
  // that drawFrame restores before each frame, so no style, blend or smoothing left by one frame
  // reaches the next: a frame drawn first (a chunk's first frame, `mvgen frame`) equals the same
  // frame drawn in sequence.
  for (const canvas of [frame, ...scratch, ...spare]) {
    const c = canvas.getContext("2d");
    c.imageSmoothingQuality = "medium";
    c.save();
  }
  return {
    width,
    height,
    photos,
    frame,
    ctx,
    scratch,
    spare,
    vignette: timeline.look.vignette > 0 ? makeVignette(width, height, timeline.look.vignette) : undefined,
    grain: timeline.look.grain > 0 ? makeGrain(timeline.seed).flatMap((tile) => ctx.createPattern(tile, "repeat") ?? []) : [],
    lipSync: timeline.photos.map((ref, i) => (ref.landmarks ? prepareLipSync(ref.landmarks, photos[i].canvas, photos[i].scale, ref.pose?.roll ?? 0) : undefined)),
  };
}

function cutOut(photo: Canvas, mask: Image): Canvas {
  const canvas = createCanvas(photo.width, photo.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(photo, 0, 0);
  ctx.globalCompositeOperation = "destination-in";
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(mask, 0, 0, photo.width, photo.height);
  return canvas;
}

function makeVignette(width: number, height: number, strength: number): Canvas {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const radius = Math.hypot(width, height) / 2;
  const gradient = ctx.createRadialGradient(width / 2, height / 2, radius * 0.45, width / 2, height / 2, radius);
  gradient.addColorStop(0, "rgba(0,0,0,0)");
  gradient.addColorStop(1, `rgba(0,0,0,${Math.min(1, strength).toFixed(3)})`);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  return canvas;
}

/** Grey noise tiles around mid-grey, drawn in overlay mode: film grain that is seeded, not random. */
function makeGrain(seed: number): Canvas[] {
  return Array.from({ length: GRAIN_TILES }, (_, tile) => {
    const canvas = createCanvas(GRAIN_TILE, GRAIN_TILE);
    const ctx = canvas.getContext("2d");
    const image = ctx.createImageData(GRAIN_TILE, GRAIN_TILE);
    for (let i = 0; i < GRAIN_TILE * GRAIN_TILE; i++) {
      const v = 128 + ((hash32(seed, tile, i) & 0xff) - 128) * 0.5;
      image.data[i * 4] = v;
      image.data[i * 4 + 1] = v;
      image.data[i * 4 + 2] = v;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    return canvas;
  });
}
