/** Images the vision tests make themselves: no corpus file is needed. */
import { createCanvas } from "@napi-rs/canvas";

export { gradientPng } from "../helpers/fixtures.ts";

/** A 40×20 JPEG, left half red and right half blue. */
export function twoColourJpeg(): Buffer {
  const canvas = createCanvas(40, 20);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ff0000";
  ctx.fillRect(0, 0, 20, 20);
  ctx.fillStyle = "#0000ff";
  ctx.fillRect(20, 0, 20, 20);
  return canvas.toBuffer("image/jpeg");
}

/**
 * Inserts an EXIF APP1 segment holding only the Orientation tag (0x0112, SHORT) right after the
 * JPEG's SOI marker. Layout per the EXIF 2.3 spec: "Exif\0\0", a big-endian TIFF header, and one
 * IFD0 with a single entry.
 */
export function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at offset 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, count 1, value
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const length = body.length + 2;
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, length >> 8, length & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

/** A fake 478-point mesh where point i sits at (i, 2i, 0): every landmark names its own index. */
export function indexMesh(): Float32Array {
  const mesh = new Float32Array(478 * 3);
  for (let i = 0; i < 478; i++) {
    mesh[i * 3] = i;
    mesh[i * 3 + 1] = 2 * i;
  }
  return mesh;
}
