/**
 * The credit ledger: append-only entries (grant, hold, capture, release, adjust) and an account
 * row that caches the balances they add up to. Money moves only here, only inside a transaction
 * that also moves the task's state, and a task settles at most once (capture XOR release) — the
 * database's partial unique indexes make a second settlement impossible, not merely unlikely.
 */
import { sql, type Transaction } from "kysely";
import type { Database, LedgerKind } from "../store/schema.ts";
import type { Db } from "../store/database.ts";

type Trx = Transaction<Database> | Db;

export class InsufficientCreditsError extends Error {
  constructor(
    readonly available: number,
    readonly cost: number,
  ) {
    super(`this task costs ${cost} credits and the balance is ${available}`);
  }
}

export async function createAccount(trx: Trx, id: string, now: number): Promise<void> {
  await trx.insertInto("accounts").values({ id, available: 0, held: 0, created_at: now }).execute();
}

async function append(trx: Trx, entry: { account_id: string; api_key_id?: string | null; task_id?: string | null; kind: LedgerKind; amount: number; created_at: number; note?: string | null }) {
  return trx
    .insertInto("ledger_entries")
    .values({ api_key_id: null, task_id: null, note: null, ...entry })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
}

/** Adds credits to an account (the `credits add` command). */
export async function grantCredits(trx: Trx, accountId: string, amount: number, now: number, note: string | null = null): Promise<void> {
  if (!(Number.isSafeInteger(amount) && amount > 0)) throw new RangeError(`credits must be a positive whole number, got ${amount}`);
  await append(trx, { account_id: accountId, kind: "grant", amount, created_at: now, note });
  await trx.updateTable("accounts").set({ available: sql`available + ${amount}` }).where("id", "=", accountId).execute();
}

/**
 * Moves `cost` from available to held for a new task, or throws InsufficientCreditsError. The
 * conditional UPDATE is the check: two creates racing for the last credits cannot both pass it.
 */
export async function holdCredits(trx: Trx, hold: { accountId: string; apiKeyId: string; taskId: string; cost: number; now: number }): Promise<void> {
  const updated = await trx
    .updateTable("accounts")
    .set({ available: sql`available - ${hold.cost}`, held: sql`held + ${hold.cost}` })
    .where("id", "=", hold.accountId)
    .where("available", ">=", hold.cost)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    const account = await trx.selectFrom("accounts").select("available").where("id", "=", hold.accountId).executeTakeFirst();
    throw new InsufficientCreditsError(Number(account?.available ?? 0), hold.cost);
  }
  await append(trx, { account_id: hold.accountId, api_key_id: hold.apiKeyId, task_id: hold.taskId, kind: "hold", amount: hold.cost, created_at: hold.now });
}

/**
 * Settles a task's hold: capture (the video was delivered) or release (back to available).
 * Returns false, changing nothing, if the task was already settled.
 */
export async function settleHold(
  trx: Trx,
  settle: { accountId: string; apiKeyId: string; taskId: string; cost: number; kind: "capture" | "release"; now: number },
): Promise<boolean> {
  const inserted = await append(trx, {
    account_id: settle.accountId,
    api_key_id: settle.apiKeyId,
    task_id: settle.taskId,
    kind: settle.kind,
    amount: settle.cost,
    created_at: settle.now,
  });
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await trx
    .updateTable("accounts")
    .set(
      settle.kind === "capture"
        ? { held: sql`held - ${settle.cost}` }
        : { held: sql`held - ${settle.cost}`, available: sql`available + ${settle.cost}` },
    )
    .where("id", "=", settle.accountId)
    .execute();
  return true;
}

export interface Balance {
  readonly available: number;
  readonly held: number;
}

export async function accountBalance(trx: Trx, accountId: string): Promise<Balance> {
  const row = await trx.selectFrom("accounts").select(["available", "held"]).where("id", "=", accountId).executeTakeFirstOrThrow();
  return { available: Number(row.available), held: Number(row.held) };
}

export interface LedgerViolation {
  readonly rule: string;
  readonly subject: string;
  readonly detail: string;
}

/**
 * The reconciliation queries (Stripe-ledger style): each must find nothing. Run after tests and
 * chaos runs; a violation means money moved without the state, or the state without the money.
 */
export async function findLedgerViolations(db: Db): Promise<LedgerViolation[]> {
  const violations: LedgerViolation[] = [];
  const sums = await db
    .selectFrom("ledger_entries")
    .select(["account_id", "kind", sql<number>`sum(amount)`.as("total")])
    .groupBy(["account_id", "kind"])
    .execute();
  const accounts = await db.selectFrom("accounts").selectAll().execute();
  for (const account of accounts) {
    const total = (kind: LedgerKind) => Number(sums.find((s) => s.account_id === account.id && s.kind === kind)?.total ?? 0);
    const funded = total("grant") + total("adjust");
    const accounted = Number(account.available) + Number(account.held) + total("capture");
    if (funded !== accounted) violations.push({ rule: "grants = available + held + captures", subject: account.id, detail: `${funded} ≠ ${accounted}` });
    const open = total("hold") - total("capture") - total("release");
    if (open !== Number(account.held)) violations.push({ rule: "held = holds − settlements", subject: account.id, detail: `${open} ≠ ${account.held}` });
  }
  const tasks = await db
    .selectFrom("tasks")
    .leftJoin("ledger_entries", "ledger_entries.task_id", "tasks.id")
    .select([
      "tasks.id",
      "tasks.status",
      sql<number>`sum(case when ledger_entries.kind = 'hold' then 1 else 0 end)`.as("holds"),
      sql<number>`sum(case when ledger_entries.kind = 'capture' then 1 else 0 end)`.as("captures"),
      sql<number>`sum(case when ledger_entries.kind = 'release' then 1 else 0 end)`.as("releases"),
    ])
    .groupBy(["tasks.id", "tasks.status"])
    .execute();
  for (const t of tasks) {
    const [holds, captures, releases] = [Number(t.holds), Number(t.captures), Number(t.releases)];
    const settlements = captures + releases;
    if (holds !== 1) violations.push({ rule: "one hold per task", subject: t.id, detail: `${holds} holds` });
    if (t.status === "completed" && !(captures === 1 && releases === 0)) violations.push({ rule: "completed ⇒ one capture", subject: t.id, detail: `${captures} captures, ${releases} releases` });
    if (t.status === "failed" && !(releases === 1 && captures === 0)) violations.push({ rule: "failed ⇒ one release", subject: t.id, detail: `${captures} captures, ${releases} releases` });
    if ((t.status === "pending" || t.status === "processing") && settlements !== 0) violations.push({ rule: "open ⇒ unsettled", subject: t.id, detail: `${settlements} settlements` });
  }
  return violations;
}
