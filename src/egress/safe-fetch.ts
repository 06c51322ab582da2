/**
 * The one guarded HTTP client for user-supplied URLs: the song, the photos and the callbacks.
 *
 * - http(s) only, no credentials in the URL, ≤ 2048 characters;
 * - every address is checked: literal hosts before connecting, every address a name resolves to
 *   (one bad address refuses the host, and the connection is pinned to the checked addresses),
 *   and the socket's actual peer after connecting (undici issue 2019: lookup is skipped for
 *   literal IPs; postiz-app#1671, lion-reader#1077 show the bypasses this closes);
 * - redirects are followed by hand, at most `maxRedirects`, re-checking every hop; callbacks
 *   follow none (Standard Webhooks: 3xx is a failure);
 * - size capped (Content-Length first, then counted while streaming; no decompression is done,
 *   so a gzip bomb stays its compressed size) and time capped (connect, headers, idle body, total).
 *
 * Errors are EgressError with a message safe to show a client: it never echoes resolved
 * addresses or response bodies (that would make the guard an oracle).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { writeFile } from "node:fs/promises";
import { isIP, type Socket } from "node:net";
import { Agent, buildConnector, request, type Dispatcher } from "undici";
import { isInternalHostname, isPublicAddress } from "./address-policy.ts";

export type EgressFailure = "invalid_url" | "blocked" | "unreachable" | "status" | "too_large" | "timeout" | "redirects";

export class EgressError extends Error {
  constructor(
    readonly reason: EgressFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "EgressError";
  }
}

export interface EgressPolicy {
  /**
   * Loopback and private addresses allowed (`--allow-private-urls`, MVGEN_ALLOW_PRIVATE_URLS=1):
   * for local use and tests only.
   */
  readonly allowPrivate: boolean;
  /** Finer test hook: extra addresses allowed even when allowPrivate is false. */
  readonly allowAddress?: (address: string, port: number) => boolean;
}

export interface FetchLimits {
  readonly maxBytes: number;
  /** [ms] from the first byte sent to the last byte read, redirects included. */
  readonly totalMs: number;
  readonly maxRedirects: number;
}

/** [ms] to open a TCP/TLS connection. */
const CONNECT_TIMEOUT_MS = 5_000;
/** [ms] to receive response headers, and the longest silence inside a body. */
const IDLE_TIMEOUT_MS = 10_000;
const MAX_URL_LENGTH = 2048;

export interface EgressClient {
  /** GETs `url` into `path`; resolves with the final URL and content type. */
  download(url: string, path: string, limits: FetchLimits, signal?: AbortSignal): Promise<{ url: string; contentType: string | undefined; bytes: number }>;
  /** GETs `url` into memory. */
  fetchBytes(url: string, limits: FetchLimits, signal?: AbortSignal): Promise<{ url: string; contentType: string | undefined; bytes: Buffer }>;
  /** POSTs a body and reads at most 64 kB of the answer; never follows redirects. */
  post(url: string, body: string, headers: Record<string, string>, totalMs: number): Promise<{ status: number }>;
  /** Throws EgressError if the URL could never be fetched (scheme, credentials, internal name, literal address). */
  checkUrl(url: string): URL;
  close(): Promise<void>;
}

const blocked = () => new EgressError("blocked", "is not a public address");

export function createEgressClient(policy: EgressPolicy): EgressClient {
  const allowed = (address: string, port: number) => policy.allowPrivate || isPublicAddress(address) || (policy.allowAddress?.(address, port) ?? false);

  // Resolves every address of a name and refuses the host if any one is not allowed; the socket
  // then connects only to addresses that were checked (no second lookup to rebind).
  const guardedLookup = (port: number) =>
    ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error);
        if (addresses.length === 0 || addresses.some((a) => !allowed(a.address, port))) return callback(blocked());
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      });
    }) as never;

  const connectors = new Map<number, buildConnector.connector>();
  const connectorFor = (port: number) => {
    let c = connectors.get(port);
    if (!c) {
      c = buildConnector({ timeout: CONNECT_TIMEOUT_MS, lookup: guardedLookup(port) } as buildConnector.BuildOptions);
      connectors.set(port, c);
    }
    return c;
  };

  const agent = new Agent({
    headersTimeout: IDLE_TIMEOUT_MS,
    bodyTimeout: IDLE_TIMEOUT_MS,
    connections: 16,
    connect: (options, callback) => {
      const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
      const host = options.hostname.replace(/^\[|\]$/g, "");
      // A literal address never reaches the lookup: check it here.
      if (isIP(host) !== 0 && !allowed(host, port)) return callback(blocked(), null);
      connectorFor(port)(options, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error("no socket"), null);
        const peer = (socket as Socket).remoteAddress;
        if (!peer || !allowed(peer, port)) {
          socket.destroy();
          return callback(blocked(), null);
        }
        callback(null, socket);
      });
    },
  });

  const checkUrl = (raw: string): URL => {
    if (raw.length > MAX_URL_LENGTH) throw new EgressError("invalid_url", `is longer than ${MAX_URL_LENGTH} characters`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new EgressError("invalid_url", "is not a valid URL");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new EgressError("invalid_url", "must be an http or https URL");
    if (url.username || url.password) throw new EgressError("invalid_url", "must not contain a user name or password");
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
    if (isIP(host) !== 0) {
      if (!allowed(host, port)) throw blocked();
    } else if (!policy.allowPrivate && isInternalHostname(host)) {
      throw blocked();
    }
    return url;
  };

  /** Sends one request per hop, following redirects by hand; returns the final 200 response. */
  async function open(raw: string, limits: FetchLimits, signal: AbortSignal): Promise<{ url: URL; response: Dispatcher.ResponseData }> {
    let url = checkUrl(raw);
    for (let hop = 0; ; hop++) {
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: "GET",
          dispatcher: agent,
          signal,
          headers: { "accept-encoding": "identity", "user-agent": "mvgen/0.1 (+media fetch)" },
        });
      } catch (error) {
        throw translate(error, signal);
      }
      const { statusCode } = response;
      if (statusCode >= 300 && statusCode < 400 && response.headers.location) {
        discard(response);
        if (hop >= limits.maxRedirects) throw new EgressError("redirects", `redirected more than ${limits.maxRedirects} times`);
        const next = Array.isArray(response.headers.location) ? response.headers.location[0] : response.headers.location;
        try {
          url = checkUrl(new URL(next, url).href);
        } catch (error) {
          throw error instanceof EgressError && error.reason === "blocked" ? new EgressError("blocked", "redirects to an address that is not public") : error;
        }
        continue;
      }
      if (statusCode !== 200) {
        discard(response);
        throw new EgressError("status", `answered HTTP ${statusCode} (expected 200)`, statusCode);
      }
      const length = Number(response.headers["content-length"]);
      if (Number.isFinite(length) && length > limits.maxBytes) {
        discard(response);
        throw new EgressError("too_large", `is larger than the ${formatBytes(limits.maxBytes)} limit`);
      }
      return { url, response };
    }
  }

  const deadline = (limits: { totalMs: number }, outer?: AbortSignal) =>
    outer ? AbortSignal.any([outer, AbortSignal.timeout(limits.totalMs)]) : AbortSignal.timeout(limits.totalMs);

  return {
    checkUrl,
    async download(raw, path, limits, outer) {
      const signal = deadline(limits, outer);
      const { url, response } = await open(raw, limits, signal);
      let body: Buffer;
      try {
        body = await readBody(response, limits.maxBytes, signal);
      } catch (error) {
        throw translate(error, signal);
      }
      await writeFile(path, body, { mode: 0o600 });
      return { url: url.href, contentType: header(response, "content-type"), bytes: body.length };
    },
    async fetchBytes(raw, limits, outer) {
      const signal = deadline(limits, outer);
      const { url, response } = await open(raw, limits, signal);
      try {
        return { url: url.href, contentType: header(response, "content-type"), bytes: await readBody(response, limits.maxBytes, signal) };
      } catch (error) {
        throw translate(error, signal);
      }
    },
    async post(raw, body, headers, totalMs) {
      const url = checkUrl(raw);
      const signal = AbortSignal.timeout(totalMs);
      try {
        const response = await request(url, { method: "POST", dispatcher: agent, signal, headers: { "content-type": "application/json", ...headers }, body });
        // The answer does not matter beyond its status; 64 kB of it is read and the rest dropped.
        await readBody(response, 65_536, signal).catch((error: unknown) => {
          if (!(error instanceof EgressError && error.reason === "too_large")) throw error;
        });
        return { status: response.statusCode };
      } catch (error) {
        throw translate(error, signal);
      }
    },
    close: () => agent.close(),
  };
}

/**
 * Reads a whole body into memory, at most `maxBytes`, in flowing mode. Flowing on purpose: in
 * undici 7 a body that waits for its reader (back-pressure) leaves the HTTP/1 parser paused, and a
 * server that then closes the connection (an HTTP/1.0 origin, `Connection: close`) crashes the
 * process from inside undici (nodejs/undici#5360, fixed only in undici 8, which needs Node 22).
 * A 'data' listener keeps the parser running, so that state never arises.
 */
function readBody(response: Dispatcher.ResponseData, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const body = response.body;
    const fail = (error: unknown) => {
      body.removeAllListeners("data");
      discard(response);
      reject(error);
    };
    const onAbort = () => fail(signal.reason ?? new EgressError("timeout", "did not answer in time"));
    signal.addEventListener("abort", onAbort, { once: true });
    body.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new EgressError("too_large", `is larger than the ${formatBytes(maxBytes)} limit`));
      else chunks.push(chunk);
    });
    body.once("error", (error) => {
      signal.removeEventListener("abort", onAbort);
      reject(error);
    });
    body.once("end", () => {
      signal.removeEventListener("abort", onAbort);
      resolve(Buffer.concat(chunks));
    });
  });
}

/** Drops a body we will not read; the socket is closed rather than drained. */
function discard(response: Dispatcher.ResponseData): void {
  response.body.on("error", () => {});
  response.body.destroy();
}

function header(response: Dispatcher.ResponseData, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function translate(error: unknown, signal: AbortSignal): EgressError {
  if (error instanceof EgressError) return error;
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof EgressError) return cause;
  const code = (error as { code?: string })?.code ?? "";
  if (signal.aborted || /TIMEOUT|ABORT/i.test(code) || (error as Error)?.name === "TimeoutError" || (error as Error)?.name === "AbortError") {
    return new EgressError("timeout", "did not answer in time");
  }
  return new EgressError("unreachable", "could not be reached");
}

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${Math.round(n / (1 << 20))} MB` : `${Math.round(n / 1024)} kB`;
}
