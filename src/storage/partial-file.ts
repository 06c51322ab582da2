/**
 * Files that appear only when complete: a download (or a local store's upload) is written to
 * `<path>.partial-<random>` and renamed, so a reader never sees half a file and an interrupted
 * transfer leaves no file that looks finished. The random part lets two workers fetch the same
 * object to the same path at once without writing into each other's file; it names a temporary
 * file only and never reaches an artifact, so it does not touch determinism.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";

const PARTIAL_SUFFIX = /\.partial-[0-9a-f]{12}$/;

export function isPartialFile(name: string): boolean {
  return PARTIAL_SUFFIX.test(name);
}

/** Creates `path`'s folder, lets `write` fill a partial file, then renames it to `path`; on failure removes it. */
export async function writeFileWhole(path: string, write: (partialPath: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial-${randomBytes(6).toString("hex")}`;
  try {
    await write(partial);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
