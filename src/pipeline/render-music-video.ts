/**
 * The pipeline: song + photos + prompt → analysis → storyboard → timeline → frames → MP4.
 * The CLI, the server and the library entry point all call these functions.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Image } from "@napi-rs/canvas";
import type { AudioAnalysis } from "../core/schemas/analysis.ts";
import type { Storyboard } from "../core/schemas/storyboard.ts";
import type { Timeline } from "../core/schemas/timeline.ts";
import type { Aspect, PhotoRef, Resolution } from "../core/schemas/common.ts";
import { mixToMono, type PcmAudio } from "../core/audio.ts";
import { MvgenError, throwIfAborted } from "../core/errors.ts";
import { fpsToNumber, frameCountFor, hz, seconds, type Fps } from "../core/units.ts";
import { parseArtifact } from "../core/artifact.ts";
import { createMedia, type Media } from "../media/media.ts";
import { checkAudioInput } from "../media/audio-input.ts";
import { loadPhoto } from "../media/photo.ts";
import { analyzeAudio } from "../analysis/analyze.ts";
import { styleFromPrompt } from "../plan/style.ts";
import { planStoryboard } from "../plan/plan-storyboard.ts";
import { compileTimeline } from "../plan/compile-timeline.ts";
import { DEFAULT_FPS, outputSize } from "../plan/output-format.ts";
import { chooseAspect } from "../vision/choose-aspect.ts";
import { inspectPhotos } from "../vision/inspect-photos.ts";
import type { Performer } from "../core/schemas/performer.ts";
import { registeredCameraMoves, registeredTransitions } from "../render/index.ts";
import type { PlanCatalogue } from "../core/catalogue.ts";
import { writeArtifacts } from "./artifact-store.ts";
import { encodeFrames, mustExist, songOutputRate, videoResult, writeAtomically } from "./output-file.ts";
import { photoRef } from "./photo-landmarks.ts";
import { computeMouthTrack } from "../analysis/mouth/mouth-track.ts";
import { computeMouthFeatures, type MouthFeatures } from "../analysis/mouth/mouth-features.ts";
import { lyricPhones, readLyrics } from "./lyrics-file.ts";
import type { PhoneSpan } from "../analysis/lyrics/time-phones.ts";
import { writeGeneratedPerformer } from "./generated-performer-files.ts";
import { stageProgress, type ProgressListener } from "./progress.ts";

/** [Hz] analysis rate: 22.05 kHz keeps everything up to 11 kHz (voice formants, hi-hats) at half the cost of 44.1 kHz. */
export const ANALYSIS_SAMPLE_RATE = hz(22050);
export const MAX_PHOTOS = 3;
/** Peak below −60 dBFS counts as silence: nothing to cut to or sing. */
const SILENCE_PEAK = 0.001;

export interface MusicVideoRequest {
  /** Path of the song (MP3, WAV, M4A; FLAC and OGG also work). */
  readonly audio: string;
  /** Up to three photos of the performer. */
  readonly images?: readonly string[];
  readonly prompt?: string;
  /** Omitted: portrait photos → 9:16, otherwise 16:9. */
  readonly aspect?: Aspect;
  readonly resolution?: Resolution;
  readonly fps?: Fps;
  readonly seed?: number;
  /** Share of the sung time that shows the singing face, 0–1. */
  readonly lipSyncShare?: number;
  /** Path of the lyrics (plain text or LRC): the mouth then follows their phones. */
  readonly lyrics?: string;
}

export interface PipelineContext {
  readonly media?: Media;
  /**
   * Where generated files go (person masks, the drawn performer); timelines point at them, so
   * keep it as long as the timeline. Default: a new temporary folder.
   */
  readonly workDir?: string;
  /** Threads rendering frames; 1 renders on the calling thread. Default: one per core. */
  readonly renderThreads?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

export interface MusicVideoPlan {
  readonly analysis: AudioAnalysis;
  /** What the vision stage found in the photos, or the drawn performer. */
  readonly performer: Performer;
  readonly storyboard: Storyboard;
  readonly timeline: Timeline;
  /**
   * The decoded photos (or the drawn performer), in timeline order: a one-thread render (stills,
   * previews, `renderThreads: 1`) uses them instead of decoding again; render threads decode their own.
   */
  readonly images: readonly Image[];
  /** The folder the timeline's generated files are in. */
  readonly workDir: string;
}

export interface RenderResult {
  readonly output: string;
  readonly width: number;
  readonly height: number;
  readonly fps: Fps;
  readonly frames: number;
  /** [s] of video. */
  readonly duration: number;
}

export const planCatalogue = (): PlanCatalogue => ({
  cameraMoves: registeredCameraMoves().map((m) => m.info),
  transitions: registeredTransitions().map((t) => t.info),
});

/** Probe, check, decode and analyse a song: the AudioAnalysis artifact. */
export async function analyzeSong(path: string, context: PipelineContext = {}): Promise<AudioAnalysis> {
  return (await decodeAndAnalyze(path, context)).analysis;
}

/** analyzeSong, also keeping the song as mono samples for the stages after it (the mouth track). */
async function decodeAndAnalyze(path: string, context: PipelineContext): Promise<{ analysis: AudioAnalysis; mono: PcmAudio }> {
  const media = context.media ?? createMedia();
  const report = context.onProgress ?? (() => {});
  const audioPath = resolve(path);
  await mustExist(audioPath, "the song");
  report({ stage: "probe", percent: stageProgress("probe", 0) });
  const probed = checkAudioInput(await media.probe(audioPath, context.signal), audioPath);
  throwIfAborted(context.signal);

  report({ stage: "decode", percent: stageProgress("decode", 0) });
  const channels = (probed.channels ?? 1) >= 2 ? 2 : 1;
  const pcm = await media.decodeAudio(audioPath, ANALYSIS_SAMPLE_RATE, channels, context.signal, probed.duration);
  checkNotSilent(pcm, audioPath);
  throwIfAborted(context.signal);

  report({ stage: "analyze", percent: stageProgress("analyze", 0) });
  const analysis = analyzeAudio(pcm, {
    onProgress: (fraction: number) => report({ stage: "analyze", percent: stageProgress("analyze", fraction) }),
  });
  throwIfAborted(context.signal);
  // The mono mix is kept, the stereo dropped: the mouth track needs no second decode of the song.
  return { analysis: parseArtifact("analysis", analysis), mono: { sampleRate: pcm.sampleRate, channels: [mixToMono(pcm)] } };
}

/** The singer's mouth per video frame (src/analysis/mouth), from the song's mono mix. */
function mouthTrackFor(song: PcmAudio, analysis: AudioAnalysis, fps: Fps, duration: number, features: MouthFeatures, phones?: PhoneSpan[]) {
  return computeMouthTrack({
    phones,
    features,
    samples: song.channels[0] ?? new Float32Array(0),
    sampleRate: song.sampleRate,
    vocalActivity: analysis.vocalActivity,
    vocalSegments: analysis.vocalSegments,
    fps: fpsToNumber(fps),
    frameCount: frameCountFor(seconds(duration), fps),
  });
}

/** Probe, decode and analyse the song, inspect the photos, and plan: everything but the pixels. */
export async function planMusicVideo(request: MusicVideoRequest, context: PipelineContext = {}): Promise<MusicVideoPlan> {
  const media = context.media ?? createMedia();
  const report = context.onProgress ?? (() => {});
  const images = request.images ?? [];
  if (images.length > MAX_PHOTOS) {
    throw new MvgenError("TOO_MANY_PHOTOS", `${images.length} photos were given; mvgen takes at most ${MAX_PHOTOS} — drop ${images.length - MAX_PHOTOS}.`, {
      details: { count: images.length, limit: MAX_PHOTOS },
    });
  }
  const audioPath = resolve(request.audio);
  const style = styleFromPrompt(request.prompt ?? "");
  const lyrics = request.lyrics ? await readLyrics(resolve(request.lyrics)) : undefined;

  const { analysis, mono } = await decodeAndAnalyze(audioPath, { ...context, media });

  report({ stage: "photos", percent: stageProgress("photos", 0) });
  const workDir = context.workDir ?? (await mkdtemp(join(tmpdir(), "mvgen-")));
  await mkdir(workDir, { recursive: true });
  const seed = request.seed ?? 1;
  const loaded = [];
  for (const [i, path] of images.entries()) loaded.push(await loadPhoto(resolve(path), `photo ${i + 1}`));
  let performer: Performer;
  let photos: PhotoRef[];
  let decoded: Image[];
  if (loaded.length > 0) {
    // Faces are found before anything is rendered: a photo without one is refused here, at no cost.
    performer = await inspectPhotos(
      loaded.map((p) => ({ path: p.path, bytes: p.bytes })),
      {
        maskDir: join(workDir, "masks"),
        signal: context.signal,
        onProgress: (done, total) => report({ stage: "photos", percent: stageProgress("photos", done / total) }),
      },
    );
    photos = loaded.map((p, i) => photoRef(performer.images[i], p.width, p.height));
    decoded = loaded.map((p) => p.image);
  } else {
    // No photo: a drawn singer matched to the voice, coloured by the look.
    const generated = await writeGeneratedPerformer(workDir, analysis.voice.class, seed, style.look);
    performer = generated.performer;
    photos = [photoRef(performer.images[0], generated.image.width, generated.image.height)];
    decoded = [generated.image as unknown as Image];
  }

  report({ stage: "plan", percent: stageProgress("plan", 0) });
  const aspect = request.aspect ?? chooseAspect(loaded);
  const resolution = request.resolution ?? "480p";
  const storyboard = planStoryboard(
    analysis,
    photos,
    style,
    {
      seed,
      aspect,
      lipSyncShare: request.lipSyncShare,
      resolution,
      ...outputSize(aspect, resolution),
      fps: request.fps ?? DEFAULT_FPS,
      audioPath,
    },
    planCatalogue(),
  );
  // The planner's output goes through the same validation as an edited file would.
  const features = computeMouthFeatures(mono.channels[0] ?? new Float32Array(0), mono.sampleRate);
  const phones = lyrics ? await lyricPhones(lyrics, analysis.vocalSegments, storyboard.audio.duration, { values: features.voiceDb, rate: features.rate }) : undefined;
  const mouth = mouthTrackFor(mono, analysis, storyboard.output.fps, storyboard.audio.duration, features, phones);
  const timeline = parseArtifact("timeline", compileTimeline(parseArtifact("storyboard", storyboard), analysis, mouth));
  return { analysis, performer, storyboard, timeline, images: decoded, workDir };
}

/**
 * Renders a Timeline to an MP4: frames stream as raw RGBA into one ffmpeg process that also muxes
 * the song. The file appears at `output` only when complete; a failure leaves nothing behind.
 */
export async function renderTimeline(
  timeline: Timeline,
  output: string,
  context: PipelineContext & { images?: readonly Image[] } = {},
): Promise<RenderResult> {
  const media = context.media ?? createMedia();
  const report = context.onProgress ?? (() => {});
  const outputPath = resolve(output);
  const audioSampleRate = await songOutputRate(timeline, media, context.signal);
  await writeAtomically(outputPath, async (partial) => {
    const sink = media.openVideoEncoder({
      width: timeline.width,
      height: timeline.height,
      fps: timeline.fps,
      audioPath: timeline.audio.path,
      outputPath: partial,
      audioSampleRate,
    });
    await encodeFrames(timeline, { start: 0, end: timeline.frameCount }, sink, report, context);
  });
  report({ stage: "done", percent: 100 });
  return videoResult(outputPath, timeline);
}

export interface RenderMusicVideoOptions extends MusicVideoRequest, PipelineContext {
  /** Where the MP4 goes. */
  readonly output: string;
  /** Also write analysis.json, storyboard.json and timeline.json to this folder. */
  readonly keepArtifacts?: string;
}

/** The library entry point: one call from a song to a finished music video. */
export async function renderMusicVideo(options: RenderMusicVideoOptions): Promise<RenderResult & { plan: MusicVideoPlan }> {
  const media = options.media ?? createMedia();
  // Generated files live with the artifacts when those are kept, else in a folder removed afterwards.
  const workDir = options.keepArtifacts ? resolve(options.keepArtifacts) : await mkdtemp(join(tmpdir(), "mvgen-"));
  try {
    const plan = await planMusicVideo(options, { ...options, media, workDir });
    if (options.keepArtifacts) await writeArtifacts(options.keepArtifacts, plan);
    const result = await renderTimeline(plan.timeline, options.output, { ...options, media, images: plan.images });
    return { ...result, plan };
  } finally {
    if (!options.keepArtifacts) await rm(workDir, { recursive: true, force: true });
  }
}

function checkNotSilent(pcm: PcmAudio, path: string): void {
  let peak = 0;
  for (const channel of pcm.channels) for (let i = 0; i < channel.length; i++) peak = Math.max(peak, Math.abs(channel[i]));
  if ((pcm.channels[0]?.length ?? 0) === 0) {
    throw new MvgenError("AUDIO_UNDECODABLE", `${path} decoded to no samples; re-export it as MP3, WAV or M4A.`);
  }
  if (peak < SILENCE_PEAK) {
    throw new MvgenError("AUDIO_SILENT", `${path} is silent (peak ${(20 * Math.log10(peak || 1e-12)).toFixed(0)} dBFS); give a song with audible sound.`, {
      details: { peak },
    });
  }
}
