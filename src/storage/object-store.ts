/**
 * Where media lives between stages: task inputs, plan artifacts, rendered chunk segments and
 * finished videos. On one machine that is a local folder; when the service runs on several, an
 * S3-compatible bucket (AWS S3, MinIO, …) that every worker reaches. Stages see only this
 * interface and move files in and out of a local working folder, so the same pipeline runs on both.
 *
 * Keys are relative "/"-separated paths made by our code (object-key.ts); prefixes are folder-like
 * ("tasks/ab" covers "tasks/ab/…", never "tasks/abc/…").
 */
import { openLocalStore } from "./local-store.ts";
import { openS3Store } from "./s3-store.ts";
import { parseStorageLocation } from "./storage-location.ts";

export interface ObjectStore {
  /** Where it stores, for logs and messages, with any secret removed: "s3://bucket (endpoint http://…)" or "/abs/folder". */
  readonly description: string;
  /** Uploads a local file under `key` (streamed, not read into memory). */
  put(key: string, localPath: string, contentType?: string): Promise<void>;
  putBytes(key: string, bytes: Uint8Array | string, contentType?: string): Promise<void>;
  /**
   * Downloads `key` to `localPath` (parent folders created); the file appears only when complete.
   * Throws STORAGE_NOT_FOUND naming the key when it does not exist.
   */
  get(key: string, localPath: string): Promise<void>;
  /** The object's bytes; STORAGE_NOT_FOUND when it does not exist. */
  getBytes(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Every key under a prefix ("" for all), sorted in byte order. */
  list(prefix: string): Promise<string[]>;
  /** Every file under a local folder, uploaded to `prefix/<relative path>`; returns the keys. */
  putFolder(prefix: string, dir: string): Promise<string[]>;
  /** Every key under `prefix` downloaded into `dir/<rest of key>`; returns the local paths. */
  getFolder(prefix: string, dir: string): Promise<string[]>;
  /** Deletes every key under a (non-empty) prefix; nothing there is not an error. */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * Checks that the store is reachable and writable (S3: HeadBucket; local: the folder exists or
   * can be created, and is writable). Throws STORAGE_UNAVAILABLE naming the store and what to fix.
   */
  check(): Promise<void>;
  /** Releases connections; the store is not used after. */
  close(): void;
}

/**
 * The store a `--storage` value names: a folder path (absolute or relative), file:///abs/path, or
 * s3://[ACCESS:SECRET@]bucket[/prefix]?endpoint=…&region=…&force_path_style=…; anything else is
 * INVALID_OPTION. Opening connects to nothing; call `check()` to find out whether it is reachable.
 */
export function openObjectStore(location: string): ObjectStore {
  const parsed = parseStorageLocation(location);
  return parsed.kind === "local" ? openLocalStore(parsed.root) : openS3Store(parsed);
}
