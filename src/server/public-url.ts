/**
 * The API's public base URL (`--public-url`): the start of every video link in task outputs.
 * `mvgen serve` and `mvgen worker` both take it and both write task views (GET answers, callback
 * bodies), so both normalise it here: the links a worker's callback carries are then the ones GET
 * shows, character for character.
 */
import { MvgenError } from "../core/errors.ts";

/**
 * The URL as given, without trailing slashes (links append `/files/…`). Not rewritten through
 * `URL.toString()` (which lowercases the host and drops a default port): operators see their own
 * spelling in the links. Throws INVALID_OPTION for a value that is not an absolute URL.
 */
export function normalizePublicUrl(url: string): string {
  if (!URL.canParse(url)) {
    throw new MvgenError("INVALID_OPTION", `--public-url ${url} is not a URL; give the API's base URL as clients reach it, e.g. https://mv.example.com.`);
  }
  return url.replace(/\/+$/, "");
}
