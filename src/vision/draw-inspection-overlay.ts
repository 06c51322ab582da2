/**
 * The picture behind `mvgen inspect --overlay`: the photo with what the vision stage found drawn
 * on it (mask outline, face mesh, eyes, brows, face oval, lips, pupils, pose), so anyone can check
 * the landmarks by eye before rendering.
 */
import { readFile } from "node:fs/promises";
import { createCanvas, loadImage, type SKRSContext2D } from "@napi-rs/canvas";
import { MvgenError } from "../core/errors.ts";
import type { PerformerImage, Point } from "../core/schemas/performer.ts";

export interface OverlayInput {
  /** The encoded image the PerformerImage describes (the photo, or the drawn performer). */
  image: Uint8Array;
  performerImage: PerformerImage;
  /** The mask PNG; read from `performerImage.mask.path` when omitted. */
  mask?: Uint8Array;
  /** Longest side of the overlay [px], default 1024: enough to see the lips, small to share. */
  maxSide?: number;
}

const COLORS = {
  mask: "#00e5ff",
  mesh: "rgba(255,255,255,0.45)",
  contour: "#7CFC00",
  lipsOuter: "#ff2d95",
  lipsInner: "#ffd400",
  pupil: "#ff5a1f",
  box: "rgba(255,255,255,0.8)",
  label: "#ffffff",
} as const;

/** Returns PNG bytes. */
export async function drawInspectionOverlay(input: OverlayInput): Promise<Buffer> {
  const info = input.performerImage;
  let photo;
  try {
    photo = await loadImage(Buffer.from(input.image));
  } catch (error) {
    throw new MvgenError("PHOTO_UNDECODABLE", `${info.path} could not be decoded for the overlay: use a JPEG, PNG or WebP image.`, { cause: error });
  }
  const scale = Math.min(1, (input.maxSide ?? 1024) / Math.max(info.width, info.height));
  const width = Math.max(1, Math.round(info.width * scale));
  const height = Math.max(1, Math.round(info.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(photo, 0, 0, width, height);
  // Dim the photo a little so thin lines stay visible on bright skin.
  ctx.fillStyle = "rgba(0,0,0,0.25)";
  ctx.fillRect(0, 0, width, height);

  const maskBytes = input.mask ?? (info.mask ? await readFile(info.mask.path) : undefined);
  if (maskBytes) await drawMaskOutline(ctx, maskBytes, width, height);

  const s = (p: Point): Point => [p[0] * scale, p[1] * scale];
  // Line widths scale with the face so the overlay reads the same for small and large faces.
  const unit = Math.max(1, (info.face.interPupil * scale) / 60);
  const face = info.face;

  if (face.mesh) {
    ctx.fillStyle = COLORS.mesh;
    for (let i = 0; i + 2 < face.mesh.length; i += 3) {
      ctx.fillRect(face.mesh[i] * scale - unit * 0.6, face.mesh[i + 1] * scale - unit * 0.6, unit * 1.2, unit * 1.2);
    }
  }
  const l = face.landmarks;
  const poly = (points: Point[], color: string, closed: boolean, lineWidth: number) => {
    ctx.beginPath();
    points.forEach((p, i) => {
      const [x, y] = s(p);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    if (closed) ctx.closePath();
    ctx.strokeStyle = color;
    ctx.lineWidth = lineWidth;
    ctx.lineJoin = "round";
    ctx.stroke();
  };
  poly(l.faceOval, COLORS.contour, true, unit);
  poly(l.rightEye, COLORS.contour, true, unit);
  poly(l.leftEye, COLORS.contour, true, unit);
  poly(l.rightBrow, COLORS.contour, false, unit);
  poly(l.leftBrow, COLORS.contour, false, unit);
  poly(l.jaw, COLORS.contour, false, unit * 2);
  poly(l.lipsOuter, COLORS.lipsOuter, true, unit * 1.5);
  poly(l.lipsInner, COLORS.lipsInner, true, unit * 1.5);
  for (const p of [l.leftPupil, l.rightPupil]) {
    const [x, y] = s(p);
    ctx.beginPath();
    ctx.arc(x, y, unit * 3, 0, Math.PI * 2);
    ctx.strokeStyle = COLORS.pupil;
    ctx.lineWidth = unit;
    ctx.stroke();
  }
  const b = face.box;
  ctx.setLineDash([unit * 6, unit * 4]);
  ctx.strokeStyle = COLORS.box;
  ctx.lineWidth = unit;
  ctx.strokeRect(b.x * scale, b.y * scale, b.width * scale, b.height * scale);
  ctx.setLineDash([]);

  const fontPx = Math.max(12, Math.round(Math.min(width, height) / 40));
  ctx.font = `${fontPx}px sans-serif`;
  ctx.fillStyle = "rgba(0,0,0,0.6)";
  const text = `yaw ${face.pose.yaw.toFixed(0)}°  pitch ${face.pose.pitch.toFixed(0)}°  roll ${face.pose.roll.toFixed(0)}°  pupils ${face.interPupil.toFixed(0)} px${face.sharpness === null ? "" : `  sharpness ${face.sharpness.toFixed(1)}`}`;
  const textWidth = ctx.measureText(text).width;
  ctx.fillRect(0, height - fontPx * 1.6, textWidth + fontPx, fontPx * 1.6);
  ctx.fillStyle = COLORS.label;
  ctx.fillText(text, fontPx / 2, height - fontPx * 0.5);
  return canvas.encode("png");
}

/** Marks the pixels where the mask crosses 50 %: the cut-out's edge. */
async function drawMaskOutline(ctx: SKRSContext2D, maskBytes: Uint8Array, width: number, height: number): Promise<void> {
  const mask = await loadImage(Buffer.from(maskBytes));
  const scratch = createCanvas(width, height);
  const sctx = scratch.getContext("2d");
  sctx.imageSmoothingQuality = "high";
  sctx.drawImage(mask, 0, 0, width, height);
  const alpha = sctx.getImageData(0, 0, width, height).data;
  const out = sctx.createImageData(width, height);
  const inside = (x: number, y: number) => alpha[(y * width + x) * 4 + 3] >= 128;
  const [r, g, b] = [0x00, 0xe5, 0xff];
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      if (!inside(x, y)) continue;
      if (inside(x - 1, y) && inside(x + 1, y) && inside(x, y - 1) && inside(x, y + 1)) continue;
      // A 2-px wide edge: this pixel and the one outside it.
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1]]) {
        const o = ((y + dy) * width + x + dx) * 4;
        out.data[o] = r;
        out.data[o + 1] = g;
        out.data[o + 2] = b;
        out.data[o + 3] = 255;
      }
    }
  }
  sctx.clearRect(0, 0, width, height);
  sctx.putImageData(out, 0, 0);
  ctx.drawImage(scratch, 0, 0);
}
