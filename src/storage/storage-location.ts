/**
 * What `--storage` means: a local folder (a path or file:///abs/path), or an S3-compatible bucket
 * (s3://[ACCESS:SECRET@]bucket[/prefix]?endpoint=…&region=…&force_path_style=…). Parsed once, at
 * the boundary, into a StorageLocation that the stores trust; the URL's credentials never leave it
 * except into the S3 client (descriptions and messages go through `redactStorageUrl`).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MvgenError } from "../core/errors.ts";
import { checkPrefix } from "./object-key.ts";

export interface LocalLocation {
  readonly kind: "local";
  /** Absolute folder. */
  readonly root: string;
}

export interface S3Location {
  readonly kind: "s3";
  readonly bucket: string;
  /** Key prefix inside the bucket ("" for the whole bucket), without leading or trailing "/". */
  readonly prefix: string;
  /** http(s)://host[:port] of an S3-compatible server; undefined for AWS itself. */
  readonly endpoint?: string;
  /** undefined: the SDK's chain (AWS_REGION, ~/.aws/config); an endpoint alone implies us-east-1. */
  readonly region?: string;
  /** Path-style requests (endpoint/bucket/key): what MinIO and s3rver expect; the default with an endpoint. */
  readonly forcePathStyle: boolean;
  /** From the URL; undefined: the SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export type StorageLocation = LocalLocation | S3Location;

const FORMS =
  "--storage takes a folder (/var/lib/mvgen/media, ./media or file:///var/lib/mvgen/media) or " +
  "s3://bucket[/prefix][?endpoint=http://host:9000&region=us-east-1&force_path_style=true]";

/** Query parameters an s3:// location may carry; anything else is a typo, refused rather than ignored. */
const S3_PARAMETERS = new Set(["endpoint", "region", "force_path_style"]);

/** S3's bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens, starting and ending alphanumeric. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION_NAME = /^[a-z0-9-]+$/;

export function parseStorageLocation(location: string): StorageLocation {
  const shown = redactStorageUrl(location);
  const invalid = (why: string, details: Record<string, unknown> = {}) =>
    new MvgenError("INVALID_OPTION", `storage location "${shown}" ${why}; ${FORMS}.`, { details: { location: shown, ...details } });

  if (location.trim() === "") throw invalid("is empty");
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: "local", root: resolve(location) };
  if (scheme === "file") {
    try {
      return { kind: "local", root: fileURLToPath(location) };
    } catch (error) {
      throw invalid(`is not a local file URL (${(error as Error).message})`);
    }
  }
  if (scheme !== "s3") throw invalid(`uses the unsupported scheme ${scheme}://`, { scheme });
  return parseS3Url(location, invalid);
}

function parseS3Url(location: string, invalid: (why: string, details?: Record<string, unknown>) => MvgenError): S3Location {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    // The usual cause: an AWS secret holding "/", which ends the credentials part of a URL.
    throw invalid("is not a valid URL (percent-encode any / ? # in the credentials, e.g. / as %2F)");
  }
  const bucket = url.hostname;
  if (bucket === "") throw invalid("names no bucket");
  if (!BUCKET_NAME.test(bucket)) throw invalid(`names the bucket "${bucket}", which is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)`);
  if (url.port !== "") throw invalid("gives a port after the bucket; give the server as ?endpoint=http://host:port");
  if (url.hash !== "") throw invalid("has a #fragment");

  for (const name of url.searchParams.keys()) {
    if (!S3_PARAMETERS.has(name)) throw invalid(`has the unknown parameter "${name}" (known: ${[...S3_PARAMETERS].join(", ")})`);
  }
  const endpoint = parseEndpoint(url.searchParams.get("endpoint"), invalid);
  const region = url.searchParams.get("region") ?? undefined;
  if (region !== undefined && !REGION_NAME.test(region)) throw invalid(`gives the region "${region}", which is not a region name like us-east-1`);
  const pathStyle = url.searchParams.get("force_path_style");
  if (pathStyle !== null && pathStyle !== "true" && pathStyle !== "false") {
    throw invalid(`gives force_path_style=${pathStyle}; use true or false`);
  }

  let prefix: string;
  try {
    prefix = checkPrefix(decodeURIComponent(url.pathname.replace(/^\//, "")));
  } catch (error) {
    throw invalid(`has a key prefix that is not a plain relative path (${(error as Error).message})`);
  }

  let credentials: S3Location["credentials"];
  if (url.username !== "" || url.password !== "") {
    if (url.username === "" || url.password === "") throw invalid("gives only half of ACCESS:SECRET@ before the bucket");
    credentials = { accessKeyId: decodeURIComponent(url.username), secretAccessKey: decodeURIComponent(url.password) };
  }

  return {
    kind: "s3",
    bucket,
    prefix,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(region === undefined ? {} : { region }),
    forcePathStyle: pathStyle === null ? endpoint !== undefined : pathStyle === "true",
    ...(credentials === undefined ? {} : { credentials }),
  };
}

function parseEndpoint(value: string | null, invalid: (why: string, details?: Record<string, unknown>) => MvgenError): string | undefined {
  if (value === null) return undefined;
  const shown = redactStorageUrl(value);
  let endpoint: URL;
  try {
    endpoint = new URL(value);
  } catch {
    throw invalid(`gives the endpoint "${shown}", which is not a URL like http://127.0.0.1:9000`, { endpoint: shown });
  }
  if (endpoint.username !== "" || endpoint.password !== "") {
    throw invalid("puts credentials in the endpoint; put them before the bucket (s3://ACCESS:SECRET@bucket) or in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
  }
  if (endpoint.protocol !== "http:" && endpoint.protocol !== "https:") {
    throw invalid(`gives the endpoint "${shown}", which is not an http:// or https:// URL`, { endpoint: shown });
  }
  if (endpoint.search !== "" || endpoint.hash !== "") {
    throw invalid(`gives the endpoint "${shown}" with a query or fragment; give only http(s)://host:port`, { endpoint: shown });
  }
  return endpoint.pathname === "/" ? endpoint.origin : `${endpoint.origin}${endpoint.pathname.replace(/\/$/, "")}`;
}

/**
 * The location with any credentials replaced by ***, for messages and logs. Works on strings that
 * do not parse too (a secret with an unescaped "/" is the usual reason a URL does not): everything
 * between "scheme://" and the last "@" before the query is taken as credentials, and so is any
 * "user:password@" in the query (an endpoint given with credentials, which parsing then refuses).
 */
export function redactStorageUrl(location: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(location)?.[0];
  if (scheme === undefined) return location;
  const rest = location.slice(scheme.length);
  const queryStart = rest.indexOf("?") === -1 ? rest.length : rest.indexOf("?");
  const authority = rest.slice(0, queryStart);
  const query = rest.slice(queryStart).replace(/(:\/\/|%3A%2F%2F)[^/?#&@]*(@|%40)/gi, "$1***$2");
  const at = authority.lastIndexOf("@");
  return `${scheme}${at === -1 ? authority : `***${authority.slice(at)}`}${query}`;
}

/** "s3://bucket/prefix (endpoint http://…)" or the folder: how a store names itself, with no secret in it. */
export function describeStorageLocation(location: StorageLocation): string {
  if (location.kind === "local") return location.root;
  const where = `s3://${location.bucket}${location.prefix === "" ? "" : `/${location.prefix}`}`;
  if (location.endpoint !== undefined) return `${where} (endpoint ${location.endpoint})`;
  return location.region === undefined ? where : `${where} (region ${location.region})`;
}
