import { spawn } from "node:child_process";
import { MvgenError } from "../core/errors.ts";

export interface ToolResult {
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a media tool to completion, collecting stdout; a non-zero exit throws with stderr's tail. */
export function runTool(path: string, args: readonly string[], signal?: AbortSignal): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { stdio: ["ignore", "pipe", "pipe"], signal });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => {
      if (error.name === "AbortError") reject(new MvgenError("ABORTED", "The job was cancelled.", { cause: error }));
      else reject(new MvgenError("FFMPEG_NOT_FOUND", `Could not start ${path}: ${error.message}`, { cause: error }));
    });
    child.on("close", (code) => {
      const stderr = Buffer.concat(err).toString("utf8");
      if (code === 0) resolve({ stdout: Buffer.concat(out), stderr });
      else reject(new MvgenError("FFMPEG_FAILED", `${path} exited with ${code}: ${lastLines(stderr)}`, { details: { code, stderr } }));
    });
  });
}

export function lastLines(text: string, count = 3): string {
  return text.trim().split("\n").slice(-count).join(" | ") || "(no message)";
}
