/** Golden argument lists for one song rendered in chunks: segment encode and the lossless join. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { audioEncodeArgs, chunkEncodeArgs, concatArgs, concatList, encodeArgs } from "../../src/media/args.ts";
import { fps } from "../../src/core/units.ts";

test("chunk encode arguments: raw RGBA → video-only H.264 MP4, closed GOPs, the single render's settings", () => {
  const args = chunkEncodeArgs({ width: 854, height: 480, fps: fps(25), outputPath: "/o/chunk-001.mp4.partial.mp4" });
  assert.deepEqual(args, [
    "-v", "error", "-nostdin", "-y",
    "-f", "rawvideo", "-pix_fmt", "rgba", "-s", "854x480", "-framerate", "25/1", "-i", "pipe:0",
    "-map", "0:v:0",
    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-profile:v", "high",
    "-flags", "+cgop",
    "-an", "-f", "mp4", "/o/chunk-001.mp4.partial.mp4",
  ]);
  // The video codec settings are exactly those of a single render.
  const single = encodeArgs({ width: 854, height: 480, fps: fps(25), audioPath: "/a.wav", outputPath: "/o.mp4" });
  const codec = (list: string[]) => list.slice(list.indexOf("-c:v"), list.indexOf("-profile:v") + 2);
  assert.deepEqual(codec(args), codec(single));
});

test("concat list: ffconcat header, one quoted file line per segment, quotes escaped", () => {
  assert.equal(concatList(["/w/a.mp4", "/w/it's.mp4"]), "ffconcat version 1.0\nfile '/w/a.mp4'\nfile '/w/it'\\''s.mp4'\n");
});

test("concat arguments: segments copied, the song as AAC 192k resampled like a single render, faststart", () => {
  assert.deepEqual(concatArgs({ listPath: "/o/v.mp4.partial.ffconcat", audioPath: "/a/song.wav", outputPath: "/o/v.mp4.partial.mp4", audioSampleRate: 44100 }), [
    "-v", "error", "-nostdin", "-y",
    "-f", "concat", "-safe", "0", "-i", "/o/v.mp4.partial.ffconcat",
    "-i", "/a/song.wav",
    "-map", "0:v:0", "-map", "1:a:0",
    "-c:v", "copy",
    "-c:a", "aac", "-b:a", "192000", "-ar", "44100",
    "-movflags", "+faststart", "-f", "mp4", "/o/v.mp4.partial.mp4",
  ]);
  assert.ok(!concatArgs({ listPath: "l", audioPath: "a", outputPath: "o" }).includes("-ar"), "a 44.1 kHz+ song keeps its rate");
});

test("audio encode arguments: the song alone → AAC 192k in MP4, as a single render encodes it; the join then copies it", () => {
  const args = audioEncodeArgs({ audioPath: "/a/song.wav", outputPath: "/o/audio.m4a.partial.m4a", audioSampleRate: 44100 });
  assert.deepEqual(args, [
    "-v", "error", "-nostdin", "-y", "-i", "/a/song.wav", "-map", "0:a:0", "-vn", "-sn", "-dn",
    "-c:a", "aac", "-b:a", "192000", "-ar", "44100", "-f", "mp4", "/o/audio.m4a.partial.m4a",
  ]);
  const single = encodeArgs({ width: 854, height: 480, fps: fps(25), audioPath: "/a.wav", outputPath: "/o.mp4", audioSampleRate: 44100 });
  const codec = (list: string[]) => list.slice(list.indexOf("-c:a"), list.indexOf("-ar") + 2);
  assert.deepEqual(codec(args), codec(single));
  assert.deepEqual(concatArgs({ listPath: "/o/l", audioPath: "/o/audio.m4a", audioEncoded: true, outputPath: "/o/v.mp4" }), [
    "-v", "error", "-nostdin", "-y", "-f", "concat", "-safe", "0", "-i", "/o/l", "-i", "/o/audio.m4a",
    "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy", "-c:a", "copy", "-movflags", "+faststart", "-f", "mp4", "/o/v.mp4",
  ]);
});
