/** A progress bar on a terminal; plain stage lines when stderr is not one (CI logs, pipes). */
import cliProgress from "cli-progress";
import type { ProgressEvent, ProgressListener } from "../pipeline/progress.ts";

export interface ProgressDisplay {
  readonly listener: ProgressListener;
  stop(): void;
}

export function createProgressDisplay(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  if (!enabled) return { listener: () => {}, stop: () => {} };
  if (!stream.isTTY) {
    let lastStage = "";
    return {
      listener: (event) => {
        if (event.stage !== lastStage) stream.write(`mvgen: ${event.stage}…\n`);
        lastStage = event.stage;
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{stage} |{bar}| {percentage}% {frames} eta {eta_formatted}",
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { stage: "start".padEnd(7), frames: "" });
  return {
    listener: (event: ProgressEvent) => {
      const frames = event.frames ? `frame ${event.frame ?? 0}/${event.frames}` : "";
      bar.update(event.percent, { stage: event.stage.padEnd(7), frames });
    },
    stop: () => bar.stop(),
  };
}
