import { test } from "node:test";
import assert from "node:assert/strict";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { AudioAnalysis } from "../../src/core/schemas/analysis.ts";
import { plotAnalysis, plotLayout, SECTION_COLOURS } from "../../src/render/plot-analysis.ts";
import { sketchAnalysis } from "../helpers/analysis.ts";

/** 10 s: a verse (0–4 s) then a chorus (4–10 s), vocals 5–9 s at 220 Hz. */
function analysis(): AudioAnalysis {
  return sketchAnalysis({
    duration: 10,
    sections: [
      { start: 0, end: 4, label: "verse", energy: 0.3, group: 0 },
      { start: 4, end: 10, label: "chorus", energy: 0.9, group: 1 },
    ],
    vocalSegments: [{ start: 5, end: 9 }],
    vocalCurve: true,
    pitchHz: 220,
  });
}

const hex = (r: number, g: number, b: number) => "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("");

test("the plot is a PNG of the requested size with each section's colour under its time span", async () => {
  const width = 800;
  const height = 450;
  const waveform = Float32Array.from({ length: 10 * 8000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 220 * i) / 8000));
  const png = plotAnalysis(analysis(), waveform, { width, height });
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const image = await loadImage(png);
  assert.equal(image.width, width);
  assert.equal(image.height, height);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const layout = plotLayout(width, height);
  const x = (t: number) => Math.round(layout.left + ((layout.right - layout.left) * t) / 10);
  // Near the bottom of the sections lane, clear of the label text at each section's start.
  const y = layout.lanes.sections.top + layout.lanes.sections.height - 3;
  const at = (px: number) => {
    const [r, g, b] = ctx.getImageData(px, y, 1, 1).data;
    return hex(r, g, b);
  };
  assert.equal(at(x(3.3)), SECTION_COLOURS.verse); // off the whole-second grid lines
  assert.equal(at(x(7.3)), SECTION_COLOURS.chorus);
  // The vocal segment (5–9 s) tints the vocals lane; outside it the lane stays light.
  const vy = layout.lanes.vocals.top + Math.round(layout.lanes.vocals.height * 0.25);
  const lightness = (px: number) => {
    const [r, g, b] = ctx.getImageData(px, vy, 1, 1).data;
    return (r + g + b) / 3;
  };
  assert.ok(lightness(x(7.3)) < lightness(x(2.3)) - 20, `inside ${lightness(x(7.3))}, outside ${lightness(x(2.3))}`);
});

test("an empty analysis (silence, no sections) still plots", () => {
  const a = { ...analysis(), duration: 0, sections: [], beats: [], downbeats: [], vocalSegments: [] };
  const png = plotAnalysis(a, new Float32Array(0), { width: 300, height: 200 });
  assert.ok(png.length > 100);
});
