/**
 * Running median over a window of `width` values (odd), on a strided view of a buffer, so one
 * routine filters a spectrogram along time (stride = bins per frame) and along frequency
 * (stride 1). The window is kept sorted: each step removes the leaving value and inserts the
 * entering one by binary search, O(width) per output instead of O(width·log width) for a sort.
 * Values outside the signal are treated as 0 (the edges of a spectrogram are silence), as in
 * scipy.ndimage.median_filter with mode="constant", which librosa's HPSS uses.
 */

function insertSorted(window: Float64Array, count: number, value: number): void {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (window[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  // A plain loop: for windows of ≈ 17 values it is several times faster than copyWithin's call.
  for (let j = count; j > lo; j--) window[j] = window[j - 1];
  window[lo] = value;
}

function removeSorted(window: Float64Array, count: number, value: number): void {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (window[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  for (let j = lo; j < count - 1; j++) window[j] = window[j + 1];
}

/**
 * out[k·outStride + outOffset] = median of src[j·stride + offset] for j in
 * [k − width/2, k + width/2], k = 0 … length − 1. `scratch` needs `width` entries; pass one to
 * avoid allocating per call.
 */
export function runningMedian(
  src: Float32Array,
  offset: number,
  stride: number,
  out: Float32Array,
  outOffset: number,
  outStride: number,
  length: number,
  width: number,
  scratch: Float64Array = new Float64Array(width),
): void {
  const w = Math.max(1, width | 1);
  const half = w >> 1;
  const at = (k: number) => (k >= 0 && k < length ? src[offset + k * stride] : 0);
  let count = 0;
  for (let j = -half; j <= half; j++) insertSorted(scratch, count++, at(j));
  for (let k = 0; k < length; k++) {
    out[outOffset + k * outStride] = scratch[half];
    removeSorted(scratch, count, at(k - half));
    insertSorted(scratch, count - 1, at(k + half + 1));
  }
}
