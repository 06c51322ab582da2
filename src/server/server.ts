/**
 * `mvgen serve`: builds the app and listens until SIGINT/SIGTERM, then stops taking work, gives
 * running renders back to the queue, and closes. Tuning for tests and operators comes from the
 * environment here, at the composition root: MVGEN_LEASE_MS, MVGEN_POLL_MS, MVGEN_READ_PER_MINUTE
 * (the per-key budget of GET requests, default 600).
 */
import { buildApp, type AppOptions } from "./app.ts";
import { envNumber } from "../core/env.ts";

export interface ServeOptions extends AppOptions {
  readonly port: number;
  readonly host: string;
}

export async function startServer(options: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const leaseMs = envNumber("MVGEN_LEASE_MS");
  const app = await buildApp({
    ...options,
    lease: options.lease ?? (leaseMs ? { leaseMs } : undefined),
    pollMs: options.pollMs ?? envNumber("MVGEN_POLL_MS"),
    readPerMinute: options.readPerMinute ?? envNumber("MVGEN_READ_PER_MINUTE"),
  });
  const url = await app.listen({ port: options.port, host: options.host });
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= app.close());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
  return { url, close };
}
