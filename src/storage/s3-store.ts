/**
 * The object store in an S3-compatible bucket (AWS S3, MinIO, s3rver), for the scale-out mode where
 * workers on several machines share media. Plain single-request calls of @aws-sdk/client-s3 v3:
 * PutObject streams a file (one PUT holds up to 5 GB; our largest objects, finished videos, are
 * ≈ 100 MB), GetObject streams into a partial file, ListObjectsV2 pages through a prefix,
 * DeleteObjects removes up to 1000 keys a request.
 *
 * Every S3 failure becomes STORAGE_UNAVAILABLE naming the store (never its credentials) and the S3
 * error, with what to fix; a missing key is STORAGE_NOT_FOUND.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type GetObjectCommandOutput,
} from "@aws-sdk/client-s3";
import { MvgenError } from "../core/errors.ts";
import { getFolder, putFolder } from "./folder-transfer.ts";
import type { ObjectStore } from "./object-store.ts";
import { checkKey, checkPrefix, compareKeys, keyUnder, listingPrefix } from "./object-key.ts";
import { writeFileWhole } from "./partial-file.ts";
import { describeStorageLocation, type S3Location } from "./storage-location.ts";

export interface S3StoreOptions {
  /** Keys per ListObjectsV2 page: 1000 is S3's maximum; a test uses a few to exercise paging. */
  readonly listPageSize?: number;
  /** Tries per request, the first included. */
  readonly maxAttempts?: number;
}

/**
 * 3 tries: a request that fails three times with backoff (≈ 0.1 + 0.2 s, the SDK's base delay)
 * meets a server that is down, not a blip, and the job's own retry takes over from there.
 */
const MAX_ATTEMPTS = 3;
/**
 * [ms] to open a connection: an S3 endpoint on the same network or cloud answers in milliseconds,
 * so 5 s separates a black-holed host from a slow one without waiting out the OS's ≈ 2 min.
 */
const CONNECTION_TIMEOUT_MS = 5_000;
/** [ms] a socket may stay silent mid-request or mid-download before it is given up (not a total: a 1 GB video takes minutes). */
const SOCKET_IDLE_TIMEOUT_MS = 60_000;
/** [ms] before retrying a streamed upload or download ourselves; doubled each time. */
const RETRY_BASE_DELAY_MS = 200;
/** S3 deletes at most this many keys per DeleteObjects request. */
const DELETE_BATCH = 1000;

/** Node's names for a connection that failed or broke: worth another try. */
const NETWORK_ERROR_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "ERR_STREAM_PREMATURE_CLOSE"]);

/**
 * The SDK logs this (through console, unless given a logger) when a streamed request fails, since
 * it cannot retry a stream; `put` and `get` retry with a fresh stream themselves, so it misleads.
 */
const STREAM_NOT_RETRIED_NOTICE = /non-retryable streaming request/;

export function openS3Store(location: S3Location, options: S3StoreOptions = {}): ObjectStore {
  const description = describeStorageLocation(location);
  const bucket = location.bucket;
  const pageSize = options.listPageSize ?? 1000;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const client = new S3Client({
    endpoint: location.endpoint,
    // S3-compatible servers ignore the region but the SDK signs with one.
    region: location.region ?? (location.endpoint === undefined ? undefined : "us-east-1"),
    forcePathStyle: location.forcePathStyle,
    credentials: location.credentials,
    maxAttempts,
    // Since v3.729.0 (aws/aws-sdk-js-v3#6810) the SDK sends every streamed upload with a CRC32
    // trailer in aws-chunked framing unless told otherwise. Servers that do not know the framing
    // store it as the object's bytes: measured on s3rver 3.7.1, a 3 000 000-byte file came back as
    // 3 000 449 bytes starting "10000;chunk-…" (MinIO before 2023 and R2 refuse such uploads).
    // Checksums only where the API requires one (DeleteObjects) keep uploads plain everywhere.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, socketTimeout: SOCKET_IDLE_TIMEOUT_MS },
    logger: {
      debug() {},
      info() {},
      warn(...content: unknown[]) {
        if (!STREAM_NOT_RETRIED_NOTICE.test(String(content[0]))) console.warn(...content);
      },
      // Every failed request, with its input, arrives here; it is thrown as an MvgenError anyway.
      error() {},
    },
  });

  const objectKey = (key: string) => keyUnder(location.prefix, checkKey(key));
  const fail = (error: unknown, action: string) => storageError(error, action, location, description);
  const notFound = (key: string, cause: unknown) =>
    new MvgenError("STORAGE_NOT_FOUND", `object ${key} does not exist in ${description}.`, { cause, details: { key, store: description } });

  /** GetObject, with a missing key as STORAGE_NOT_FOUND. */
  const getObject = async (key: string): Promise<GetObjectCommandOutput> => {
    try {
      return await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    } catch (error) {
      throw isMissingKey(error) ? notFound(key, error) : fail(error, `GetObject ${key}`);
    }
  };

  /** Every key in the bucket under the store's `prefix`, as the bucket names it, page by page. */
  const listBucket = async (prefix: string): Promise<string[]> => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      let page;
      try {
        page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: listingPrefix(keyUnder(location.prefix, prefix)), ContinuationToken: token, MaxKeys: pageSize }),
        );
      } catch (error) {
        throw fail(error, `ListObjectsV2 ${prefix || "all keys"}`);
      }
      for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
      if (page.IsTruncated && page.NextContinuationToken === undefined) {
        // Stopping here would pass off part of the listing as all of it.
        throw new MvgenError("STORAGE_UNAVAILABLE", `storage ${description}: ListObjectsV2 ${prefix || "all keys"} was cut short without a continuation token; the server does not page as S3 does.`, {
          details: { store: description },
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys;
  };

  const store: ObjectStore = {
    description,

    async put(key, localPath, contentType) {
      const target = objectKey(key);
      const { size } = await stat(localPath).catch((error: Error) => {
        throw new MvgenError("INPUT_NOT_FOUND", `${localPath} cannot be stored as ${key}: ${error.message}; check the path.`, { cause: error, details: { key, localPath } });
      });
      // The SDK does not retry a request whose body is a stream (it cannot rewind it), so each
      // try here opens the file afresh.
      for (let attempt = 1; ; attempt++) {
        const body = createReadStream(localPath);
        try {
          await client.send(new PutObjectCommand({ Bucket: bucket, Key: target, Body: body, ContentLength: size, ContentType: contentType }));
          return;
        } catch (error) {
          if (attempt >= maxAttempts || !isTransient(error)) throw fail(error, `PutObject ${key}`);
        } finally {
          body.destroy();
        }
        await sleep(RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
      }
    },

    async putBytes(key, bytes, contentType) {
      try {
        // Said explicitly: the SDK leaves Content-Length out for an empty body, and then warns.
        const length = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.byteLength;
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey(key), Body: bytes, ContentLength: length, ContentType: contentType }));
      } catch (error) {
        throw fail(error, `PutObject ${key}`);
      }
    },

    async get(key, localPath) {
      // The SDK retries until the response starts; a body that breaks off later is retried here.
      for (let attempt = 1; ; attempt++) {
        const response = await getObject(key);
        const body = response.Body as Readable;
        try {
          await writeFileWhole(localPath, async (partial) => {
            await pipeline(body, createWriteStream(partial));
            const { size } = await stat(partial);
            if (response.ContentLength !== undefined && size !== response.ContentLength) {
              throw Object.assign(new Error(`the download stopped after ${size} of ${response.ContentLength} bytes`), { code: "ERR_STREAM_PREMATURE_CLOSE" });
            }
          });
          return;
        } catch (error) {
          if (attempt >= maxAttempts || !isTransient(error)) throw fail(error, `GetObject ${key} into ${localPath}`);
        } finally {
          body.destroy();
        }
        await sleep(RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
      }
    },

    async getBytes(key) {
      const response = await getObject(key);
      try {
        return Buffer.from(await response.Body!.transformToByteArray());
      } catch (error) {
        throw fail(error, `GetObject ${key}`);
      }
    },

    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return true;
      } catch (error) {
        // A HEAD response has no body, so a missing bucket is a 404 too; `check()` tells them apart.
        if (isMissingKey(error)) return false;
        throw fail(error, `HeadObject ${key}`);
      }
    },

    async list(prefix) {
      const base = checkPrefix(prefix);
      const storePrefix = listingPrefix(location.prefix);
      // Keys ending in "/" are the zero-byte "folders" that S3 consoles create: not objects.
      const keys = (await listBucket(base)).filter((key) => !key.endsWith("/")).map((key) => key.slice(storePrefix.length));
      return keys.sort(compareKeys);
    },

    putFolder: (prefix, dir) => putFolder(store, prefix, dir),
    getFolder: (prefix, dir) => getFolder(store, prefix, dir),

    async deletePrefix(prefix) {
      const base = checkPrefix(prefix);
      if (base === "") throw new MvgenError("INVALID_OPTION", `deletePrefix needs a prefix; refusing to delete everything in ${description}.`);
      // Bucket keys as listed, folder markers and keys other programs wrote included: all of them go.
      const keys = await listBucket(base);
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        const batch = keys.slice(start, start + DELETE_BATCH);
        let result;
        try {
          result = await client.send(
            new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((key) => ({ Key: key })), Quiet: true } }),
          );
        } catch (error) {
          throw fail(error, `DeleteObjects under ${base}/`);
        }
        const refused = result.Errors ?? [];
        if (refused.length > 0) {
          const first = refused[0];
          throw new MvgenError(
            "STORAGE_UNAVAILABLE",
            `storage ${description}: ${refused.length} of ${batch.length} objects under ${base}/ were not deleted (${first.Key}: ${first.Code} ${first.Message}); check the credentials' delete permission.`,
            { details: { store: description, prefix: base, refused: refused.length } },
          );
        }
      }
    },

    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        throw fail(error, `HeadBucket ${bucket}`);
      }
    },

    close() {
      client.destroy();
    },
  };
  return store;
}

interface SdkError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly errors?: readonly { readonly message?: string }[];
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function statusOf(error: unknown): number | undefined {
  return (error as SdkError).$metadata?.httpStatusCode;
}

function isMissingKey(error: unknown): boolean {
  const name = (error as SdkError).name;
  return name === "NoSuchKey" || name === "NotFound" || (statusOf(error) === 404 && name !== "NoSuchBucket");
}

/** Worth another try: a broken connection, a timeout, throttling or a server error; never a refusal. */
function isTransient(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status >= 500 || status === 429;
  const { name, code } = error as SdkError;
  return name === "TimeoutError" || (code !== undefined && NETWORK_ERROR_CODES.has(code));
}

/** What went wrong, in one line: the S3 error's name and message, or the network error's. */
function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { name, code, errors, message } = error as SdkError;
  const status = statusOf(error);
  // Node reports a failed connection to every address of a host as an AggregateError with no message.
  const text = message && message !== "UnknownError" ? message : errors?.map((e) => e.message).join("; ") || (status === undefined ? "no message" : `HTTP ${status}`);
  const label = name && name !== "Error" ? name : code;
  return label && !text.includes(label) ? `${label}: ${text}` : text;
}

function storageError(error: unknown, action: string, location: S3Location, description: string): MvgenError {
  if (error instanceof MvgenError) return error;
  const { name = "" } = error as SdkError;
  const status = statusOf(error);
  const at = location.endpoint === undefined ? "" : ` at ${location.endpoint}`;
  let fix: string;
  if (name === "NoSuchBucket" || (action.startsWith("HeadBucket") && status === 404)) {
    fix = `the bucket ${location.bucket} does not exist${at}; create it, or name an existing bucket in --storage`;
  } else if (name === "CredentialsProviderError") {
    fix = "no credentials were found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give s3://ACCESS:SECRET@bucket in --storage";
  } else if (status === 403 || ["AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken"].includes(name)) {
    fix = `the credentials were refused for bucket ${location.bucket}; check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or ACCESS:SECRET@ in --storage) and the bucket's policy`;
  } else if (status === 301 || name === "PermanentRedirect" || name === "AuthorizationHeaderMalformed") {
    fix = `the bucket ${location.bucket} is in another region; give it as ?region=… in --storage`;
  } else if (/region is missing/i.test((error as Error).message ?? "")) {
    fix = "no region is set; add ?region=… to --storage or set AWS_REGION";
  } else if (status === undefined) {
    fix = location.endpoint === undefined ? "check this machine's network connection to S3" : `check that ${location.endpoint} is the right address and the server is running`;
  } else {
    fix = "check --storage and the storage service";
  }
  const message = scrub(`storage ${description}: ${action} failed (${causeText(error)}); ${fix}.`, location);
  return new MvgenError("STORAGE_UNAVAILABLE", message, { cause: error, details: { store: description, action, s3Error: name || undefined, status } });
}

/** Server messages may quote the access key back ("The AWS Access Key Id you provided…"); none reaches a log. */
function scrub(text: string, location: S3Location): string {
  const secrets = [location.credentials?.secretAccessKey, location.credentials?.accessKeyId].filter((s): s is string => s !== undefined && s.length >= 4);
  return secrets.reduce((out, secret) => out.split(secret).join("***"), text);
}
