/**
 * An origin that sends its body and closes the connection at once (HTTP/1.0 servers such as
 * `python3 -m http.server` do) must be read completely, and must not crash the process: in
 * undici 7 a paused parser meeting the socket's end throws an uncatchable assertion.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEgressClient } from "../../src/egress/safe-fetch.ts";
import { tempDir } from "../helpers/fixtures.ts";

/** 8 MB: far past undici's buffer, so a slow reader would pause the parser before the FIN arrives. */
const BODY = Buffer.alloc(8 * 1024 * 1024, 0x61);

async function closingOrigin(): Promise<{ server: Server; url: string }> {
  const server = createServer((socket) => {
    socket.on("error", () => {}); // the client hangs up on purpose in the too-large case
    socket.once("data", () => {
      socket.write(`HTTP/1.0 200 OK\r\nContent-Type: audio/wav\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n`);
      socket.end(BODY); // all of it, then FIN straight away
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/song.wav` };
}

test("a body followed at once by the connection's close is read whole, to disk and to memory", async () => {
  const { server, url } = await closingOrigin();
  const egress = createEgressClient({ allowPrivate: true });
  const limits = { maxBytes: 16 * 1024 * 1024, totalMs: 20_000, maxRedirects: 3 };
  try {
    const path = join(tempDir(), "song.wav");
    for (let i = 0; i < 3; i++) {
      const saved = await egress.download(url, path, limits);
      assert.equal(saved.bytes, BODY.length);
      assert.equal(readFileSync(path).length, BODY.length);
      const fetched = await egress.fetchBytes(url, limits);
      assert.equal(fetched.bytes.length, BODY.length);
    }
    await assert.rejects(egress.fetchBytes(url, { ...limits, maxBytes: 1024 * 1024 }), { reason: "too_large" });
  } finally {
    await egress.close();
    server.close();
  }
});
