/**
 * Where a task's files live in the scale-out mode. Every file of a task has one object key,
 * `tasks/<taskId>/<rest>`, and on each machine one local copy at `<root>/tasks/<taskId>/<rest>`
 * (the API's root is its --data folder, a worker's its --work-dir). Artifacts record absolute paths
 * (the song, the photos, the masks) as the machine that planned saw them; `localizeArtifact`
 * rewrites those to this machine's root and names the keys to fetch, so a chunk rendered on another
 * machine reads the same files.
 */
import { access, readFile, writeFile } from "node:fs/promises";
import { join, posix, sep } from "node:path";
import { MvgenError } from "../core/errors.ts";
import type { ObjectStore } from "../storage/object-store.ts";
import { writeFileWhole } from "../storage/partial-file.ts";

/** The object key of a task file, e.g. taskKey(id, "artifacts", "timeline.json"). */
export function taskKey(taskId: string, ...parts: string[]): string {
  return posix.join("tasks", taskId, ...parts);
}

/** The task file's local path under `root`. */
export function localPath(root: string, key: string): string {
  return join(root, ...key.split("/"));
}

/**
 * The key of an absolute path that belongs to the task (it contains `/tasks/<taskId>/`), or null
 * for any other string.
 */
export function keyOfPath(path: string, taskId: string): string | null {
  const marker = `${sep}tasks${sep}${taskId}${sep}`;
  const at = path.indexOf(marker);
  if (at < 0 || !path.startsWith(sep)) return null;
  return taskKey(taskId, ...path.slice(at + marker.length).split(sep));
}

/**
 * A JSON value with every path of the task's files moved to `root`, and the keys it refers to.
 * Strings that are not task paths are left alone.
 */
export function localizePaths<T>(value: T, taskId: string, root: string): { value: T; keys: string[] } {
  const keys = new Set<string>();
  const visit = (v: unknown): unknown => {
    if (typeof v === "string") {
      const key = keyOfPath(v, taskId);
      if (!key) return v;
      keys.add(key);
      return localPath(root, key);
    }
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    return v;
  };
  return { value: visit(value) as T, keys: [...keys].sort() };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Downloads `key` unless this machine already has it; returns the local path. */
export async function ensureLocal(store: ObjectStore, root: string, key: string): Promise<string> {
  const path = localPath(root, key);
  if (!(await exists(path))) await store.get(key, path);
  return path;
}

/**
 * Makes an artifact JSON file of the task usable here: fetched if missing, its paths rewritten to
 * this machine's root (in place, atomically), and every task file it names fetched too.
 * Returns the local path of the artifact.
 */
export async function localizeArtifact(store: ObjectStore, root: string, taskId: string, name: string): Promise<string> {
  const path = await ensureLocal(store, root, taskKey(taskId, "artifacts", name));
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new MvgenError("INVALID_ARTIFACT", `${path} (from ${store.description}) is not valid JSON: ${(error as Error).message}; re-run the task.`, { cause: error });
  }
  const { value, keys } = localizePaths(json, taskId, root);
  if (JSON.stringify(value) !== JSON.stringify(json)) {
    await writeFileWhole(path, (partial) => writeFile(partial, JSON.stringify(value, null, 2)));
  }
  for (const key of keys) await ensureLocal(store, root, key);
  return path;
}
