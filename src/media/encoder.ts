import { spawn } from "node:child_process";
import { once } from "node:events";
import { MvgenError } from "../core/errors.ts";
import { lastLines } from "./run-tool.ts";

/** Where rendered frames go: one long-lived ffmpeg process fed raw RGBA on stdin. */
export interface FrameSink {
  /** Resolves once ffmpeg has taken the frame (back-pressure: memory stays flat). */
  write(rgba: Uint8Array): Promise<void>;
  /** Closes stdin and waits for ffmpeg to finish the file. */
  finish(): Promise<void>;
  /** Kills ffmpeg; the caller removes the partial file. */
  abort(): void;
}

export function openEncoder(ffmpeg: string, args: readonly string[], frameBytes: number): FrameSink {
  const child = spawn(ffmpeg, args, { stdio: ["pipe", "ignore", "pipe"] });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  let failure: MvgenError | undefined;
  const closed = new Promise<number | null>((resolve) => {
    child.on("error", (error) => {
      failure = new MvgenError("FFMPEG_NOT_FOUND", `Could not start ${ffmpeg}: ${error.message}`, { cause: error });
      resolve(null);
    });
    child.on("close", (code) => resolve(code));
  });
  // A broken pipe means ffmpeg died; its exit status and stderr say why, so the EPIPE itself is noise.
  child.stdin.on("error", () => {});
  const failed = (code: number | null) =>
    failure ??
    new MvgenError("FFMPEG_FAILED", `ffmpeg stopped encoding (exit ${code}): ${lastLines(Buffer.concat(stderr).toString("utf8"))}`);

  return {
    async write(rgba) {
      if (rgba.length !== frameBytes) {
        throw new MvgenError("INTERNAL", `frame has ${rgba.length} bytes, expected ${frameBytes}`);
      }
      if (child.exitCode !== null || failure) throw failed(child.exitCode);
      if (!child.stdin.write(rgba)) {
        const drained = once(child.stdin, "drain").then(() => undefined);
        const died = closed.then((code) => Promise.reject(failed(code)));
        await Promise.race([drained, died]);
      }
    },
    async finish() {
      child.stdin.end();
      const code = await closed;
      if (code !== 0) throw failed(code);
    },
    abort() {
      child.kill("SIGKILL");
    },
  };
}
