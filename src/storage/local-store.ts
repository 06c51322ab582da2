/**
 * The object store as a local folder: the default, for a service on one machine (or several that
 * share a mounted disk). A key is a file path under the folder; writes go through a partial file
 * and a rename, so a reader sees an object whole or not at all, as S3 gives it. Content types are
 * not kept: nothing reads them back from a folder.
 */
import { constants } from "node:fs";
import { access, copyFile, lstat, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { MvgenError } from "../core/errors.ts";
import { getFolder, ifGone, listFiles, putFolder } from "./folder-transfer.ts";
import type { ObjectStore } from "./object-store.ts";
import { checkKey, checkPrefix, keyUnder } from "./object-key.ts";
import { isPartialFile, writeFileWhole } from "./partial-file.ts";

export function openLocalStore(root: string): ObjectStore {
  const folder = resolve(root);
  const description = folder;
  const pathOf = (key: string) => join(folder, ...checkKey(key).split("/"));

  const unavailable = (action: string, error: unknown) =>
    new MvgenError(
      "STORAGE_UNAVAILABLE",
      `storage folder ${folder}: ${action} failed (${(error as Error).message}); check that the folder is on a mounted disk with free space that this user may write.`,
      { cause: error, details: { store: description, action } },
    );
  const notFound = (key: string, cause?: unknown) =>
    new MvgenError("STORAGE_NOT_FOUND", `object ${key} does not exist in ${description}.`, { cause, details: { key, store: description } });
  const isMissing = (error: unknown) => ["ENOENT", "ENOTDIR", "EISDIR"].includes((error as NodeJS.ErrnoException).code ?? "");

  const store: ObjectStore = {
    description,

    async put(key, localPath) {
      const target = pathOf(key);
      await stat(localPath).catch((error: Error) => {
        throw new MvgenError("INPUT_NOT_FOUND", `${localPath} cannot be stored as ${key}: ${error.message}; check the path.`, { cause: error, details: { key, localPath } });
      });
      await writeFileWhole(target, (partial) => copyFile(localPath, partial)).catch((error) => {
        throw unavailable(`storing ${key}`, error);
      });
    },

    async putBytes(key, bytes) {
      const target = pathOf(key);
      await writeFileWhole(target, (partial) => writeFile(partial, bytes)).catch((error) => {
        throw unavailable(`storing ${key}`, error);
      });
    },

    async get(key, localPath) {
      const source = pathOf(key);
      const info = await stat(source).catch((error) => {
        throw isMissing(error) ? notFound(key, error) : unavailable(`reading ${key}`, error);
      });
      if (!info.isFile()) throw notFound(key);
      await writeFileWhole(localPath, (partial) => copyFile(source, partial)).catch(async (error) => {
        // Deleted while being copied (another worker cleaning up) is "not found", as in S3.
        const gone = await stat(source).then(() => false, () => true);
        throw gone ? notFound(key, error) : unavailable(`copying ${key} to ${localPath}`, error);
      });
    },

    async getBytes(key) {
      return readFile(pathOf(key)).catch((error) => {
        throw isMissing(error) ? notFound(key, error) : unavailable(`reading ${key}`, error);
      });
    },

    async exists(key) {
      const info = await stat(pathOf(key)).catch((error) => {
        if (isMissing(error)) return undefined;
        throw unavailable(`looking up ${key}`, error);
      });
      return info?.isFile() ?? false;
    },

    async list(prefix) {
      const base = checkPrefix(prefix);
      const dir = base === "" ? folder : join(folder, ...base.split("/"));
      const files = await listFiles(dir).catch((error) => {
        throw unavailable(`listing ${base || "all keys"}`, error);
      });
      // Partial files are uploads still arriving (or left by a crash): not objects yet.
      return files.filter((file) => !isPartialFile(file)).map((file) => keyUnder(base, file));
    },

    putFolder: (prefix, dir) => putFolder(store, prefix, dir),
    getFolder: (prefix, dir) => getFolder(store, prefix, dir),

    async deletePrefix(prefix) {
      const base = checkPrefix(prefix);
      if (base === "") throw new MvgenError("INVALID_OPTION", `deletePrefix needs a prefix; refusing to delete everything in ${description}.`);
      const dir = join(folder, ...base.split("/"));
      // Only the folder: a file at `dir` is the key `base` itself, which is not under the prefix (S3 keeps it too).
      const info = await lstat(dir).catch(ifGone(undefined));
      if (info?.isDirectory()) {
        await rm(dir, { recursive: true, force: true }).catch((error) => {
          throw unavailable(`deleting ${base}/`, error);
        });
      }
    },

    async check() {
      try {
        await mkdir(folder, { recursive: true });
        await access(folder, constants.R_OK | constants.W_OK);
      } catch (error) {
        throw new MvgenError(
          "STORAGE_UNAVAILABLE",
          `storage folder ${folder} cannot be created or written (${(error as Error).message}); create it and give this user write access, or choose another folder with --storage.`,
          { cause: error, details: { store: description } },
        );
      }
    },

    close() {},
  };
  return store;
}
