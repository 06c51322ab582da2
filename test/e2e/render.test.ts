/** One short end-to-end render through the library and the CLI, checked with ffprobe. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderMusicVideo } from "../../src/index.ts";
import { parseArtifact } from "../../src/core/artifact.ts";
import { tempDir, writePhoto, writeSongWav } from "../helpers/fixtures.ts";
import { ffprobe } from "../helpers/probe.ts";

test("a 3 s song renders to H.264 + AAC MP4 of the audio's length at 854×480", async () => {
  const dir = tempDir();
  const song = writeSongWav(dir, 3);
  const output = join(dir, "out", "video.mp4");
  const result = await renderMusicVideo({ audio: song, output, keepArtifacts: join(dir, "artifacts") });
  assert.equal(result.output, output);

  const info = ffprobe(output);
  const video = info.streams.find((s) => s.type === "video");
  const audio = info.streams.find((s) => s.type === "audio");
  assert.ok(video && audio, "one video and one audio stream");
  assert.equal(video.codec, "h264");
  assert.equal(video.pixelFormat, "yuv420p");
  assert.equal(video.width, 854);
  assert.equal(video.height, 480);
  assert.equal(video.frameRate, "25/1");
  assert.equal(audio.codec, "aac");
  assert.ok((audio.bitRate ?? 0) >= 150_000, `AAC at ${audio.bitRate} b/s`);
  // Within one frame (40 ms at 25 fps) of the song's 3.000 s.
  assert.ok(Math.abs((video.duration ?? 0) - 3) <= 0.04, `video lasts ${video.duration} s`);
  assert.equal(video.frames, 75);
  assert.ok(Math.abs((audio.duration ?? 0) - 3) <= 0.04, `audio lasts ${audio.duration} s`);
  // +faststart: the index (moov) comes before the media data (mdat).
  const head = readFileSync(output).subarray(0, 4096).toString("latin1");
  assert.ok(head.indexOf("moov") > 0 && (head.indexOf("mdat") < 0 || head.indexOf("moov") < head.indexOf("mdat")), "moov before mdat");

  for (const kind of ["analysis", "storyboard", "timeline"] as const) {
    const json = JSON.parse(readFileSync(join(dir, "artifacts", `${kind}.json`), "utf8"));
    parseArtifact(kind, json); // throws if the written artifact does not validate
  }
  assert.deepEqual(readdirSync(join(dir, "out")), ["video.mp4"], "no partial file left behind");
});

test("portrait photos give a 9:16 video at 480×854", async () => {
  const dir = tempDir();
  const song = writeSongWav(dir, 2);
  const photos = [writePhoto(dir, "a.png", 300, 400), writePhoto(dir, "b.png", 360, 480)];
  const output = join(dir, "portrait.mp4");
  await renderMusicVideo({ audio: song, images: photos, output });
  const video = ffprobe(output).streams.find((s) => s.type === "video");
  assert.equal(video?.width, 480);
  assert.equal(video?.height, 854);
  assert.ok(existsSync(output));
});
