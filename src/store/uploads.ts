/** Upload rows: a file an account sent to `POST /v1/uploads`, usable in its own tasks until it expires. */
import type { Db } from "./database.ts";
import type { Upload } from "./schema.ts";

export async function insertUpload(db: Db, upload: Upload): Promise<void> {
  await db.insertInto("uploads").values(upload).execute();
}

/** The upload, only if `accountId` owns it and it has not expired: anything else looks the same (absent). */
export async function findOwnUpload(db: Db, id: string, accountId: string, now: number): Promise<Upload | undefined> {
  return db.selectFrom("uploads").selectAll().where("id", "=", id).where("account_id", "=", accountId).where("expires_at", ">", now).executeTakeFirst();
}

export async function expiredUploads(db: Db, now: number, limit = 100): Promise<Upload[]> {
  return db.selectFrom("uploads").selectAll().where("expires_at", "<=", now).orderBy("expires_at").limit(limit).execute();
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await db.deleteFrom("uploads").where("id", "=", id).execute();
}
