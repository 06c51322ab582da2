/** What `mvgen doctor` reports about the media tools: which binaries, their versions, the encoders. */
import { runTool } from "./run-tool.ts";
import type { MediaTools, ResolvedTool } from "./tools.ts";

/** Encoders the output contract needs: H.264 video and AAC audio. */
export const REQUIRED_ENCODERS = ["libx264", "aac"] as const;

export interface ToolReport extends ResolvedTool {
  readonly version: string;
}

export interface MediaReport {
  readonly ffmpeg: ToolReport;
  readonly ffprobe: ToolReport;
  readonly encoders: Record<(typeof REQUIRED_ENCODERS)[number], boolean>;
}

/** Finds each encoder's row in `ffmpeg -encoders` output (pure, tested on captured text). */
export function parseEncoders(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const match = /^\s[VAS][A-Z.]{5}\s+(\w[\w-]*)\s/.exec(line);
    if (match) names.add(match[1]);
  }
  return names;
}

async function version(tool: ResolvedTool): Promise<string> {
  const { stdout } = await runTool(tool.path, ["-hide_banner", "-version"]);
  return stdout.toString("utf8").split("\n")[0]?.trim() ?? "unknown";
}

export async function inspectMediaTools(tools: MediaTools): Promise<MediaReport> {
  const [ffmpegVersion, ffprobeVersion, encoderList] = await Promise.all([
    version(tools.ffmpeg),
    version(tools.ffprobe),
    runTool(tools.ffmpeg.path, ["-hide_banner", "-encoders"]),
  ]);
  const available = parseEncoders(encoderList.stdout.toString("utf8"));
  return {
    ffmpeg: { ...tools.ffmpeg, version: ffmpegVersion },
    ffprobe: { ...tools.ffprobe, version: ffprobeVersion },
    encoders: { libx264: available.has("libx264"), aac: available.has("aac") },
  };
}
