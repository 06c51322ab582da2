import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveTool, type ToolLookup } from "../../src/media/tools.ts";
import { parseEncoders } from "../../src/media/doctor.ts";

const lookup = (env: Record<string, string>, executables: string[], npm?: string): ToolLookup => ({
  env,
  isExecutable: (p) => executables.includes(p),
  npmBinary: () => npm,
});

test("the override wins, then the system PATH, then the npm-shipped binary", () => {
  const all = ["/opt/ff/ffmpeg", "/usr/bin/ffmpeg", "/nm/ffmpeg"];
  assert.deepEqual(resolveTool("ffmpeg", lookup({ MVGEN_FFMPEG: "/opt/ff/ffmpeg", PATH: "/usr/bin" }, all, "/nm/ffmpeg")), {
    name: "ffmpeg", path: "/opt/ff/ffmpeg", origin: "env",
  });
  assert.deepEqual(resolveTool("ffmpeg", lookup({ PATH: "/bin:/usr/bin" }, all, "/nm/ffmpeg")), {
    name: "ffmpeg", path: "/usr/bin/ffmpeg", origin: "system",
  });
  assert.deepEqual(resolveTool("ffmpeg", lookup({ PATH: "/bin" }, all, "/nm/ffmpeg")), {
    name: "ffmpeg", path: "/nm/ffmpeg", origin: "npm",
  });
});

test("a bad override or no ffmpeg at all is a clear error", () => {
  assert.throws(() => resolveTool("ffprobe", lookup({ MVGEN_FFPROBE: "/x/ffprobe", PATH: "/usr/bin" }, ["/usr/bin/ffprobe"])), {
    code: "FFMPEG_NOT_FOUND",
    message: /MVGEN_FFPROBE=\/x\/ffprobe is not an executable file/,
  });
  assert.throws(() => resolveTool("ffmpeg", lookup({ PATH: "/bin" }, [])), { message: /apt-get install ffmpeg/ });
});

test("encoder list parsing", () => {
  const text = [
    "Encoders:",
    " V..... = Video",
    " ------",
    " V....D libx264              libx264 H.264 / AVC",
    " A..... aac                  AAC (Advanced Audio Coding)",
  ].join("\n");
  const names = parseEncoders(text);
  assert.ok(names.has("libx264") && names.has("aac"));
  assert.ok(!names.has("=") && !names.has("libx265"));
});
