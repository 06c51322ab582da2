/** Messages between the render runner (in the server process) and one render child process. */
import type { Aspect, Resolution } from "../core/schemas/common.ts";

export interface RenderOrder {
  readonly type: "render";
  readonly audioPath: string;
  readonly imagePaths: readonly string[];
  readonly prompt?: string;
  readonly lyricsPath?: string;
  readonly aspect?: Aspect;
  readonly resolution: Resolution;
  readonly outputPath: string;
  readonly artifactsDir: string;
  /** Frames of the finished video the NSFW check samples (besides every photo). */
  readonly nsfwFrames: number;
}

export type ParentMessage = RenderOrder | { readonly type: "cancel" };

export type ChildMessage =
  | { readonly type: "progress"; readonly stage: string; readonly percent: number }
  | { readonly type: "done"; readonly nsfw: boolean; readonly width: number; readonly height: number; readonly duration: number }
  | { readonly type: "error"; readonly code: string; readonly kind: string; readonly message: string };
