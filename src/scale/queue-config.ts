/**
 * The scale-out render queue's address: `--queue redis://[:password@]host:6379[/db][?prefix=name]`
 * (or MVGEN_QUEUE_URL). BullMQ keeps its keys under the prefix (default "mvgen"), so several
 * deployments — or test suites — can share one Redis.
 */
import { MvgenError } from "../core/errors.ts";
import { redactUrlPassword } from "../core/redact-url.ts";

/** The BullMQ queue every render job goes through. */
export const RENDER_QUEUE = "mvgen-render";

export interface QueueLocation {
  readonly connection: {
    readonly host: string;
    readonly port: number;
    readonly db: number;
    readonly username?: string;
    readonly password?: string;
    readonly tls?: object;
    /** BullMQ's workers block on Redis; ioredis must not give up on their commands. */
    readonly maxRetriesPerRequest: null;
  };
  readonly prefix: string;
  /** For messages and logs: the URL without its password. */
  readonly description: string;
}

export function parseQueueUrl(url: string): QueueLocation {
  const refuse = (why: string) =>
    new MvgenError("INVALID_OPTION", `--queue ${redactUrlPassword(url)} ${why}; use redis://[:password@]host:6379[/db][?prefix=name] (rediss:// for TLS).`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse("is not a URL");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw refuse("is not a Redis URL");
  if (!parsed.hostname) throw refuse("names no host");
  const dbText = parsed.pathname.replace(/^\//, "");
  const db = dbText === "" ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw refuse(`names database "${dbText}", which is not a whole number`);
  const prefix = parsed.searchParams.get("prefix") ?? "mvgen";
  if (!/^[\w.-]{1,64}$/.test(prefix)) throw refuse(`has prefix "${prefix}"; use letters, digits, . _ -`);
  return {
    connection: {
      host: parsed.hostname.replace(/^\[|\]$/g, ""),
      port: parsed.port ? Number(parsed.port) : 6379,
      db,
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
      maxRetriesPerRequest: null,
    },
    prefix,
    description: redactUrlPassword(url),
  };
}

/**
 * Fails fast, with a message saying what to fix, when Redis cannot be reached (BullMQ itself would
 * wait and retry for ever, leaving every task pending).
 */
export async function checkQueue(location: QueueLocation, timeoutMs = 5000): Promise<void> {
  const { Redis } = await import("ioredis");
  const client = new Redis({ ...location.connection, maxRetriesPerRequest: 1, connectTimeout: timeoutMs, lazyConnect: true, retryStrategy: () => null });
  // The socket's own error (ECONNREFUSED, ENOTFOUND, a wrong password) says more than the
  // "Connection is closed" the command then fails with.
  let cause: Error | undefined;
  client.on("error", (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new MvgenError(
      "QUEUE_UNAVAILABLE",
      `cannot reach the render queue at ${location.description}: ${(cause ?? (error as Error)).message}; check --queue (or MVGEN_QUEUE_URL) and that Redis is running.`,
      { cause: error },
    );
  } finally {
    client.disconnect();
  }
}
