/**
 * Focus measure: variance of the 4-neighbour Laplacian of the luminance (Pech-Pacheco et al.,
 * "Diatom autofocusing in brightfield microscopy", ICPR 2000). Sharp edges give large second
 * derivatives; defocus and motion blur remove them. Pure, so it is tested on generated pixels.
 */

/** @param rgba interleaved RGBA bytes, `width × height` pixels. @returns variance [grey levels²]. */
export function laplacianVariance(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  const grey = new Float32Array(width * height);
  for (let i = 0; i < grey.length; i++) {
    // Rec. 601 luma weights: what "brightness" means to most image tools.
    grey[i] = 0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2];
  }
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const lap = grey[i - 1] + grey[i + 1] + grey[i - width] + grey[i + width] - 4 * grey[i];
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}
