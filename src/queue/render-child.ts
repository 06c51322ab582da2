/**
 * A render job's own process: the pipeline (CPU-bound for minutes) runs here, never on the API's
 * event loop, so the server keeps answering and its heartbeats keep the lease while videos render.
 * Started by render-runner.ts with an IPC channel; if the server dies the channel closes and this
 * process aborts the render (killing ffmpeg) and exits, so a restarted server can take the job.
 */
import { toMvgenError } from "../core/errors.ts";
import { createMedia } from "../media/media.ts";
import { renderMusicVideo } from "../pipeline/render-music-video.ts";
import { moderateVideo } from "../moderation/moderate-video.ts";
import type { ChildMessage, ParentMessage, RenderOrder } from "./render-protocol.ts";

if (!process.send) throw new Error("render-child.ts runs as a child process of the render runner");

const controller = new AbortController();
/** Sends to the runner; after the server is gone there is no one to tell, so nothing is sent. */
const send = (message: ChildMessage) =>
  new Promise<void>((resolve) => {
    if (!process.connected) return resolve();
    process.send!(message, undefined, {}, () => resolve());
  });

process.on("disconnect", () => {
  controller.abort(new Error("the server went away"));
  // Give ffmpeg a moment to be killed through the abort, then leave whatever is left.
  setTimeout(() => process.exit(1), 2000).unref();
});

async function render(order: RenderOrder): Promise<ChildMessage> {
  const media = createMedia();
  let lastSent = 0;
  let lastStage = "";
  const result = await renderMusicVideo({
    audio: order.audioPath,
    images: [...order.imagePaths],
    prompt: order.prompt,
    lyrics: order.lyricsPath,
    aspect: order.aspect,
    resolution: order.resolution,
    output: order.outputPath,
    keepArtifacts: order.artifactsDir,
    media,
    signal: controller.signal,
    onProgress: (event) => {
      // ≤ 4 messages a second, plus every stage change: enough for a progress bar.
      const now = performance.now();
      if (event.stage === lastStage && now - lastSent < 250) return;
      lastSent = now;
      lastStage = event.stage;
      void send({ type: "progress", stage: event.stage, percent: event.percent });
    },
  });

  void send({ type: "progress", stage: "moderation", percent: 99.5 });
  const nsfw = await moderateVideo({
    photos: order.imagePaths,
    video: result.output,
    duration: result.duration,
    frames: order.nsfwFrames,
    ffmpegPath: media.tools.ffmpeg.path,
    signal: controller.signal,
  });
  return { type: "done", nsfw, width: result.width, height: result.height, duration: result.duration };
}

process.on("message", (message: ParentMessage) => {
  if (message.type === "cancel") {
    controller.abort(new Error("cancelled"));
    return;
  }
  render(message)
    .catch((thrown): ChildMessage => {
      const error = toMvgenError(thrown);
      return { type: "error", code: error.code, kind: error.kind, message: error.message };
    })
    .then(async (reply) => {
      await send(reply);
      if (process.connected) process.disconnect();
      process.exit(0);
    });
});
