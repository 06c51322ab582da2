/** Golden argument lists: how mvgen calls ffmpeg is a visible, reviewed contract. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeAudioArgs, encodeArgs, probeArgs } from "../../src/media/args.ts";
import { fps, hz } from "../../src/core/units.ts";

test("probe arguments", () => {
  assert.deepEqual(probeArgs("/a/song.mp3"), ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "/a/song.mp3"]);
});

test("decode arguments: first audio stream → mono float32 at the analysis rate", () => {
  assert.deepEqual(decodeAudioArgs("/a/song.mp3", hz(22050), 1), [
    "-v", "error", "-nostdin", "-i", "/a/song.mp3", "-map", "0:a:0", "-vn", "-sn", "-dn",
    "-ac", "1", "-ar", "22050", "-f", "f32le", "-c:a", "pcm_f32le", "pipe:1",
  ]);
});

test("encode arguments: raw RGBA on stdin + the song → H.264 yuv420p + AAC 192k, faststart", () => {
  assert.deepEqual(
    encodeArgs({ width: 854, height: 480, fps: fps(25), audioPath: "/a/song.wav", outputPath: "/o/v.mp4.partial.mp4", audioSampleRate: 44100 }),
    [
      "-v", "error", "-nostdin", "-y",
      "-f", "rawvideo", "-pix_fmt", "rgba", "-s", "854x480", "-framerate", "25/1", "-i", "pipe:0",
      "-i", "/a/song.wav",
      "-map", "0:v:0", "-map", "1:a:0",
      "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-profile:v", "high",
      "-c:a", "aac", "-b:a", "192000", "-ar", "44100",
      "-movflags", "+faststart", "-f", "mp4", "/o/v.mp4.partial.mp4",
    ],
  );
});
