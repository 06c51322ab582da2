/**
 * Object keys and prefixes. A key is a relative path of "/"-separated segments
 * ("tasks/4f2c…/chunks/003.mp4"): our code makes every key, but a local store turns keys into file
 * paths, so a key that could name a file outside the store's folder (absolute, "..", "\") is refused
 * here, for both stores alike, so that code which works on one works on the other.
 *
 * A prefix is a folder-like key path: "tasks/ab" covers "tasks/ab/…" but not "tasks/abc/…", so
 * deleting one task's prefix can never take another task's objects with it.
 */
import { MvgenError } from "../core/errors.ts";
import { isPartialFile } from "./partial-file.ts";

export function checkKey(key: string): string {
  const problem = keyProblem(key);
  if (problem !== undefined) {
    throw new MvgenError("INVALID_OPTION", `object key "${key}" ${problem}; keys are relative paths like tasks/<id>/song.wav.`, { details: { key } });
  }
  return key;
}

/** A prefix with any trailing "/" removed; "" (the whole store) is allowed. */
export function checkPrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, "");
  if (trimmed === "") return "";
  const problem = keyProblem(trimmed);
  if (problem !== undefined) {
    throw new MvgenError("INVALID_OPTION", `key prefix "${prefix}" ${problem}; prefixes are relative paths like tasks/<id>.`, { details: { prefix } });
  }
  return trimmed;
}

function keyProblem(key: string): string | undefined {
  if (key === "") return "is empty";
  if (key.startsWith("/")) return "is absolute";
  if (key.includes("\\")) return "holds a backslash";
  if (key.includes("\0")) return "holds a NUL character";
  const segments = key.split("/");
  if (segments.includes("..")) return 'has a ".." segment';
  if (segments.includes(".")) return 'has a "." segment';
  // "a//b" would be the same file as "a/b" in a local store but another object in S3.
  if (segments.includes("")) return "has an empty segment (a doubled or trailing /)";
  // The local store writes "<file>.partial-<hex>" while a file arrives and lists around such names.
  if (segments.some(isPartialFile)) return "ends like an unfinished download (.partial-…)";
  return undefined;
}

/** `prefix/rest`; either may be "" (the empty prefix, or the prefix itself). */
export function keyUnder(prefix: string, rest: string): string {
  return prefix === "" ? rest : rest === "" ? prefix : `${prefix}/${rest}`;
}

/** What list(prefix) matches: every key starting with this. */
export function listingPrefix(prefix: string): string {
  return prefix === "" ? "" : `${prefix}/`;
}

/**
 * S3 lists keys in UTF-8 byte order; JavaScript's default sort compares UTF-16 units, which
 * differs for characters above U+FFFF. Both stores sort with this, so their lists are identical.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
