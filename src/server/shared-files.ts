/**
 * The API's files (task inputs, uploads, plan artifacts, finished videos) as seen by one API
 * process. Embedded mode: they are only ever local, under --data, and every method here is a
 * no-op. Scale-out mode: the object store holds the truth — the API publishes what it writes
 * (inputs, uploads) and fetches, on first use, what another process wrote (a worker's artifacts
 * and videos, another API replica's uploads) into the same place under --data, which then acts as
 * a cache. Keys are the paths relative to --data: `tasks/<id>/…`, `uploads/<id>/…`.
 */
import { access, stat } from "node:fs/promises";
import { relative, sep } from "node:path";
import { ARTIFACT_FILES } from "../core/artifact.ts";
import { isMvgenError } from "../core/errors.ts";
import type { ObjectStore } from "../storage/object-store.ts";
import { localizeArtifact } from "../scale/task-files.ts";

export interface SharedFiles {
  /** The object store, in the scale-out mode. */
  readonly store?: ObjectStore;
  /** Makes a file or folder written under --data available to every other process. */
  publish(localPath: string): Promise<void>;
  /** Makes sure a file under --data is here (fetching it if another process wrote it); false if it exists nowhere. */
  fetch(localPath: string): Promise<boolean>;
  /** Removes a folder's published copy (the local one is the caller's). */
  unpublish(localDir: string): Promise<void>;
  /** Fetches the task's plan artifacts and the files they name; false while there is no plan yet. */
  fetchArtifacts(taskId: string): Promise<boolean>;
}

const here = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export function createSharedFiles(dataDir: string, store: ObjectStore | undefined): SharedFiles {
  if (!store) {
    return { publish: async () => {}, fetch: here, unpublish: async () => {}, fetchArtifacts: async () => true };
  }
  const keyOf = (path: string) => {
    const rel = relative(dataDir, path);
    if (rel.startsWith("..")) throw new Error(`${path} is not under the data folder ${dataDir}`);
    return rel.split(sep).join("/");
  };
  const notFound = (error: unknown) => isMvgenError(error) && error.code === "STORAGE_NOT_FOUND";
  return {
    store,
    async publish(path) {
      if ((await stat(path)).isDirectory()) await store.putFolder(keyOf(path), path);
      else await store.put(keyOf(path), path);
    },
    async fetch(path) {
      if (await here(path)) return true;
      try {
        await store.get(keyOf(path), path);
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
    },
    unpublish: (dir) => store.deletePrefix(`${keyOf(dir)}/`),
    async fetchArtifacts(taskId) {
      try {
        for (const name of Object.values(ARTIFACT_FILES)) {
          await localizeArtifact(store, dataDir, taskId, name);
        }
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
    },
  };
}
