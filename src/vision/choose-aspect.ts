import type { Aspect } from "../core/schemas/common.ts";

/**
 * The video's aspect ratio when the user gives none (DESIGN.md "Time and formats"): portrait
 * photos → 9:16, otherwise 16:9; no photos → 16:9. With several photos the majority decides and a
 * tie goes to 16:9, the format most players show best. Square photos count as not portrait.
 * Sizes are as displayed (after EXIF orientation).
 */
export function chooseAspect(photos: ReadonlyArray<{ width: number; height: number }>): Aspect {
  let portrait = 0;
  for (const photo of photos) if (photo.height > photo.width) portrait++;
  return portrait * 2 > photos.length ? "9:16" : "16:9";
}
