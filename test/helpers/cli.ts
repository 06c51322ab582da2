import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the mvgen CLI from the checkout, as `npm run mvgen -- …` does. */
export function mvgen(args: string[], env: Record<string, string> = {}): CliRun {
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Starts the mvgen CLI from the checkout as a long-running process (`serve`, `worker`): stdout is
 * piped (for waitForLine), stderr piped or shared with this process.
 */
export function spawnMvgen(args: string[], env: Record<string, string> = {}, stderr: "pipe" | "inherit" = "pipe"): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", stderr] });
}

/**
 * Resolves with the first match of `pattern` in what the process printed on stdout so far (a line
 * like "mvgen API on http://…"); rejects, with its output, if it exits first.
 */
export function waitForLine(child: ChildProcess, pattern: RegExp, what = "the process"): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const onOut = (chunk: Buffer | string) => {
      out += chunk;
      const match = pattern.exec(out);
      if (!match) return;
      stop();
      resolve(match);
    };
    const onErr = (chunk: Buffer | string) => (err += chunk);
    const onExit = (code: number | null) => {
      stop();
      reject(new Error(`${what} exited with ${code} before printing ${pattern}: ${out}${err ? `\n${err.slice(-4000)}` : ""}`));
    };
    const stop = () => {
      child.stdout!.off("data", onOut);
      child.stderr?.off("data", onErr);
      child.off("exit", onExit);
    };
    child.stdout!.on("data", onOut);
    child.stderr?.on("data", onErr);
    child.once("exit", onExit);
  });
}
