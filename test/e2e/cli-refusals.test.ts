/** Bad input is refused with a clear message and exit code 2, and no output file is written. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mvgen } from "../helpers/cli.ts";
import { tempDir, writeGradient, writePhoto, writeSongWav } from "../helpers/fixtures.ts";
import { ffmpeg } from "../helpers/probe.ts";
import { encodeWav } from "../../src/media/wav.ts";

const dir = tempDir();
const song = writeSongWav(dir, 2);

function refuses(args: string[], code: string, message: RegExp): void {
  const output = join(dir, `refused-${Math.random().toString(36).slice(2)}.mp4`);
  const run = mvgen(["render", ...args, "-o", output]);
  assert.equal(run.code, 2, `exit code; stderr: ${run.stderr}`);
  assert.match(run.stderr, new RegExp(`\\[${code}\\]`));
  assert.match(run.stderr, message);
  assert.equal(existsSync(output), false, "no output file");
  assert.equal(existsSync(`${output}.partial.mp4`), false, "no partial file");
}

test("raw ADTS .aac is refused", () => {
  const aac = join(dir, "song.aac");
  ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", "-f", "adts", aac]);
  refuses([aac], "UNSUPPORTED_AUDIO_FORMAT", /ADTS.*M4A/);
});

test("a file that is not audio is refused", () => {
  const text = join(dir, "notes.mp3");
  writeFileSync(text, "these are lyrics, not a song\n".repeat(50));
  refuses([text], "AUDIO_UNDECODABLE|UNSUPPORTED_AUDIO_FORMAT", /MP3, WAV or M4A/);
});

test("an image given as the song is refused", () => {
  refuses([writePhoto(dir, "cover.png", 64, 64)], "UNSUPPORTED_AUDIO_FORMAT", /no audio stream/);
});

test("audio longer than 600 s is refused", () => {
  const long = join(dir, "long.wav");
  ffmpeg(["-f", "lavfi", "-i", "sine=frequency=220:duration=601", "-ar", "8000", "-ac", "1", "-c:a", "pcm_u8", long]);
  refuses([long], "AUDIO_TOO_LONG", /601\.0 s.*600 s/);
});

test("silent audio is refused", () => {
  const silent = join(dir, "silent.wav");
  writeFileSync(silent, encodeWav([new Float32Array(22050 * 3)], 22050));
  refuses([silent], "AUDIO_SILENT", /silent/);
});

test("a truncated MP3 that decodes to nothing is refused", () => {
  const mp3 = join(dir, "full.mp3");
  ffmpeg(["-i", song, "-c:a", "libmp3lame", "-b:a", "128k", mp3]);
  const cut = join(dir, "cut.mp3");
  writeFileSync(cut, readFileSync(mp3).subarray(0, 300));
  refuses([cut], "AUDIO_UNDECODABLE|AUDIO_SILENT|UNSUPPORTED_AUDIO_FORMAT", /.+/);
});

test("more than 3 photos are refused", () => {
  const photos = ["1", "2", "3", "4"].map((n) => writePhoto(dir, `p${n}.png`, 64, 80));
  refuses([song, ...photos.flatMap((p) => ["--image", p])], "TOO_MANY_PHOTOS", /4 photos.*at most 3/);
});

test("a photo that cannot be decoded is refused, naming it", () => {
  const broken = join(dir, "broken.jpg");
  writeFileSync(broken, "not a jpeg");
  refuses([song, "--image", writePhoto(dir, "ok.png", 64, 80), "--image", broken], "PHOTO_UNDECODABLE", /photo 2 .*broken\.jpg/);
});

test("a photo with no face is refused before rendering, naming the photo", () => {
  const ok = writePhoto(dir, "singer.png", 300, 400);
  refuses([song, "--image", ok, "--image", writeGradient(dir, "sky.png", 300, 400)], "PHOTO_NO_FACE", /photo 2 has no detectable face: use a clear, front-facing portrait/);
});

test("a missing song, a bad aspect, resolution or fps are refused", () => {
  refuses([join(dir, "nope.mp3")], "INPUT_NOT_FOUND", /nope\.mp3 does not exist/);
  refuses([song, "--aspect", "4:3"], "INVALID_OPTION", /4:3.*16:9 or 9:16/);
  refuses([song, "--resolution", "1080p"], "INVALID_OPTION", /1080p.*480p or 720p/);
  refuses([song, "--fps", "60"], "INVALID_OPTION", /60.*24, 25 or 30/);
});

test("lyrics that cannot be used are refused before the song is analysed", () => {
  refuses([song, "--lyrics", join(dir, "missing-lyrics.txt")], "INPUT_NOT_FOUND", /--lyrics .*missing-lyrics\.txt cannot be read/);
  writeFileSync(join(dir, "labels.txt"), "[Chorus]\n\n[Outro]\n");
  refuses([song, "--lyrics", join(dir, "labels.txt")], "INVALID_OPTION", /labels\.txt has no words to sing/);
  writeFileSync(join(dir, "backwards.lrc"), "[00:01.00]<00:01.50>late <00:01.20>early\n");
  refuses([song, "--lyrics", join(dir, "backwards.lrc")], "INVALID_OPTION", /"early" is timed before "late"/);
});
