/**
 * The dashboard at `/`: the static files Vite builds from web/ into web/dist (`npm run
 * build:web`, run by `npm ci` through `prepare` and before `npm test`). Everything it loads comes
 * from this server — the Content-Security-Policy says so — so it works offline.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";

export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

/** Self only; blob: for the photo previews, the song's duration and fetched plan pictures. */
const CSP = [
  "default-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join("; ");

export async function dashboardRoutes(app: FastifyInstance, dir = DEFAULT_DASHBOARD_DIR): Promise<void> {
  // Read once, like the asset list below: the page names hashed asset files, so a page from a later
  // build would reference assets this server does not serve. A rebuild takes a restart.
  const index = join(dir, "index.html");
  const page = existsSync(index) ? await readFile(index) : undefined;
  app.get("/", { schema: { hide: true } }, async (_request, reply) => {
    reply.header("cache-control", "no-cache").header("x-content-type-options", "nosniff");
    if (!page) {
      return reply
        .type("text/plain; charset=utf-8")
        .send("The dashboard is not built. Run `npm run build:web` (npm ci does it) and reload; the API is at /v1 and its docs at /docs.\n");
    }
    reply.header("content-security-policy", CSP).header("referrer-policy", "no-referrer");
    return reply.type("text/html; charset=utf-8").send(page);
  });
  if (existsSync(join(dir, "assets"))) {
    // Hashed names: cache for a year. wildcard: false registers only the files built, so every
    // other path still reaches the API's 404.
    await app.register(fastifyStatic, {
      root: join(dir, "assets"),
      prefix: "/assets/",
      decorateReply: false,
      wildcard: false,
      cacheControl: true,
      maxAge: "365d",
      immutable: true,
    });
  }
}
