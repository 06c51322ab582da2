/**
 * API keys: `sk-<id>_<secret><check>`. The id (12 base62) is public — logs, lists, `keys disable`;
 * the secret (43 base62 ≈ 256 bits) is shown once and stored only as the SHA-256 of the whole key;
 * the check (6 base62 of CRC-32) lets the server refuse typos and made-up keys without a lookup.
 * A fast hash is right here: the keys are random, not passwords (GitHub's and Seam's design).
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import type { Db } from "./database.ts";
import type { ApiKey, KeyStatus } from "./schema.ts";
import { createAccount, grantCredits } from "../billing/ledger.ts";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ID_LENGTH = 12;
const SECRET_LENGTH = 43;
const CHECK_LENGTH = 6;
/** The whole grammar; anything else is refused before the database is asked. */
export const KEY_PATTERN = /^sk-([0-9A-Za-z]{12})_([0-9A-Za-z]{49})$/;

function randomBase62(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(text: string): number {
  let c = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function checkChars(body: string): string {
  let n = crc32(body);
  let out = "";
  for (let i = 0; i < CHECK_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** The key's public id if it is well formed and its check characters match; otherwise null. */
export function parseKey(token: string): string | null {
  const match = KEY_PATTERN.exec(token);
  if (!match) return null;
  const body = token.slice(0, token.length - CHECK_LENGTH);
  return checkChars(body) === token.slice(-CHECK_LENGTH) ? match[1] : null;
}

export const hashKey = (token: string): string => createHash("sha256").update(token).digest("hex");

export interface NewKeyOptions {
  readonly credits?: number;
  readonly ipAllowlist?: readonly string[];
  readonly ratePerMinute?: number;
  readonly spendHourly?: number;
  readonly spendDaily?: number;
  readonly spendTotal?: number;
  /** Share an existing account's balance; default: a new account for this key. */
  readonly accountId?: string;
}

export interface CreatedKey {
  readonly id: string;
  /** The full key: shown once, never stored. */
  readonly key: string;
  readonly accountId: string;
  readonly webhookSecret: string;
}

export async function createApiKey(db: Db, options: NewKeyOptions, now: number): Promise<CreatedKey> {
  const id = randomBase62(ID_LENGTH);
  const body = `sk-${id}_${randomBase62(SECRET_LENGTH)}`;
  const key = body + checkChars(body);
  const webhookSecret = `whsec_${randomBytes(32).toString("base64")}`;
  const accountId = options.accountId ?? `acct_${randomBase62(16)}`;
  await db.transaction().execute(async (trx) => {
    if (!options.accountId) await createAccount(trx, accountId, now);
    await trx
      .insertInto("api_keys")
      .values({
        id,
        account_id: accountId,
        key_hash: hashKey(key),
        hint: `sk-${id}_…${key.slice(-4)}`,
        status: "active",
        ip_allowlist: JSON.stringify(options.ipAllowlist ?? []),
        rate_per_minute: options.ratePerMinute ?? null,
        spend_hourly: options.spendHourly ?? null,
        spend_daily: options.spendDaily ?? null,
        spend_total: options.spendTotal ?? null,
        webhook_secret: webhookSecret,
        created_at: now,
        last_used_at: null,
      })
      .execute();
    if (options.credits) await grantCredits(trx, accountId, options.credits, now, `key ${id} created`);
  });
  return { id, key, accountId, webhookSecret };
}

/** The active key a bearer token names, or null (malformed, bad check, unknown, disabled, deleted). */
export async function findActiveKey(db: Db, token: string): Promise<ApiKey | null> {
  if (parseKey(token) === null) return null;
  const row = await db.selectFrom("api_keys").selectAll().where("key_hash", "=", hashKey(token)).executeTakeFirst();
  return row && row.status === "active" ? row : null;
}

export async function listApiKeys(db: Db): Promise<Array<ApiKey & { available: number; held: number }>> {
  const rows = await db
    .selectFrom("api_keys")
    .innerJoin("accounts", "accounts.id", "api_keys.account_id")
    .selectAll("api_keys")
    .select(["accounts.available", "accounts.held"])
    .where("api_keys.status", "!=", "deleted")
    .orderBy("api_keys.created_at")
    .execute();
  return rows.map((r) => ({ ...r, available: Number(r.available), held: Number(r.held) }));
}

/** Accepts the public id or the whole key. */
export async function resolveKeyId(db: Db, idOrKey: string): Promise<ApiKey | null> {
  const id = KEY_PATTERN.exec(idOrKey)?.[1] ?? idOrKey.replace(/^sk-/, "");
  return (await db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function setKeyStatus(db: Db, id: string, status: Exclude<KeyStatus, "active">): Promise<boolean> {
  const result = await db.updateTable("api_keys").set({ status }).where("id", "=", id).where("status", "!=", "deleted").executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function addCredits(db: Db, key: ApiKey, amount: number, now: number): Promise<void> {
  await db.transaction().execute((trx) => grantCredits(trx, key.account_id, amount, now, `credits add to key ${key.id}`));
}
