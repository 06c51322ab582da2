/**
 * The scale-out mode's configuration and file mapping, without Redis: queue URLs parsed (golden
 * table), artifact paths moved between machines, and every misconfiguration refused by the CLI
 * with its exit code, before anything starts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { parseQueueUrl } from "../../src/scale/queue-config.ts";
import { keyOfPath, localizePaths, taskKey } from "../../src/scale/task-files.ts";
import { normalizePublicUrl } from "../../src/server/public-url.ts";
import { mvgen } from "../helpers/cli.ts";
import { tempDir } from "../helpers/fixtures.ts";

test("queue URLs: host, port, database, password and prefix; anything else refused naming the value", () => {
  assert.deepEqual(parseQueueUrl("redis://127.0.0.1:6381"), {
    connection: { host: "127.0.0.1", port: 6381, db: 0, maxRetriesPerRequest: null },
    prefix: "mvgen",
    description: "redis://127.0.0.1:6381",
  });
  const full = parseQueueUrl("rediss://user:s3cret@redis.example.com/2?prefix=prod-eu");
  assert.deepEqual(full.connection, { host: "redis.example.com", port: 6379, db: 2, username: "user", password: "s3cret", tls: {}, maxRetriesPerRequest: null });
  assert.equal(full.prefix, "prod-eu");
  assert.equal(full.description, "rediss://user:***@redis.example.com/2?prefix=prod-eu");
  for (const [url, why] of [
    ["http://127.0.0.1:6379", /not a Redis URL/],
    ["redis://h/x", /database "x"/],
    ["redis://h?prefix=a:b", /prefix "a:b"/],
    ["not a url", /not a URL/],
  ] as const) {
    assert.throws(() => parseQueueUrl(url), (error: Error & { code?: string }) => error.code === "INVALID_OPTION" && why.test(error.message) && error.message.includes("--queue"));
  }
  assert.throws(() => parseQueueUrl("redis://:hunter2@h:1/x"), (error: Error) => !error.message.includes("hunter2"), "no password in messages");
});

test("public URLs: the given spelling without trailing slashes, the same for the API and a worker; not a URL refused naming the flag", () => {
  // The worker used to rewrite through URL.toString() (host lowercased, :443 dropped) while the API
  // did not, so a callback could carry other links than GET showed.
  assert.equal(normalizePublicUrl("https://MV.Example.com:443/"), "https://MV.Example.com:443");
  assert.equal(normalizePublicUrl("http://127.0.0.1:8080/mvgen//"), "http://127.0.0.1:8080/mvgen");
  assert.equal(normalizePublicUrl("https://mv.example.com"), "https://mv.example.com");
  for (const bad of ["mv.example.com", "", "/v1", "http://"]) {
    assert.throws(() => normalizePublicUrl(bad), (error: Error & { code?: string }) => error.code === "INVALID_OPTION" && error.message.includes("--public-url"), JSON.stringify(bad));
  }
});

test("artifact paths move between machines: every task path re-rooted, its keys listed, other strings kept", () => {
  const id = "0123456789abcdef0123456789abcdef";
  const planned = {
    audio: { path: `/srv/api/data/tasks/${id}/input/audio.mp3`, duration: 3 },
    photos: [{ path: `/work/w1/tasks/${id}/input/photo-1.png`, mask: `/work/w1/tasks/${id}/artifacts/masks/photo-1-mask.png` }],
    prompt: "/tasks/ is just text here",
    other: `/srv/api/data/tasks/ffffffffffffffffffffffffffffffff/input/audio.mp3`,
  };
  const { value, keys } = localizePaths(planned, id, "/mnt/w2");
  assert.deepEqual(value, {
    audio: { path: `/mnt/w2/tasks/${id}/input/audio.mp3`, duration: 3 },
    photos: [{ path: `/mnt/w2/tasks/${id}/input/photo-1.png`, mask: `/mnt/w2/tasks/${id}/artifacts/masks/photo-1-mask.png` }],
    prompt: "/tasks/ is just text here",
    other: planned.other,
  });
  assert.deepEqual(keys, [taskKey(id, "artifacts", "masks", "photo-1-mask.png"), taskKey(id, "input", "audio.mp3"), taskKey(id, "input", "photo-1.png")]);
  assert.equal(keyOfPath(`relative/tasks/${id}/x`, id), null, "only absolute paths");
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("misconfigured scale-out processes refuse to start: exit 2 for a bad value, 3 for an unreachable Redis", async () => {
  const data = tempDir();
  const port = await closedPort();
  const cases: Array<[string[], number, RegExp]> = [
    [["worker", "--data", data, "--public-url", "http://mv.example"], 2, /--queue/],
    [["worker", "--data", data, "--queue", "redis://127.0.0.1:6379"], 2, /--public-url/],
    [["worker", "--data", data, "--queue", "http://127.0.0.1:6379", "--public-url", "http://mv.example"], 2, /not a Redis URL/],
    [["worker", "--data", data, "--queue", `redis://127.0.0.1:${port}`, "--public-url", "http://mv.example"], 3, new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port}.*Redis is running`)],
    [["serve", "--data", data, "--port", "0", "--storage", data], 2, /--storage is for the scale-out mode and needs --queue/],
    [["serve", "--data", data, "--port", "0", "--public-url", "mv.example.com"], 2, /--public-url mv\.example\.com is not a URL/],
    [["worker", "--data", data, "--queue", `redis://127.0.0.1:${port}`, "--public-url", "mv.example.com"], 2, /--public-url mv\.example\.com is not a URL/],
    [["serve", "--data", data, "--port", "0", "--queue", `redis://127.0.0.1:${port}`], 3, /cannot reach the render queue/],
  ];
  for (const [args, code, message] of cases) {
    const run = mvgen(args);
    assert.equal(run.code, code, `${args.join(" ")} → ${run.stderr}`);
    assert.match(run.stderr, message, args.join(" "));
  }
});
