export * from "./render-music-video.ts";
export * from "./artifact-store.ts";
export * from "./progress.ts";
export * from "./render-still.ts";
export * from "./plan-chunks.ts";
export * from "./render-chunk.ts";
export * from "./join-chunks.ts";
export * from "./encode-song-audio.ts";
