/**
 * A folder to a prefix and back (a task's plan artifacts, its rendered segments), written once
 * over any store's put/get/list so both stores copy folders by the same rules.
 */
import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { MvgenError } from "../core/errors.ts";
import type { ObjectStore } from "./object-store.ts";
import { checkKey, checkPrefix, compareKeys, keyUnder, listingPrefix } from "./object-key.ts";

/**
 * Transfers in flight at once: an S3 request costs a round trip (≈ 10–50 ms) however small the
 * file, so a few in parallel keep the link busy; more would only queue behind the same uplink.
 */
const PARALLEL_TRANSFERS = 4;

export async function putFolder(store: Pick<ObjectStore, "put">, prefix: string, dir: string): Promise<string[]> {
  const base = checkPrefix(prefix);
  const unreadable = (why: string, cause?: unknown) =>
    new MvgenError("INPUT_NOT_FOUND", `folder ${dir} cannot be uploaded: ${why}; check the path.`, { cause, details: { dir } });
  const info = await stat(dir).catch((error: Error) => {
    throw unreadable(error.message, error);
  });
  if (!info.isDirectory()) throw unreadable("it is not a folder");
  const files = await listFiles(dir).catch((error: Error) => {
    throw unreadable(error.message, error);
  });
  const keys = files.map((file) => checkKey(keyUnder(base, file)));
  await forEachLimited(files, (file, i) => store.put(keys[i], join(dir, ...file.split("/"))));
  return keys;
}

export async function getFolder(store: Pick<ObjectStore, "get" | "list">, prefix: string, dir: string): Promise<string[]> {
  const base = checkPrefix(prefix);
  const keys = await store.list(base);
  // The rest of each key is checked again: a bucket may hold keys some other program wrote, and
  // none of them may name a file outside `dir`.
  const paths = keys.map((key) => join(dir, ...checkKey(key.slice(listingPrefix(base).length)).split("/")));
  await forEachLimited(keys, (key, i) => store.get(key, paths[i]));
  return paths;
}

/**
 * Every file under `dir` (following symbolic links), as "/"-separated paths relative to it, in key
 * order. A folder or file that disappears while it is walked (another worker deleting a prefix) is
 * left out rather than failing the walk; a missing `dir` gives no files.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(ifGone([]));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const info = entry.isSymbolicLink() ? await stat(path).catch(ifGone(undefined)) : entry;
      if (info?.isDirectory()) await walk(path);
      else if (info?.isFile()) files.push(relative(dir, path).split(sep).join("/"));
    }
  };
  await walk(dir);
  return files.sort(compareKeys);
}

/** A `.catch` handler: `value` when the error says the path is not there (any more), else rethrows. */
export function ifGone<T>(value: T): (error: NodeJS.ErrnoException) => T {
  return (error) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return value;
    throw error;
  };
}

/** Runs `run` over `items`, a few at a time; after a failure starts no more, waits for those running, and throws the first error. */
async function forEachLimited<T>(items: readonly T[], run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const i = next++;
      try {
        await run(items[i], i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_TRANSFERS, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
