import { test } from "node:test";
import assert from "node:assert/strict";
import { checkAudioInput } from "../../src/media/audio-input.ts";
import { parseProbe } from "../../src/media/probe.ts";

const probe = (format: string, duration: string, streams: object[] = [{ codec_type: "audio", codec_name: "mp3", channels: 2, sample_rate: "44100" }]) =>
  parseProbe(JSON.stringify({ format: { format_name: format, duration }, streams }));

test("MP3, WAV, M4A, FLAC and OGG are accepted with their duration", () => {
  assert.deepEqual(checkAudioInput(probe("mp3", "180.5"), "song"), { format: "MP3", duration: 180.5, channels: 2, sampleRate: 44100 });
  assert.equal(checkAudioInput(probe("wav", "3"), "s").format, "WAV");
  assert.equal(checkAudioInput(probe("mov,mp4,m4a,3gp,3g2,mj2", "3"), "s").format, "M4A");
  assert.equal(checkAudioInput(probe("flac", "3"), "s").format, "FLAC");
  assert.equal(checkAudioInput(probe("ogg", "3"), "s").format, "OGG");
});

test("ADTS, video-only, unknown formats and songs over 600 s are refused with the reason", () => {
  assert.throws(() => checkAudioInput(probe("aac", "3"), "x.aac"), { code: "UNSUPPORTED_AUDIO_FORMAT", message: /raw ADTS/ });
  assert.throws(() => checkAudioInput(probe("png_pipe", "0", [{ codec_type: "video", codec_name: "png" }]), "x"), {
    message: /no audio stream/,
  });
  assert.throws(() => checkAudioInput(probe("mp3", "600.01"), "long.mp3"), { code: "AUDIO_TOO_LONG", message: /600\.0 s long; the limit is 600 s/ });
  assert.equal(checkAudioInput(probe("mp3", "600"), "ok").duration, 600);
});
