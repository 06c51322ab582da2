/**
 * Which ffmpeg and ffprobe mvgen runs: MVGEN_FFMPEG / MVGEN_FFPROBE if set, else the system's
 * (on PATH), else the binaries shipped in the optional npm packages. Resolution is a pure function
 * of the environment and a file-existence check, so it is testable.
 */
import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";
import { MvgenError } from "../core/errors.ts";

export type ToolName = "ffmpeg" | "ffprobe";
export type ToolOrigin = "env" | "system" | "npm";

export interface ResolvedTool {
  readonly name: ToolName;
  readonly path: string;
  readonly origin: ToolOrigin;
}

export interface ToolLookup {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isExecutable: (path: string) => boolean;
  /** The path of the npm-shipped binary, if that package is installed. */
  readonly npmBinary: (name: ToolName) => string | undefined;
}

const ENV_VAR: Record<ToolName, string> = { ffmpeg: "MVGEN_FFMPEG", ffprobe: "MVGEN_FFPROBE" };

export function resolveTool(name: ToolName, lookup: ToolLookup): ResolvedTool {
  const override = lookup.env[ENV_VAR[name]];
  if (override) {
    if (!lookup.isExecutable(override)) {
      throw new MvgenError(
        "FFMPEG_NOT_FOUND",
        `${ENV_VAR[name]}=${override} is not an executable file; point it at a ${name} binary or unset it.`,
      );
    }
    return { name, path: override, origin: "env" };
  }
  for (const dir of (lookup.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (lookup.isExecutable(candidate)) return { name, path: candidate, origin: "system" };
  }
  const shipped = lookup.npmBinary(name);
  if (shipped && lookup.isExecutable(shipped)) return { name, path: shipped, origin: "npm" };
  throw new MvgenError(
    "FFMPEG_NOT_FOUND",
    `No ${name} found: install it (Debian: apt-get install ffmpeg) or set ${ENV_VAR[name]} to its path.`,
  );
}

const require = createRequire(import.meta.url);

export const systemToolLookup: ToolLookup = {
  env: process.env,
  isExecutable: (path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  npmBinary: (name) => {
    try {
      const pkg = name === "ffmpeg" ? "@ffmpeg-installer/ffmpeg" : "@ffprobe-installer/ffprobe";
      return (require(pkg) as { path: string }).path;
    } catch {
      return undefined;
    }
  },
};

export interface MediaTools {
  readonly ffmpeg: ResolvedTool;
  readonly ffprobe: ResolvedTool;
}

export function resolveMediaTools(lookup: ToolLookup = systemToolLookup): MediaTools {
  return { ffmpeg: resolveTool("ffmpeg", lookup), ffprobe: resolveTool("ffprobe", lookup) };
}
