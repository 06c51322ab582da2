/**
 * The storyboard sheet: one thumbnail per shot with its time, framing, camera and transition — the
 * picture a director approves before rendering. Pure drawing: thumbnails come in as canvases.
 */
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import type { Shot } from "../core/schemas/storyboard.ts";

export interface SheetEntry {
  readonly shot: Shot;
  readonly thumbnail: Canvas;
}

/** [px] thumbnail width: 6 across a 16:9 sheet stays under 2000 px and keeps faces readable. */
const THUMB_WIDTH = 300;
const CAPTION = 58;
const GAP = 10;

export function drawStoryboardSheet(entries: readonly SheetEntry[], title: string): Buffer {
  const first = entries[0]?.thumbnail;
  const aspect = first ? first.height / first.width : 9 / 16;
  const portrait = aspect > 1;
  const thumbW = portrait ? Math.round(THUMB_WIDTH * 0.6) : THUMB_WIDTH;
  const thumbH = Math.round(thumbW * aspect);
  const columns = portrait ? 8 : 6;
  const rows = Math.max(1, Math.ceil(entries.length / columns));
  const width = GAP + columns * (thumbW + GAP);
  const height = 50 + rows * (thumbH + CAPTION + GAP) + GAP;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#14141a";
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = "#ffffff";
  ctx.font = "bold 22px sans-serif";
  ctx.fillText(title, GAP, 32);
  entries.forEach(({ shot, thumbnail }, i) => {
    const x = GAP + (i % columns) * (thumbW + GAP);
    const y = 50 + Math.floor(i / columns) * (thumbH + CAPTION + GAP);
    ctx.drawImage(thumbnail, x, y, thumbW, thumbH);
    if (shot.lipSync) {
      // A red dot: this shot's mouth is lip-synced.
      ctx.fillStyle = "#ff3b3b";
      ctx.beginPath();
      ctx.arc(x + thumbW - 10, y + 10, 6, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.fillStyle = "#e8e8f0";
    ctx.font = "bold 13px sans-serif";
    ctx.fillText(`${i + 1}  ${clock(shot.start)}–${clock(shot.end)}`, x, y + thumbH + 16, thumbW);
    ctx.font = "12px sans-serif";
    ctx.fillStyle = "#b8b8c8";
    const subject = shot.content === "performer" ? shot.framing : shot.content;
    ctx.fillText(`${subject} · ${shot.camera.move}`, x, y + thumbH + 32, thumbW);
    ctx.fillText(`in: ${shot.transitionIn.kind}${angleNote(shot)}`, x, y + thumbH + 48, thumbW);
  });
  return canvas.encodeSync("png");
}

function clock(t: number): string {
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, "0")}`;
}

function angleNote(shot: Shot): string {
  const notes = [];
  if (shot.angle.dutch !== 0) notes.push(`dutch ${shot.angle.dutch}°`);
  if (shot.angle.mirror) notes.push("mirrored");
  if (shot.angle.height !== "eye") notes.push(`${shot.angle.height} angle`);
  return notes.length > 0 ? ` · ${notes.join(", ")}` : "";
}
