/** The mouth pose a clip shows at frame n: the Timeline's mouth track, or rest where lip sync is off. */
import type { Clip, Timeline } from "../../core/schemas/timeline.ts";
import { REST, type MouthState } from "./pose-face.ts";

export function mouthStateAt(timeline: Timeline, clip: Clip, n: number): MouthState {
  const track = timeline.mouth;
  if (!track || clip.lipSync === false || n >= track.open.length) return REST;
  return { open: track.open[n], round: track.round[n] ?? 0, spread: track.spread[n] ?? 0, viseme: track.visemes[n] ?? "X" };
}
