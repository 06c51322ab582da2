/**
 * Piecewise-affine warping in plain typed arrays: each destination triangle is scanned over its
 * pixels, mapped back to the source triangle with barycentric coordinates and sampled bilinearly.
 * Shared edges map to the same source points, so the mesh has no seams; the per-vertex alpha
 * (1 inside, 0 on the outer ring) feathers the patch into the untouched photo.
 *
 * Why not canvas clip + drawImage per triangle: anti-aliased clips leave hairline gaps between
 * neighbouring triangles (and aliased ones jag), and 200 clipped draws cost more than this scan.
 */
import { clamp, smoothstep } from "../../core/easing.ts";

/** Pixels of a region of the prepared photo, possibly at a reduced level: pixel (i, j) covers prepared [x + i/scale, x + (i+1)/scale). */
export interface SourceLevel {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly x: number;
  readonly y: number;
  /** level pixels per prepared pixel (1, 1/2, 1/4 …) */
  readonly scale: number;
}

/** The buffer a frame's patch is drawn into; `stride` is the buffer's row length in pixels. */
export interface Patch {
  readonly data: Uint8ClampedArray;
  readonly stride: number;
  /** used size this frame [patch px] */
  readonly width: number;
  readonly height: number;
  /** prepared-photo position of the patch's top-left corner */
  readonly x: number;
  readonly y: number;
  /** patch pixels per prepared pixel */
  readonly scale: number;
}

/**
 * Warps the triangles from `from` (source, prepared px) to `to` (destination, prepared px) into
 * the patch. Pixels outside every triangle are left as they are (clear them first).
 */
export function warpTriangles(
  source: SourceLevel,
  patch: Patch,
  from: Float32Array,
  to: Float32Array,
  triangles: Uint16Array,
  alpha: Float32Array,
): void {
  const { data: out, stride, width: pw, height: ph } = patch;
  const src = source.data;
  const sw = source.width;
  const sh = source.height;
  for (let t = 0; t < triangles.length; t += 3) {
    const a = triangles[t], b = triangles[t + 1], c = triangles[t + 2];
    // Destination in patch pixel coordinates, with pixel centres at integer + 0.5.
    const x0 = (to[2 * a] - patch.x) * patch.scale, y0 = (to[2 * a + 1] - patch.y) * patch.scale;
    const x1 = (to[2 * b] - patch.x) * patch.scale, y1 = (to[2 * b + 1] - patch.y) * patch.scale;
    const x2 = (to[2 * c] - patch.x) * patch.scale, y2 = (to[2 * c + 1] - patch.y) * patch.scale;
    const det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (Math.abs(det) < 1e-6) continue;
    const inv = 1 / det;
    // Source in level pixel coordinates (centres at integer + 0.5 → subtract 0.5 to index).
    const sx0 = (from[2 * a] - source.x) * source.scale - 0.5, sy0 = (from[2 * a + 1] - source.y) * source.scale - 0.5;
    const sx1 = (from[2 * b] - source.x) * source.scale - 0.5, sy1 = (from[2 * b + 1] - source.y) * source.scale - 0.5;
    const sx2 = (from[2 * c] - source.x) * source.scale - 0.5, sy2 = (from[2 * c + 1] - source.y) * source.scale - 0.5;
    const a0 = alpha[a], a1 = alpha[b], a2 = alpha[c];
    const minX = Math.max(0, Math.floor(Math.min(x0, x1, x2))), maxX = Math.min(pw - 1, Math.ceil(Math.max(x0, x1, x2)));
    const minY = Math.max(0, Math.floor(Math.min(y0, y1, y2))), maxY = Math.min(ph - 1, Math.ceil(Math.max(y0, y1, y2)));
    // A pixel on a shared edge belongs to both triangles; they agree there, so either may write it.
    const eps = -1e-4;
    for (let py = minY; py <= maxY; py++) {
      const cy = py + 0.5;
      for (let px = minX; px <= maxX; px++) {
        const cx = px + 0.5;
        const l1 = ((cx - x0) * (y2 - y0) - (x2 - x0) * (cy - y0)) * inv;
        const l2 = ((x1 - x0) * (cy - y0) - (cx - x0) * (y1 - y0)) * inv;
        const l0 = 1 - l1 - l2;
        if (l0 < eps || l1 < eps || l2 < eps) continue;
        const o = (py * stride + px) * 4;
        const alphaHere = l0 * a0 + l1 * a1 + l2 * a2;
        if (alphaHere <= 0) {
          out[o + 3] = 0;
          continue;
        }
        let sx = l0 * sx0 + l1 * sx1 + l2 * sx2;
        let sy = l0 * sy0 + l1 * sy1 + l2 * sy2;
        if (sx < 0) sx = 0;
        else if (sx > sw - 1.001) sx = sw - 1.001;
        if (sy < 0) sy = 0;
        else if (sy > sh - 1.001) sy = sh - 1.001;
        const ix = sx | 0, iy = sy | 0;
        const fx = sx - ix, fy = sy - iy;
        const i00 = (iy * sw + ix) * 4;
        const i01 = i00 + 4;
        const i10 = i00 + sw * 4;
        const i11 = i10 + 4;
        const w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
        out[o] = src[i00] * w00 + src[i01] * w01 + src[i10] * w10 + src[i11] * w11;
        out[o + 1] = src[i00 + 1] * w00 + src[i01 + 1] * w01 + src[i10 + 1] * w10 + src[i11 + 1] * w11;
        out[o + 2] = src[i00 + 2] * w00 + src[i01 + 2] * w01 + src[i10 + 2] * w10 + src[i11 + 2] * w11;
        // Feathered rings fade smoothly (smoothstep of the interpolated alpha).
        out[o + 3] = 255 * smoothstep(alphaHere, 0, 1);
      }
    }
  }
}

/** Bilinear sample of the source at a prepared-photo position, into rgb. */
export function sampleSource(source: SourceLevel, x: number, y: number, rgb: Float64Array): void {
  let sx = (x - source.x) * source.scale - 0.5;
  let sy = (y - source.y) * source.scale - 0.5;
  sx = Math.max(0, Math.min(source.width - 1.001, sx));
  sy = Math.max(0, Math.min(source.height - 1.001, sy));
  const ix = sx | 0, iy = sy | 0;
  const fx = sx - ix, fy = sy - iy;
  const d = source.data;
  const i00 = (iy * source.width + ix) * 4;
  const i10 = i00 + source.width * 4;
  for (let c = 0; c < 3; c++) {
    rgb[c] = (d[i00 + c] * (1 - fx) + d[i00 + 4 + c] * fx) * (1 - fy) + (d[i10 + c] * (1 - fx) + d[i10 + 4 + c] * fx) * fy;
  }
}

/**
 * Fills the closed polygon (patch pixel coordinates) with `shade`, anti-aliased over one pixel by
 * the distance to its edges, composited over what the patch already holds.
 */
export function fillPolygon(
  patch: Patch,
  polygon: Float64Array,
  shade: (px: number, py: number, rgb: Float64Array) => void,
): void {
  const n = polygon.length / 2;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, polygon[2 * i]);
    maxX = Math.max(maxX, polygon[2 * i]);
    minY = Math.min(minY, polygon[2 * i + 1]);
    maxY = Math.max(maxY, polygon[2 * i + 1]);
  }
  const x0 = Math.max(0, Math.floor(minX - 1)), x1 = Math.min(patch.width - 1, Math.ceil(maxX + 1));
  const y0 = Math.max(0, Math.floor(minY - 1)), y1 = Math.min(patch.height - 1, Math.ceil(maxY + 1));
  const rgb = new Float64Array(3);
  const out = patch.data;
  for (let py = y0; py <= y1; py++) {
    const cy = py + 0.5;
    for (let px = x0; px <= x1; px++) {
      const cx = px + 0.5;
      let inside = false;
      let d2 = Infinity;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const xi = polygon[2 * i], yi = polygon[2 * i + 1], xj = polygon[2 * j], yj = polygon[2 * j + 1];
        if (yi > cy !== yj > cy && cx < ((xj - xi) * (cy - yi)) / (yj - yi) + xi) inside = !inside;
        const ex = xj - xi, ey = yj - yi;
        const l2 = ex * ex + ey * ey;
        const s = l2 > 0 ? clamp(((cx - xi) * ex + (cy - yi) * ey) / l2, 0, 1) : 0;
        const qx = xi + s * ex - cx, qy = yi + s * ey - cy;
        d2 = Math.min(d2, qx * qx + qy * qy);
      }
      const d = Math.sqrt(d2);
      const cover = inside ? Math.min(1, 0.5 + d) : Math.max(0, 0.5 - d);
      if (cover <= 0) continue;
      shade(cx, cy, rgb);
      const o = (py * patch.stride + px) * 4;
      const under = out[o + 3] / 255;
      const a = cover + under * (1 - cover);
      for (let c = 0; c < 3; c++) out[o + c] = (rgb[c] * cover + out[o + c] * under * (1 - cover)) / a;
      out[o + 3] = 255 * a;
    }
  }
}
