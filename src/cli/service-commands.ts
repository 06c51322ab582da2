/**
 * The service's commands: `serve`, `keys create|list|disable|delete`, `credits add`. Registered
 * on the program by program.ts; thin shells over src/server and src/store.
 */
import { Command, Option } from "commander";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import ipaddr from "ipaddr.js";
import { MvgenError } from "../core/errors.ts";
import { databaseLocation, openDatabase } from "../store/database.ts";
import { addCredits, createApiKey, listApiKeys, resolveKeyId, setKeyStatus } from "../store/api-keys.ts";
import { accountBalance } from "../billing/ledger.ts";
import { redactUrlPassword } from "../core/redact-url.ts";

const DEFAULT_DATA = "./data";

function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0) throw new MvgenError("INVALID_OPTION", `${flag} ${value} is not a whole number ≥ 0.`);
    return n;
  };
}

function cidr(value: string, previous: string[] = []): string[] {
  try {
    const [net, prefix] = value.includes("/") ? ipaddr.parseCIDR(value) : [ipaddr.parse(value), ipaddr.parse(value).kind() === "ipv4" ? 32 : 128];
    return [...previous, `${net.toString()}/${prefix}`];
  } catch {
    throw new MvgenError("INVALID_OPTION", `--ip ${value} is not an address or CIDR range (e.g. 203.0.113.0/24).`);
  }
}

function rate(value: string): number {
  const match = /^(\d+)(?:\/min)?$/.exec(value);
  if (!match || Number(match[1]) < 1) throw new MvgenError("INVALID_OPTION", `--rate ${value} is not a rate like 60/min.`);
  return Number(match[1]);
}

async function withDb<T>(flags: { data: string; database?: string }, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const location = databaseLocation(flags.database, join(resolve(flags.data), "mvgen.db"));
  if ("path" in location) await mkdir(resolve(flags.data), { recursive: true });
  const db = await openDatabase(location);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/** `--database postgres://…`, or MVGEN_DATABASE_URL; neither: the SQLite file in --data. */
const databaseOption = () =>
  new Option("--database <url>", "keep the state in PostgreSQL (postgres://user:password@host:5432/db) instead of <data>/mvgen.db").env("MVGEN_DATABASE_URL");

/** `--queue redis://…` (or MVGEN_QUEUE_URL): the scale-out mode's render queue. */
const queueOption = () =>
  new Option("--queue <url>", "scale-out mode: render jobs go through BullMQ on this Redis (redis://host:6379[/db][?prefix=name])").env("MVGEN_QUEUE_URL");

/** `--storage s3://bucket?endpoint=…` (or MVGEN_STORAGE_URL): the scale-out mode's media. */
const storageOption = () =>
  new Option("--storage <location>", "scale-out mode: media in S3-compatible storage (s3://bucket[/prefix]?endpoint=https://…&region=…) or a shared folder (default <data>/objects)").env("MVGEN_STORAGE_URL");

const print = (json: boolean | undefined, data: unknown, text: string) => process.stdout.write(json ? `${JSON.stringify(data)}\n` : `${text}\n`);

export function addServiceCommands(program: Command): void {
  program
    .command("serve")
    .description("run the HTTP API (the hosted music-video-generator API) with the render workers")
    .option("--port <n>", "port to listen on", positiveInt("--port"), 8080)
    .option("--host <address>", "address to listen on (0.0.0.0 for every interface)", "127.0.0.1")
    .option("--data <dir>", "database and media folder", DEFAULT_DATA)
    .addOption(databaseOption())
    .addOption(new Option("--workers <n>", "renders at once (default: one per two cores)").argParser(positiveInt("--workers")))
    .addOption(queueOption())
    .addOption(storageOption())
    .option("--public-url <url>", "base URL of the video links in task outputs (default: http://HOST:PORT)")
    .option("--allow-private-urls", "let audio, image and callback URLs reach loopback and private addresses (local use and tests only)")
    .option("--trust-proxy <cidrs>", "take the client address from X-Forwarded-For sent by these proxies (comma-separated)")
    .option("--log", "log requests as JSON lines")
    .action(async (flags: { port: number; host: string; data: string; database?: string; queue?: string; storage?: string; workers?: number; publicUrl?: string; allowPrivateUrls?: boolean; trustProxy?: string; log?: boolean }) => {
      const { startServer } = await import("../server/server.ts");
      const allowPrivate = Boolean(flags.allowPrivateUrls) || process.env.MVGEN_ALLOW_PRIVATE_URLS === "1";
      const { url } = await startServer({
        port: flags.port,
        host: flags.host,
        dataDir: flags.data,
        database: flags.database,
        queue: flags.queue,
        storage: flags.storage,
        workers: flags.workers,
        publicUrl: flags.publicUrl,
        egress: { allowPrivate },
        trustProxy: flags.trustProxy ? flags.trustProxy.split(",").map((s) => s.trim()) : false,
        logger: Boolean(flags.log),
      });
      const mode = flags.queue ? `; renders go to mvgen worker processes through ${redactUrlPassword(flags.queue)}` : "";
      process.stdout.write(`mvgen API on ${url} (data in ${resolve(flags.data)}${mode}; docs at ${url}/docs)${allowPrivate ? " — private URLs allowed" : ""}\n`);
    });

  program
    .command("worker")
    .description("run render workers for the scale-out mode: jobs from the --queue, media in the --storage, state in the --database")
    .option("--data <dir>", "the SQLite database (when --database is not given), the default --storage and the local copies of task files", DEFAULT_DATA)
    .addOption(databaseOption())
    .addOption(queueOption().makeOptionMandatory())
    .addOption(storageOption())
    .addOption(new Option("--public-url <url>", "the API's public base URL, for the video links in callbacks (as given to mvgen serve)").env("MVGEN_PUBLIC_URL").makeOptionMandatory())
    .addOption(new Option("--concurrency <n>", "jobs at once (default: one per two cores)").argParser(positiveInt("--concurrency")))
    .addOption(new Option("--threads <n>", "frame-rendering threads per job (default: one per core)").argParser(positiveInt("--threads")))
    .option("--work-dir <dir>", "local copies of the task files being rendered (default <data>/work)")
    .addOption(new Option("--chunk-seconds <s>", "seconds of video per chunk job: longer songs are split across workers").argParser(positiveInt("--chunk-seconds")).default(30))
    .option("--log", "log jobs as JSON lines on stderr")
    .action(async (flags: { data: string; database?: string; queue: string; storage?: string; publicUrl: string; concurrency?: number; threads?: number; workDir?: string; chunkSeconds: number; log?: boolean }) => {
      const { runWorker } = await import("../scale/run-worker.ts");
      await runWorker({ ...flags, dataDir: resolve(flags.data), workDir: flags.workDir ? resolve(flags.workDir) : undefined });
    });

  const keys = program.command("keys").description("manage API keys (stored only as hashes)");
  keys
    .command("create")
    .description("create a key and print it (shown once)")
    .option("--credits <n>", "initial credits", positiveInt("--credits"), 0)
    .option("--ip <cidr>", "allow only this address or range (repeat the flag)", cidr)
    .option("--rate <n/min>", "create requests per minute", rate)
    .option("--spend-hourly <n>", "credits this key may spend per rolling hour", positiveInt("--spend-hourly"))
    .option("--spend-daily <n>", "credits per rolling day", positiveInt("--spend-daily"))
    .option("--spend-total <n>", "credits in all", positiveInt("--spend-total"))
    .option("--data <dir>", "database folder", DEFAULT_DATA)
    .addOption(databaseOption())
    .option("--json", "machine-readable")
    .action(async (flags: { credits: number; ip?: string[]; rate?: number; spendHourly?: number; spendDaily?: number; spendTotal?: number; data: string; json?: boolean }) => {
      const created = await withDb(flags, (db) =>
        createApiKey(db, { credits: flags.credits, ipAllowlist: flags.ip, ratePerMinute: flags.rate, spendHourly: flags.spendHourly, spendDaily: flags.spendDaily, spendTotal: flags.spendTotal }, Date.now()),
      );
      print(
        flags.json,
        { ...created, credits: flags.credits },
        `${created.key}\n  id ${created.id}, ${flags.credits} credits\n  callback signing secret ${created.webhookSecret}\nThe key is shown only now; store it safely.`,
      );
    });
  keys
    .command("list")
    .description("list keys (ids and hints, never the keys)")
    .option("--data <dir>", "database folder", DEFAULT_DATA)
    .addOption(databaseOption())
    .option("--json", "machine-readable")
    .action(async (flags: { data: string; json?: boolean }) => {
      const rows = await withDb(flags, listApiKeys);
      const data = rows.map((r) => ({ id: r.id, hint: r.hint, status: r.status, available: r.available, held: r.held, ip_allowlist: JSON.parse(r.ip_allowlist) as string[], rate_per_minute: r.rate_per_minute, spend_hourly: r.spend_hourly, spend_daily: r.spend_daily, spend_total: r.spend_total, created_at: new Date(Number(r.created_at)).toISOString() }));
      print(flags.json, data, data.map((r) => `${r.id}  ${r.status.padEnd(8)}  ${String(r.available).padStart(8)} credits (${r.held} held)  ${r.hint}`).join("\n") || "no keys");
    });
  for (const [name, status] of [["disable", "disabled"], ["delete", "deleted"]] as const) {
    keys
      .command(name)
      .description(name === "disable" ? "stop a key working (its tasks still finish)" : "delete a key for good (kept for the audit trail)")
      .argument("<key>", "the key's id or the key itself")
      .option("--data <dir>", "database folder", DEFAULT_DATA)
    .addOption(databaseOption())
      .action(async (idOrKey: string, flags: { data: string }) => {
        await withDb(flags, async (db) => {
          const key = await resolveKeyId(db, idOrKey);
          if (!key || !(await setKeyStatus(db, key.id, status))) throw new MvgenError("INVALID_OPTION", `no key ${idOrKey} (or it is already deleted); see mvgen keys list.`);
          process.stdout.write(`key ${key.id} ${status}\n`);
        });
      });
  }

  program
    .command("credits")
    .description("manage credits")
    .command("add")
    .description("add credits to a key's account")
    .argument("<key>", "the key's id or the key itself")
    .argument("<credits>", "how many", positiveInt("credits"))
    .option("--data <dir>", "database folder", DEFAULT_DATA)
    .addOption(databaseOption())
    .option("--json", "machine-readable")
    .action(async (idOrKey: string, credits: number, flags: { data: string; json?: boolean }) => {
      if (credits < 1) throw new MvgenError("INVALID_OPTION", "credits must be at least 1.");
      await withDb(flags, async (db) => {
        const key = await resolveKeyId(db, idOrKey);
        if (!key || key.status === "deleted") throw new MvgenError("INVALID_OPTION", `no key ${idOrKey}; see mvgen keys list.`);
        await addCredits(db, key, credits, Date.now());
        const balance = await accountBalance(db, key.account_id);
        print(flags.json, { id: key.id, ...balance }, `key ${key.id}: ${balance.available} credits available (${balance.held} held)`);
      });
    });
}
