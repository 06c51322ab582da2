export * from "./render-music-video.ts";
export * from "./artifact-store.ts";
export * from "./progress.ts";
export * from "./render-still.ts";
