/**
 * A photo shot: the photo placed by its view and the camera, turned (Dutch tilt), mirrored and
 * keystoned (low or high angle), optionally cut out by its person mask and set in front of a
 * generated environment with parallax and rack focus.
 */
import type { Canvas, SKRSContext2D } from "@napi-rs/canvas";
import type { View } from "../core/schemas/timeline.ts";
import type { CameraPose } from "./camera-moves/index.ts";
import type { PreparedPhoto } from "./prepare-render.ts";

export interface PhotoPlacement {
  /** Centre of the window, in prepared-photo pixels. */
  readonly cx: number;
  readonly cy: number;
  /** Output pixels per prepared-photo pixel. */
  readonly scale: number;
  /** [rad] total turn: Dutch tilt plus the camera's roll. */
  readonly rotate: number;
  readonly mirror: boolean;
}

/**
 * Where the photo goes for this view and pose. The scale never drops below what covers the
 * (rotated) frame, and the centre is clamped so the photo's edge never shows.
 */
export function placePhoto(photo: PreparedPhoto, view: View, pose: CameraPose, width: number, height: number, cutOut = false): PhotoPlacement {
  const w = photo.canvas.width;
  const h = photo.canvas.height;
  const rotate = ((view.dutch ?? 0) * Math.PI) / 180 + pose.rotate;
  const cos = Math.abs(Math.cos(rotate));
  const sin = Math.abs(Math.sin(rotate));
  // The frame's bounding box once turned, in output pixels: what the photo must cover.
  const needW = width * cos + height * sin;
  const needH = width * sin + height * cos;
  const cover = Math.max(needW / w, needH / h);
  const wanted = Math.max(width / w, height / h) * view.zoom * pose.zoom;
  // A cut-out floats over its environment, so it may be smaller than the frame.
  const scale = cutOut ? wanted : Math.max(cover, wanted);
  const halfW = needW / scale / 2;
  const halfH = needH / scale / 2;
  const direction = view.mirror ? -1 : 1;
  const x = view.x * w + direction * pose.dx * halfW * 2;
  const y = view.y * h + pose.dy * halfH * 2;
  return {
    cx: cutOut && halfW * 2 >= w ? x : clampCentre(x, halfW, w),
    // A cut-out's bottom edge never rises above the frame's bottom: the body does not end in mid-air.
    cy: cutOut ? Math.min(y, h - height / scale / 2) : clampCentre(y, halfH, h),
    scale,
    rotate,
    mirror: view.mirror ?? false,
  };
}

/** Sets ctx so that prepared-photo pixels land where the placement puts them on a width × height frame. */
export function applyPlacement(ctx: SKRSContext2D, placement: PhotoPlacement, width: number, height: number): void {
  ctx.translate(width / 2, height / 2);
  if (placement.mirror) ctx.scale(-1, 1);
  ctx.rotate(placement.rotate);
  ctx.scale(placement.scale, placement.scale);
  ctx.translate(-placement.cx, -placement.cy);
}

/** Draws `image` (the prepared photo or its cut-out, which has the same size) with the placement's transform. */
export function drawPlaced(ctx: SKRSContext2D, image: Canvas, placement: PhotoPlacement, width: number, height: number): void {
  ctx.save();
  applyPlacement(ctx, placement, width, height);
  ctx.drawImage(image, 0, 0);
  ctx.restore();
}

function clampCentre(c: number, half: number, size: number): number {
  return half * 2 >= size ? size / 2 : Math.min(size - half, Math.max(half, c));
}

/** Strips for the keystone warp: 24 is smooth at 720p (30 px per strip) and costs 24 small draws. */
const KEYSTONE_STRIPS = 24;

/**
 * A low or high camera angle without 3-D: the layer is redrawn in horizontal strips, each widened
 * a little more towards the edge nearest the camera (the bottom for a low angle, looking up).
 */
export function drawKeystoned(ctx: SKRSContext2D, layer: Canvas, keystone: number, width: number, height: number): void {
  const strip = height / KEYSTONE_STRIPS;
  for (let i = 0; i < KEYSTONE_STRIPS; i++) {
    const y = i * strip;
    const along = (i + 0.5) / KEYSTONE_STRIPS; // 0 at the top, 1 at the bottom
    const widen = 1 + Math.abs(keystone) * (keystone > 0 ? along : 1 - along);
    const w = width * widen;
    // One pixel of overlap hides seams between strips.
    ctx.drawImage(layer, 0, y, width, strip + 1, (width - w) / 2, y, w, strip + 1);
  }
}
