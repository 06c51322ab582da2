/**
 * The object store's behaviour, one suite run on both stores: a local folder and an S3 bucket
 * (s3rver in this process, test/helpers/s3-server.ts). What code sees must not depend on which
 * store it has: bytes come back exactly, missing keys are STORAGE_NOT_FOUND, prefixes are
 * folder-like, downloads appear whole. Then the --storage parsing table, and the failures an
 * operator meets: an unreachable endpoint, a missing bucket, refused credentials.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { MvgenError, type ErrorCode } from "../../src/core/errors.ts";
import { openObjectStore, type ObjectStore } from "../../src/storage/object-store.ts";
import { openS3Store, type S3StoreOptions } from "../../src/storage/s3-store.ts";
import { describeStorageLocation, parseStorageLocation, redactStorageUrl, type S3Location, type StorageLocation } from "../../src/storage/storage-location.ts";
import { tempDir } from "../helpers/fixtures.ts";
import { startS3Server } from "../helpers/s3-server.ts";

const s3 = await startS3Server();
const folders: string[] = [];
const stores: ObjectStore[] = [];

after(async () => {
  for (const store of stores) store.close();
  await s3.close();
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

function scratch(): string {
  const dir = tempDir("mvgen-storage-test-");
  folders.push(dir);
  return dir;
}

/** The s3rver URL with a key prefix: each test gets its own part of the one bucket. */
function s3Url(prefix: string): string {
  return s3.url.replace(`@${s3.bucket}?`, `@${s3.bucket}/${prefix}?`);
}

let opened = 0;
const BACKENDS: { name: string; open(): ObjectStore }[] = [
  { name: "local folder", open: () => keep(openObjectStore(join(scratch(), "store"))) },
  { name: "s3rver", open: () => keep(openObjectStore(s3Url(`test-${opened++}`))) },
];

function keep(store: ObjectStore): ObjectStore {
  stores.push(store);
  return store;
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, ...mentions: string[]): Promise<MvgenError> {
  let caught: unknown;
  await promise.then(
    () => assert.fail(`expected ${code}, but it succeeded`),
    (error: unknown) => {
      caught = error;
    },
  );
  assert.ok(caught instanceof MvgenError, `expected an MvgenError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  for (const text of mentions) assert.ok(caught.message.includes(text), `"${caught.message}" should mention "${text}"`);
  return caught;
}

/** What is in a folder, partial files included, so a leftover shows. */
async function folderEntries(dir: string): Promise<string[]> {
  return existsSync(dir) ? (await readdir(dir, { recursive: true })).map(String).sort() : [];
}

for (const backend of BACKENDS) {
  test(`${backend.name}: a 3 MB random file comes back byte for byte, and only the finished file appears`, async () => {
    const store = backend.open();
    const dir = scratch();
    const bytes = randomBytes(3 * 1024 * 1024);
    await writeFile(join(dir, "song.wav"), bytes);
    await store.put("tasks/t1/song.wav", join(dir, "song.wav"), "audio/wav");
    await store.get("tasks/t1/song.wav", join(dir, "back", "deep", "song.wav"));
    assert.ok((await readFile(join(dir, "back", "deep", "song.wav"))).equals(bytes));
    assert.ok((await store.getBytes("tasks/t1/song.wav")).equals(bytes));
    assert.deepEqual(await folderEntries(join(dir, "back")), ["deep", "deep/song.wav"]);
    assert.deepEqual(await store.list("tasks"), ["tasks/t1/song.wav"]);

    await writeFile(join(dir, "empty.txt"), "");
    await store.put("tasks/t1/empty.txt", join(dir, "empty.txt"), "text/plain");
    await store.get("tasks/t1/empty.txt", join(dir, "back", "empty.txt"));
    assert.equal((await readFile(join(dir, "back", "empty.txt"))).length, 0);
  });

  test(`${backend.name}: putBytes and getBytes keep strings as UTF-8 and bytes as they are; a put replaces`, async () => {
    const store = backend.open();
    await store.putBytes("plan/timeline.json", '{"title":"Ünïcødé ♪"}', "application/json");
    assert.equal((await store.getBytes("plan/timeline.json")).toString("utf8"), '{"title":"Ünïcødé ♪"}');
    const bytes = new Uint8Array([0, 255, 1, 254, 0]);
    await store.putBytes("plan/raw.bin", bytes);
    assert.deepEqual([...(await store.getBytes("plan/raw.bin"))], [...bytes]);
    await store.putBytes("plan/raw.bin", "");
    assert.equal((await store.getBytes("plan/raw.bin")).length, 0);
  });

  test(`${backend.name}: exists is true for an object, false for a missing key or a "folder"`, async () => {
    const store = backend.open();
    await store.putBytes("a/b/c.txt", "c");
    assert.equal(await store.exists("a/b/c.txt"), true);
    assert.equal(await store.exists("a/b/missing.txt"), false);
    assert.equal(await store.exists("a/b"), false);
    assert.equal(await store.exists("nowhere/at/all"), false);
  });

  test(`${backend.name}: a missing key is STORAGE_NOT_FOUND naming it, and leaves no file behind`, async () => {
    const store = backend.open();
    const dir = scratch();
    await store.putBytes("tasks/t1/other.txt", "x");
    const error = await rejectsWith(store.get("tasks/t1/missing.mp4", join(dir, "out", "missing.mp4")), "STORAGE_NOT_FOUND", "tasks/t1/missing.mp4", store.description);
    assert.equal(error.details.key, "tasks/t1/missing.mp4");
    assert.deepEqual(await folderEntries(join(dir, "out")), []);
    await rejectsWith(store.getBytes("tasks/t1/missing.mp4"), "STORAGE_NOT_FOUND", "tasks/t1/missing.mp4");
  });

  test(`${backend.name}: list gives every key under a folder-like prefix, sorted`, async () => {
    const store = backend.open();
    const under = ["seg/07.mp4", "seg/01.mp4", "seg/sub/02.mp4", "seg/03.mp4", "seg/10.mp4", "seg/04.mp4", "seg/05.mp4"];
    for (const key of [...under, "segments/99.mp4", "other/1.mp4"]) await store.putBytes(key, key);
    const sorted = [...under].sort();
    assert.deepEqual(await store.list("seg"), sorted);
    assert.deepEqual(await store.list("seg/"), sorted);
    assert.deepEqual(await store.list("seg/sub"), ["seg/sub/02.mp4"]);
    assert.deepEqual(await store.list("nothing"), []);
    assert.deepEqual(await store.list(""), ["other/1.mp4", ...sorted, "segments/99.mp4"]);
  });

  test(`${backend.name}: putFolder and getFolder copy a nested folder there and back`, async () => {
    const store = backend.open();
    const source = scratch();
    const files: Record<string, string> = {
      "analysis.json": "{}",
      ".hidden": "h",
      "chunks/000.mp4": "zero",
      "chunks/001.mp4": "one",
      "chunks/deeper/log.txt": "deep",
    };
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(source, name, ".."), { recursive: true });
      await writeFile(join(source, name), text);
    }
    const keys = await store.putFolder("tasks/t1/plan", source);
    const expected = Object.keys(files).map((name) => `tasks/t1/plan/${name}`).sort();
    assert.deepEqual(keys, expected);
    assert.deepEqual(await store.list("tasks/t1/plan"), expected);

    const target = join(scratch(), "fetched");
    const paths = await store.getFolder("tasks/t1/plan", target);
    assert.deepEqual(paths, Object.keys(files).sort().map((name) => join(target, name)));
    for (const [name, text] of Object.entries(files)) assert.equal(await readFile(join(target, name), "utf8"), text);
    assert.deepEqual(await store.getFolder("tasks/none", join(target, "empty")), []);
    await rejectsWith(store.putFolder("x", join(source, "missing")), "INPUT_NOT_FOUND", join(source, "missing"));
  });

  test(`${backend.name}: deletePrefix removes that prefix only`, async () => {
    const store = backend.open();
    for (const key of ["del/a/1", "del/a/2/x", "del/ab/1", "del/b/1", "keep/a/1"]) await store.putBytes(key, key);
    await store.deletePrefix("del/a");
    assert.deepEqual(await store.list(""), ["del/ab/1", "del/b/1", "keep/a/1"]);
    await store.deletePrefix("del/a");
    await store.deletePrefix("never/was");
    await store.deletePrefix("del/");
    assert.deepEqual(await store.list(""), ["keep/a/1"]);
    await rejectsWith(store.deletePrefix(""), "INVALID_OPTION", "refusing to delete everything");
  });

  test(`${backend.name}: keys that are not plain relative paths are refused before anything is stored`, async () => {
    const store = backend.open();
    const bad = ["", "/etc/passwd", "../escape", "a/../../b", "a\\b", "a//b", "a/", "./a", "a/x.partial-0123456789ab"];
    for (const key of bad) {
      await rejectsWith(store.putBytes(key, "x"), "INVALID_OPTION", `"${key}"`);
      await rejectsWith(store.exists(key), "INVALID_OPTION", `"${key}"`);
      await rejectsWith(store.get(key, join(scratch(), "x")), "INVALID_OPTION", `"${key}"`);
    }
    await rejectsWith(store.list("../up"), "INVALID_OPTION", "../up");
    assert.deepEqual(await store.list(""), []);
  });

  test(`${backend.name}: check passes on a reachable store`, async () => {
    await backend.open().check();
  });
}

test("--storage: each accepted form parses to one location and describes itself without secrets", () => {
  const cases: { location: string; parsed: StorageLocation; description: string }[] = [
    { location: "/var/lib/mvgen/media", parsed: { kind: "local", root: "/var/lib/mvgen/media" }, description: "/var/lib/mvgen/media" },
    { location: "media/store", parsed: { kind: "local", root: resolve("media/store") }, description: resolve("media/store") },
    { location: "file:///var/lib/mvgen/media", parsed: { kind: "local", root: "/var/lib/mvgen/media" }, description: "/var/lib/mvgen/media" },
    { location: "s3://mvgen-media", parsed: { kind: "s3", bucket: "mvgen-media", prefix: "", forcePathStyle: false }, description: "s3://mvgen-media" },
    {
      location: "s3://mvgen-media/prod/v1/?region=eu-west-1",
      parsed: { kind: "s3", bucket: "mvgen-media", prefix: "prod/v1", region: "eu-west-1", forcePathStyle: false },
      description: "s3://mvgen-media/prod/v1 (region eu-west-1)",
    },
    {
      location: "s3://media?endpoint=http://127.0.0.1:9000&region=us-east-1",
      parsed: { kind: "s3", bucket: "media", prefix: "", endpoint: "http://127.0.0.1:9000", region: "us-east-1", forcePathStyle: true },
      description: "s3://media (endpoint http://127.0.0.1:9000)",
    },
    {
      location: "s3://media?endpoint=https://minio.example.com/&force_path_style=false",
      parsed: { kind: "s3", bucket: "media", prefix: "", endpoint: "https://minio.example.com", forcePathStyle: false },
      description: "s3://media (endpoint https://minio.example.com)",
    },
    {
      location: "s3://AKIAEXAMPLE:wJalr%2FXUtnFE%2BMI@media/tasks?endpoint=http://minio:9000",
      parsed: {
        kind: "s3",
        bucket: "media",
        prefix: "tasks",
        endpoint: "http://minio:9000",
        forcePathStyle: true,
        credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "wJalr/XUtnFE+MI" },
      },
      description: "s3://media/tasks (endpoint http://minio:9000)",
    },
  ];
  for (const { location, parsed, description } of cases) {
    assert.deepEqual(parseStorageLocation(location), parsed, location);
    assert.equal(describeStorageLocation(parseStorageLocation(location)), description, location);
  }
  assert.equal(openObjectStore(s3.url).description, `s3://${s3.bucket} (endpoint ${s3.endpoint})`);
  assert.equal(redactStorageUrl("s3://AKIAEXAMPLE:wJalr%2FXUtnFE%2BMI@media/tasks?endpoint=http://minio:9000"), "s3://***@media/tasks?endpoint=http://minio:9000");
  assert.equal(redactStorageUrl("s3://AKIA:se/cr+et@media?region=eu-west-1"), "s3://***@media?region=eu-west-1");
  assert.equal(redactStorageUrl("s3://media?endpoint=http://h:9000"), "s3://media?endpoint=http://h:9000");
  assert.equal(redactStorageUrl("/srv/media"), "/srv/media");
});

test("--storage: anything else is INVALID_OPTION naming the value and the accepted forms, never a secret", () => {
  const cases: { location: string; mentions: string[] }[] = [
    { location: "", mentions: ["is empty"] },
    { location: "ftp://files.example.com/media", mentions: ["ftp://"] },
    { location: "s3://", mentions: ["names no bucket"] },
    { location: "s3:///prefix?endpoint=http://h:9000", mentions: ["names no bucket"] },
    { location: "s3://Bad_Bucket", mentions: ['"Bad_Bucket"'] },
    { location: "s3://bkt:9000", mentions: ["?endpoint="] },
    { location: "s3://bkt?endpoint=not a url", mentions: ['"not a url"'] },
    { location: "s3://bkt?endpoint=ftp://h:21", mentions: ['"ftp://h:21"'] },
    { location: "s3://bkt?endpont=http://h:9000", mentions: ['"endpont"'] },
    { location: "s3://bkt?region=EU%20WEST", mentions: ['"EU WEST"'] },
    { location: "s3://bkt?force_path_style=yes", mentions: ["force_path_style=yes"] },
    { location: "s3://bkt/a//b", mentions: ["empty segment"] },
    { location: "file://otherhost/media", mentions: ["file URL"] },
    { location: "s3://AKIA:top/secret@bkt", mentions: ["s3://***@bkt", "percent-encode"] },
    { location: "s3://topsecret@bkt", mentions: ["s3://***@bkt", "half"] },
    { location: "s3://bkt?endpoint=http://admin:topsecret@h:9000", mentions: ["credentials in the endpoint"] },
  ];
  for (const { location, mentions } of cases) {
    assert.throws(
      () => parseStorageLocation(location),
      (error: unknown) => {
        assert.ok(error instanceof MvgenError, location);
        assert.equal(error.code, "INVALID_OPTION", location);
        for (const text of [...mentions, "--storage", "s3://bucket"]) assert.ok(error.message.includes(text), `${location}: "${error.message}" should mention "${text}"`);
        assert.ok(!/secret/.test(error.message), `${location}: "${error.message}" shows a secret`);
        return true;
      },
    );
  }
});

test("s3: an unreachable endpoint is STORAGE_UNAVAILABLE within seconds, naming the store", async () => {
  const store = keep(openObjectStore("s3://S3RVER:S3RVER@mvgen-test?endpoint=http://127.0.0.1:1"));
  const started = performance.now();
  await rejectsWith(store.check(), "STORAGE_UNAVAILABLE", "s3://mvgen-test (endpoint http://127.0.0.1:1)", "ECONNREFUSED", "server is running");
  await rejectsWith(store.getBytes("k"), "STORAGE_UNAVAILABLE", "GetObject k");
  assert.ok(performance.now() - started < 3000, `took ${Math.round(performance.now() - started)} ms`);
});

test("s3: a missing bucket is STORAGE_UNAVAILABLE naming the bucket, not a missing key", async () => {
  const store = keep(openObjectStore(s3.url.replace(`@${s3.bucket}?`, "@no-such-bucket?")));
  await rejectsWith(store.check(), "STORAGE_UNAVAILABLE", "the bucket no-such-bucket does not exist", s3.endpoint);
  await rejectsWith(store.getBytes("k"), "STORAGE_UNAVAILABLE", "NoSuchBucket", "no-such-bucket");
  await rejectsWith(store.putBytes("k", "x"), "STORAGE_UNAVAILABLE", "no-such-bucket");
});

test("s3: refused credentials are STORAGE_UNAVAILABLE saying so, without the key or secret", async () => {
  const store = keep(openObjectStore(s3.url.replace("S3RVER:S3RVER@", "WRONGACCESSKEY:topsecretvalue@")));
  const error = await rejectsWith(store.getBytes("k"), "STORAGE_UNAVAILABLE", "InvalidAccessKeyId", "credentials were refused");
  assert.ok(!error.message.includes("WRONGACCESSKEY") && !error.message.includes("topsecretvalue"), error.message);
});

test("s3: a store's key prefix keeps its objects under that prefix of the bucket", async () => {
  const bucket = keep(openObjectStore(s3Url("isolation")));
  const inner = keep(openObjectStore(s3Url("isolation/inner")));
  await inner.putBytes("k/1.txt", "one");
  assert.deepEqual(await inner.list(""), ["k/1.txt"]);
  assert.deepEqual(await bucket.list(""), ["inner/k/1.txt"]);
  assert.equal((await bucket.getBytes("inner/k/1.txt")).toString(), "one");
  await bucket.deletePrefix("inner");
  assert.equal(await inner.exists("k/1.txt"), false);
});

/** A stand-in S3 endpoint answering with `handle`, for what s3rver cannot show; `run` gets a store on it. */
async function withFakeS3(
  handle: (request: IncomingMessage, body: Buffer, response: ServerResponse) => void,
  run: (store: ObjectStore) => Promise<void>,
  options: S3StoreOptions = {},
): Promise<void> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    handle(request, Buffer.concat(chunks), response);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  const store = openS3Store(parseStorageLocation(`s3://S3RVER:S3RVER@fake?endpoint=http://127.0.0.1:${port}`) as S3Location, options);
  try {
    await run(store);
  } finally {
    store.close();
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

test("s3: an upload answered 503 and a download cut off mid-body are retried with fresh streams and arrive whole", async () => {
  const bytes = randomBytes(64 * 1024);
  const puts: number[] = [];
  let gets = 0;
  await withFakeS3(
    (request, body, response) => {
      if (request.method === "PUT") {
        puts.push(body.length);
        if (puts.length === 1) {
          response.writeHead(503, { "content-type": "application/xml" }).end("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
        } else {
          response.writeHead(body.equals(bytes) ? 200 : 400, { etag: '"e"' }).end();
        }
        return;
      }
      gets++;
      response.writeHead(200, { "content-length": bytes.length, "content-type": "application/octet-stream" });
      if (gets === 1) {
        response.write(bytes.subarray(0, bytes.length / 2));
        setTimeout(() => response.socket?.destroy(), 20);
      } else {
        response.end(bytes);
      }
    },
    async (store) => {
      const dir = scratch();
      await writeFile(join(dir, "segment.mp4"), bytes);
      await store.put("seg/000.mp4", join(dir, "segment.mp4"));
      assert.deepEqual(puts, [bytes.length, bytes.length]);
      await store.get("seg/000.mp4", join(dir, "back", "000.mp4"));
      assert.equal(gets, 2);
      assert.ok((await readFile(join(dir, "back", "000.mp4"))).equals(bytes));
      assert.deepEqual(await folderEntries(join(dir, "back")), ["000.mp4"]);
    },
  );
});

/**
 * Paging through ListObjectsV2 with continuation tokens. Not against s3rver: it encrypts its
 * tokens with DES, which OpenSSL 3 (Node ≥ 17) no longer offers, so any truncated listing there
 * fails with InternalError. This endpoint serves 2 keys a page from a fixed list.
 */
test("s3: list follows continuation tokens across pages, in byte order, without folder markers", async () => {
  const all = ["p/a", "p/b/", "p/b/1", "p/c", "p/d", "p/e"];
  const tokens: (string | null)[] = [];
  await withFakeS3(
    (request, _body, response) => {
      const query = new URL(request.url ?? "/", "http://fake").searchParams;
      assert.equal(query.get("list-type"), "2");
      assert.equal(query.get("prefix"), "p/");
      const token = query.get("continuation-token");
      tokens.push(token);
      const start = token === null ? 0 : Number(token.replace("after-", ""));
      const page = all.slice(start, start + Number(query.get("max-keys")));
      const more = start + page.length < all.length;
      response.writeHead(200, { "content-type": "application/xml" }).end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>fake</Name><Prefix>p/</Prefix>` +
          `<KeyCount>${page.length}</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>${more}</IsTruncated>` +
          (more ? `<NextContinuationToken>after-${start + page.length}</NextContinuationToken>` : "") +
          page.map((key) => `<Contents><Key>${key}</Key><Size>1</Size></Contents>`).join("") +
          `</ListBucketResult>`,
      );
    },
    async (store) => {
      assert.deepEqual(await store.list("p"), ["p/a", "p/b/1", "p/c", "p/d", "p/e"]);
      assert.deepEqual(tokens, [null, "after-2", "after-4"]);
    },
    { listPageSize: 2 },
  );
});

test("local: a folder that cannot be created is STORAGE_UNAVAILABLE naming it and what to do", async () => {
  const file = join(scratch(), "a-file");
  await writeFile(file, "not a folder");
  const store = openObjectStore(join(file, "store"));
  await rejectsWith(store.check(), "STORAGE_UNAVAILABLE", join(file, "store"), "--storage");
  await rejectsWith(store.putBytes("k", "x"), "STORAGE_UNAVAILABLE", join(file, "store"));
});
