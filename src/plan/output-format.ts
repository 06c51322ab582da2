/** The output's shape: pixel sizes per resolution and aspect, and the CLI values that choose them. */
import type { Aspect, Resolution } from "../core/schemas/common.ts";
import { fps, type Fps } from "../core/units.ts";
import { MvgenError } from "../core/errors.ts";

/** 480p → 854×480 (854 is the even width nearest 16:9), 720p → 1280×720; 9:16 swaps them. */
const SIZES: Record<Resolution, readonly [number, number]> = { "480p": [854, 480], "720p": [1280, 720] };

export const SUPPORTED_FPS = [24, 25, 30] as const;
export const DEFAULT_FPS: Fps = fps(25);

export function outputSize(aspect: Aspect, resolution: Resolution): { width: number; height: number } {
  const [long, short] = SIZES[resolution];
  return aspect === "16:9" ? { width: long, height: short } : { width: short, height: long };
}

export function parseAspect(value: string): Aspect {
  if (value === "16:9" || value === "9:16") return value;
  throw new MvgenError("INVALID_OPTION", `aspect ratio "${value}" is not supported; use 16:9 or 9:16.`, {
    details: { field: "aspect", value },
  });
}

export function parseResolution(value: string): Resolution {
  if (value === "480p" || value === "720p") return value;
  throw new MvgenError("INVALID_OPTION", `resolution "${value}" is not supported; use 480p or 720p.`, {
    details: { field: "resolution", value },
  });
}

export function parseFps(value: string | number): Fps {
  const n = Number(value);
  if (!(SUPPORTED_FPS as readonly number[]).includes(n)) {
    throw new MvgenError("INVALID_OPTION", `frame rate ${value} is not supported; use 24, 25 or 30.`, {
      details: { field: "fps", value },
    });
  }
  return fps(n);
}

export function parseSeed(value: string | number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new MvgenError("INVALID_OPTION", `seed ${value} is not a whole number from 0 to 4294967295; pick one in that range.`, {
      details: { field: "seed", value },
    });
  }
  return n;
}

export function parseShare(value: string | number): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) {
    throw new MvgenError("INVALID_OPTION", `lip-sync share ${value} is not between 0 and 1; use e.g. 0.8 for 80 % of the sung time.`, {
      details: { field: "lipSyncShare", value },
    });
  }
  return n;
}
