/**
 * Units as types. Every time value in mvgen carries its unit in its type, and conversions go
 * through the named helpers below, never through ad-hoc arithmetic at the call site.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Seconds = Brand<number, "Seconds">;
export type FrameIndex = Brand<number, "FrameIndex">;
export type SampleIndex = Brand<number, "SampleIndex">;
export type Hz = Brand<number, "Hz">;
export type Bpm = Brand<number, "Bpm">;

export const seconds = (value: number): Seconds => value as Seconds;
export const frameIndex = (value: number): FrameIndex => value as FrameIndex;
export const sampleIndex = (value: number): SampleIndex => value as SampleIndex;
export const hz = (value: number): Hz => value as Hz;
export const bpm = (value: number): Bpm => value as Bpm;

/** A frame rate as a rational, so 30000/1001 stays exact. */
export interface Fps {
  readonly num: number;
  readonly den: number;
}

export const fps = (num: number, den = 1): Fps => ({ num, den });
export const fpsToNumber = (rate: Fps): number => rate.num / rate.den;
export const fpsToString = (rate: Fps): string => `${rate.num}/${rate.den}`;

/** The frame that is showing at time `t` (the last frame starting at or before t). */
export function secondsToFrame(t: Seconds, rate: Fps): FrameIndex {
  // The epsilon keeps 2.0 s at 25 fps on frame 50 despite binary floating point (1.9999999 * 25).
  return frameIndex(Math.floor((t * rate.num) / rate.den + 1e-9));
}

/** The frame whose start is nearest to `t`: where a cut meant for time t is placed. */
export function secondsToNearestFrame(t: Seconds, rate: Fps): FrameIndex {
  return frameIndex(Math.round((t * rate.num) / rate.den));
}

export function frameToSeconds(n: FrameIndex, rate: Fps): Seconds {
  return seconds((n * rate.den) / rate.num);
}

/**
 * How many frames a video of `duration` needs so that its length is within half a frame of the
 * audio's: the output contract is "within one frame".
 */
export function frameCountFor(duration: Seconds, rate: Fps): number {
  return Math.max(1, Math.round((duration * rate.num) / rate.den));
}

export function samplesToSeconds(n: number, sampleRate: Hz): Seconds {
  return seconds(n / sampleRate);
}

export function secondsToSamples(t: Seconds, sampleRate: Hz): SampleIndex {
  return sampleIndex(Math.round(t * sampleRate));
}

export function bpmToBeatPeriod(tempo: Bpm): Seconds {
  return seconds(60 / tempo);
}

export function beatPeriodToBpm(period: Seconds): Bpm {
  return bpm(60 / period);
}
