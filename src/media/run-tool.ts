import { spawn } from "node:child_process";
import { MvgenError } from "../core/errors.ts";

export interface ToolResult {
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a media tool to completion, collecting stdout; a non-zero exit throws with stderr's tail. */
export async function runTool(path: string, args: readonly string[], signal?: AbortSignal): Promise<ToolResult> {
  const out: Buffer[] = [];
  const { stderr } = await streamTool(path, args, (chunk) => out.push(chunk), signal);
  return { stdout: Buffer.concat(out), stderr };
}

/** Runs a media tool, handing each stdout chunk to `onChunk` as it arrives (nothing is collected). */
export function streamTool(
  path: string,
  args: readonly string[],
  onChunk: (chunk: Buffer) => void,
  signal?: AbortSignal,
): Promise<{ stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { stdio: ["ignore", "pipe", "pipe"], signal });
    const err: Buffer[] = [];
    child.stdout.on("data", onChunk);
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => {
      if (error.name === "AbortError") reject(new MvgenError("ABORTED", "The job was cancelled.", { cause: error }));
      else reject(new MvgenError("FFMPEG_NOT_FOUND", `Could not start ${path}: ${error.message}`, { cause: error }));
    });
    child.on("close", (code) => {
      const stderr = Buffer.concat(err).toString("utf8");
      if (code === 0) resolve({ stderr });
      else reject(new MvgenError("FFMPEG_FAILED", `${path} exited with ${code}: ${lastLines(stderr)}`, { details: { code, stderr } }));
    });
  });
}

export function lastLines(text: string, count = 3): string {
  return text.trim().split("\n").slice(-count).join(" | ") || "(no message)";
}
