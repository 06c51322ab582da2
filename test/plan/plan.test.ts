import { test } from "node:test";
import assert from "node:assert/strict";
import type { AudioAnalysis } from "../../src/core/schemas/analysis.ts";
import type { PhotoRef } from "../../src/core/schemas/common.ts";
import { parseArtifact, serializeArtifact } from "../../src/core/artifact.ts";
import { sketchAnalysis } from "../helpers/analysis.ts";
import { fps } from "../../src/core/units.ts";
import { compileTimeline, planStoryboard, styleFromPrompt, outputSize, viewFor, PLAN_PARAMS } from "../../src/plan/index.ts";
import { chooseAspect } from "../../src/vision/choose-aspect.ts";
import { planCatalogue } from "../../src/pipeline/render-music-video.ts";

/** A 30 s song at 120 BPM: quiet verse, then a loud chorus from 16 s; vocals 4–12 s and 16–28 s. */
function analysis(): AudioAnalysis {
  return sketchAnalysis({
    duration: 30,
    sections: [
      { start: 0, end: 16, label: "verse", energy: 0.3 },
      { start: 16, end: 30, label: "chorus", energy: 0.9 },
    ],
    vocalSegments: [
      { start: 4, end: 12 },
      { start: 16, end: 28 },
    ],
  });
}

const photos: PhotoRef[] = [
  { path: "/p/a.jpg", width: 800, height: 1000 },
  { path: "/p/b.jpg", width: 1000, height: 800 },
];

function plan(seed: number) {
  const aspect = chooseAspect(photos);
  return planStoryboard(
    analysis(),
    photos,
    styleFromPrompt("a neon city at night"),
    { seed, aspect, resolution: "480p", ...outputSize(aspect, "480p"), fps: fps(25), audioPath: "/s/song.wav" },
    planCatalogue(),
  );
}

test("same inputs and seed → byte-identical storyboard and timeline; another seed → another plan", () => {
  const a = plan(7);
  const b = plan(7);
  assert.equal(serializeArtifact(a), serializeArtifact(b));
  assert.equal(serializeArtifact(compileTimeline(a, analysis())), serializeArtifact(compileTimeline(b, analysis())));
  assert.notEqual(serializeArtifact(plan(8)), serializeArtifact(a));
});

test("every cut lands on a beat, no shot is shorter than the minimum, and shots cover the song", () => {
  const storyboard = parseArtifact("storyboard", plan(3));
  const beats = new Set(analysis().beats);
  storyboard.shots.forEach((shot, i) => {
    if (i > 0) assert.ok(beats.has(shot.start), `shot ${i} starts on a beat (${shot.start})`);
    assert.ok(shot.end - shot.start >= PLAN_PARAMS.minShot, `shot ${i} lasts ${shot.end - shot.start} s`);
    if (i > 0) assert.equal(shot.start, storyboard.shots[i - 1].end);
  });
  assert.equal(storyboard.shots[0].start, 0);
  assert.equal(storyboard.shots.at(-1)?.end, 30);
});

test("loud music cuts faster than quiet music; no shot repeats the previous photo and framing; lip sync where the voice sings", () => {
  const { shots } = plan(3);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const verse = mean(shots.filter((s) => s.start < 16).map((s) => s.end - s.start));
  const chorus = mean(shots.filter((s) => s.start >= 16).map((s) => s.end - s.start));
  assert.ok(chorus < verse, `chorus shots ${chorus.toFixed(2)} s vs verse ${verse.toFixed(2)} s`);
  shots.slice(1).forEach((shot, i) => {
    if (shot.content === "performer") assert.ok(shot.photo !== shots[i].photo || shot.framing !== shots[i].framing, `shot ${i + 1} repeats shot ${i}`);
  });
  for (const shot of shots) {
    const sung = Math.max(0, Math.min(shot.end, 12) - Math.max(shot.start, 4)) + Math.max(0, Math.min(shot.end, 28) - Math.max(shot.start, 16));
    // Every shot of the singer mouths the track (it rests where nobody sings); a shot counts as sung
    // — for the face's share — when the voice fills at least half of it.
    assert.equal(shot.lipSync, shot.content === "performer", `shot at ${shot.start}`);
    assert.equal(shot.why.includes("the voice sings"), sung / (shot.end - shot.start) >= 0.5, `shot at ${shot.start}: ${shot.why}`);
  }
});

test("shots stay between 0.6 s and 8 s (longer only in intro and outro); sections start on downbeats", () => {
  const a = analysis();
  const storyboard = plan(11);
  for (const shot of storyboard.shots) {
    const length = shot.end - shot.start;
    assert.ok(length >= PLAN_PARAMS.minShot, `${length} s`);
    const label = storyboard.scenes.find((s) => shot.start >= s.start && shot.start < s.end)?.label;
    if (label !== "intro" && label !== "outro") assert.ok(length <= PLAN_PARAMS.maxShot, `${label} shot of ${length} s`);
  }
  const downbeats = new Set(a.downbeats);
  for (const section of storyboard.scenes.slice(1)) {
    assert.ok(storyboard.shots.some((s) => s.start === section.start) && downbeats.has(section.start), `a cut on the downbeat at ${section.start}`);
  }
});

test("lipSyncShare sets how much of the sung time shows the singing face", () => {
  for (const share of [1, 0.5]) {
    const aspect = "16:9" as const;
    const storyboard = planStoryboard(
      analysis(),
      photos,
      styleFromPrompt(""),
      { seed: 4, aspect, resolution: "480p", ...outputSize(aspect, "480p"), fps: fps(25), audioPath: "/s.wav", lipSyncShare: share },
      planCatalogue(),
    );
    const sungShots = storyboard.shots.filter((s) => s.why.includes("the voice sings"));
    const total = sungShots.reduce((sum, s) => sum + s.end - s.start, 0);
    const face = sungShots.filter((s) => s.content === "performer").reduce((sum, s) => sum + s.end - s.start, 0);
    assert.ok(Math.abs(face / total - share) <= 0.2, `share ${share}: ${(face / total).toFixed(2)} of the sung time on the face`);
  }
});

test("one photo still gives at least five framings and angle variations over a song", () => {
  const one = [photos[0]];
  const framings = new Set<string>();
  let varied = 0;
  for (const seed of [1, 2, 3]) {
    const storyboard = planStoryboard(
      analysis(),
      one,
      styleFromPrompt("concert stage"),
      { seed, aspect: "9:16", resolution: "480p", ...outputSize("9:16", "480p"), fps: fps(25), audioPath: "/s.wav" },
      planCatalogue(),
    );
    for (const shot of storyboard.shots.filter((s) => s.content === "performer")) {
      framings.add(shot.framing);
      if (shot.angle.mirror || shot.angle.dutch !== 0 || shot.angle.height !== "eye") varied++;
    }
  }
  assert.ok(framings.size >= 5, `framings used: ${[...framings].join(", ")}`);
  assert.ok(varied > 0, "some shots are mirrored, tilted or from a low or high angle");
});

test("the timeline tiles the video in frames and carries the beats as frames", () => {
  const timeline = parseArtifact("timeline", compileTimeline(plan(3), analysis()));
  assert.equal(timeline.frameCount, 750);
  assert.equal(timeline.width, 854); // one portrait and one landscape photo → not a portrait majority → 16:9
  assert.equal(timeline.beats[1], 13); // 0.5 s × 25 fps = 12.5 → nearest frame 13 (round half up)
  for (const clip of timeline.clips.slice(1)) {
    assert.ok(timeline.beats.includes(clip.start), `clip at frame ${clip.start} starts on a beat frame`);
  }
});

test("the prompt chooses setting, look, time and mood, and the storyboard says which words did", () => {
  const noir = styleFromPrompt("Black and white, grainy, like an old film");
  assert.equal(noir.look.name, "noir");
  assert.equal(noir.look.saturation, 0);
  const beach = styleFromPrompt("golden hour on the beach, dreamy and slow");
  assert.equal(beach.environment, "sunset");
  assert.equal(beach.look.name, "golden-hour");
  assert.equal(beach.timeOfDay, "golden-hour");
  assert.equal(beach.mood, "calm");
  assert.ok(beach.matched.some((m) => m.word === "beach" && m.chose === "setting sunset"));
  const club = styleFromPrompt("a rave with lasers, energetic, in black and white");
  assert.equal(club.environment, "club-lasers");
  assert.equal(club.look.saturation, 0, "film words adjust the chosen look");
  assert.equal(club.mood, "energetic");
  const unknown = styleFromPrompt("zxqv");
  assert.equal(unknown.look.name, "studio");
  assert.equal(unknown.environment, "studio");
  assert.throws(() => styleFromPrompt("x".repeat(2501)), { code: "INVALID_OPTION", message: /2501 characters; the limit is 2500/ });
});

test("output sizes per resolution and aspect", () => {
  assert.deepEqual(outputSize("16:9", "480p"), { width: 854, height: 480 });
  assert.deepEqual(outputSize("9:16", "720p"), { width: 720, height: 1280 });
});

test("framings place a detected face at the framing's size and height in the frame", () => {
  const photo: PhotoRef = { path: "/p/face.jpg", width: 1000, height: 1000, face: { x: 0.425, y: 0.25, width: 0.15, height: 0.15 } };
  const cases = [
    ["close-up", 0.55, 0.45],
    ["medium", 0.32, 0.33],
    ["extreme-close-up", 0.95, 0.52],
  ] as const;
  for (const [framing, faceHeight, faceCentre] of cases) {
    const view = viewFor(framing, photo, 854, 480);
    const cover = 854 / 1000;
    const windowH = 480 / (cover * view.zoom) / 1000;
    const onScreen = (0.15 * 1000 * cover * view.zoom) / 480;
    assert.ok(Math.abs(onScreen - faceHeight) < 0.01, `${framing}: face is ${onScreen.toFixed(3)} of the height`);
    const top = view.y - windowH / 2;
    const centre = (0.325 - top) / windowH;
    assert.ok(Math.abs(centre - faceCentre) < 0.01, `${framing}: face centre at ${centre.toFixed(3)} from the top`);
    assert.equal(view.x, 0.5);
  }
  // A face near the photo's edge: the window is clamped, so no black border shows.
  const edge = viewFor("close-up", { ...photo, face: { x: 0.85, y: 0.02, width: 0.12, height: 0.12 } }, 854, 480);
  const windowW = 854 / ((854 / 1000) * edge.zoom) / 1000;
  assert.ok(edge.x + windowW / 2 <= 1 + 1e-9 && edge.y >= 0);
  assert.equal(viewFor("wide", photo, 854, 480).zoom, 1);
});
