import { execFileSync } from "node:child_process";
import { resolveMediaTools } from "../../src/media/tools.ts";
import { parseProbe, type MediaInfo } from "../../src/media/probe.ts";
import { probeArgs } from "../../src/media/args.ts";

export const tools = resolveMediaTools();

export function ffprobe(path: string): MediaInfo {
  return parseProbe(execFileSync(tools.ffprobe.path, probeArgs(path)).toString("utf8"));
}

export function ffmpeg(args: string[]): void {
  execFileSync(tools.ffmpeg.path, ["-v", "error", "-y", ...args]);
}
