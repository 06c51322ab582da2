/** The reviewable plan: plan → edit timeline.json → render --timeline; frame N → PNG; doctor. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadImage } from "@napi-rs/canvas";
import { mvgen } from "../helpers/cli.ts";
import { tempDir, writePhoto, writeSongWav } from "../helpers/fixtures.ts";
import { ffprobe } from "../helpers/probe.ts";
import type { Timeline } from "../../src/core/schemas/timeline.ts";

test("plan writes the artifacts; an edited timeline renders; one frame renders to PNG", async () => {
  const dir = tempDir();
  const song = writeSongWav(dir, 2.5);
  const photo = writePhoto(dir, "face.png", 640, 480);
  const artifacts = join(dir, "plan");
  const planned = mvgen(["plan", song, "--image", photo, "--seed", "5", "-o", artifacts, "--json"]);
  assert.equal(planned.code, 0, planned.stderr);
  assert.deepEqual(
    JSON.parse(planned.stdout).artifacts.map((p: string) => p.slice(artifacts.length + 1)),
    ["analysis.json", "performer.json", "storyboard.json", "timeline.json"],
  );

  const timelinePath = join(artifacts, "timeline.json");
  const timeline = JSON.parse(readFileSync(timelinePath, "utf8")) as Timeline;
  assert.equal(timeline.width, 854, "landscape photo → 16:9");
  // A person's edit: black and white, and one long shot with a push-in.
  timeline.look = { ...timeline.look, saturation: 0 };
  timeline.clips = [{ ...timeline.clips[0], end: timeline.frameCount, camera: { move: "push-in", intensity: 1, easing: "linear" } }];
  writeFileSync(timelinePath, JSON.stringify(timeline));

  const output = join(dir, "edited.mp4");
  const rendered = mvgen(["render", "--timeline", timelinePath, "-o", output, "--json"]);
  assert.equal(rendered.code, 0, rendered.stderr);
  const summary = JSON.parse(rendered.stdout);
  assert.equal(summary.frames, timeline.frameCount);
  assert.equal(ffprobe(output).streams.find((s) => s.type === "video")?.frames, timeline.frameCount);

  const png = join(dir, "frame.png");
  const framed = mvgen(["frame", timelinePath, "10", "-o", png]);
  assert.equal(framed.code, 0, framed.stderr);
  const image = await loadImage(readFileSync(png));
  assert.equal(image.width, 854);
  assert.equal(image.height, 480);

  const outOfRange = mvgen(["frame", timelinePath, String(timeline.frameCount), "-o", join(dir, "x.png")]);
  assert.equal(outOfRange.code, 2);
  assert.match(outOfRange.stderr, /outside the video.*0 to \d+/);

  timeline.clips[0].end = timeline.frameCount - 1;
  writeFileSync(timelinePath, JSON.stringify(timeline));
  const broken = mvgen(["render", "--timeline", timelinePath, "-o", join(dir, "broken.mp4")]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /clips end at frame \d+, but frameCount is \d+/);
});

test("doctor names the ffmpeg it uses, its encoders and Node's version", () => {
  const run = mvgen(["doctor", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.match(report.ffmpeg.version, /^ffmpeg version/);
  assert.equal(report.encoders.libx264, true);
  assert.equal(report.encoders.aac, true);
  assert.equal(report.node, process.version);

  const overridden = mvgen(["doctor"], { MVGEN_FFMPEG: "/nonexistent/ffmpeg" });
  assert.equal(overridden.code, 3);
  assert.match(overridden.stderr, /MVGEN_FFMPEG=\/nonexistent\/ffmpeg is not an executable/);
});
