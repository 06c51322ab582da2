/** The mvgen library: the same pipeline the CLI and the server use. */
export { renderMusicVideo, planMusicVideo, renderTimeline, analyzeSong } from "./pipeline/render-music-video.ts";
export type { MusicVideoRequest, RenderMusicVideoOptions, RenderResult, MusicVideoPlan, PipelineContext } from "./pipeline/render-music-video.ts";
export type { ProgressEvent, ProgressListener, Stage } from "./pipeline/progress.ts";
export { readArtifact, writeArtifacts } from "./pipeline/artifact-store.ts";
export { renderFramePng } from "./pipeline/render-still.ts";
export { parseArtifact, serializeArtifact } from "./core/artifact.ts";
export { MvgenError, isMvgenError } from "./core/errors.ts";
export type { AudioAnalysis } from "./core/schemas/analysis.ts";
export type { Storyboard, Shot } from "./core/schemas/storyboard.ts";
export type { Timeline, Clip } from "./core/schemas/timeline.ts";
export { createMedia } from "./media/media.ts";
