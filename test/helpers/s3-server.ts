/**
 * An S3-compatible server for tests: s3rver 3.7.1 (a Koa app keeping objects in a folder) in this
 * process, on 127.0.0.1 and a free port, with one empty bucket. So the S3 store is tested over
 * real HTTP with the SDK's own signing and XML parsing, with no MinIO or network needed.
 *
 * Its quirks, measured on Node 20:
 * - it checks that a request's access key is its hard-coded account "S3RVER" (any other is
 *   InvalidAccessKeyId) but does not verify V4 signatures, so the secret may be anything; the URL
 *   carries S3RVER:S3RVER, so the tests never read the user's AWS_* variables;
 * - it encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node ≥ 17) no longer
 *   offers, so any listing longer than one page (MaxKeys, at most 1000) fails with InternalError:
 *   keep listings here short, and test paging against a stand-in endpoint;
 * - it stores an aws-chunked upload body as it is, framing and all (see s3-store.ts).
 */
import { createRequire } from "node:module";
import { rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tempDir } from "./fixtures.ts";

interface S3rverOptions {
  readonly address: string;
  readonly port: number;
  readonly silent: boolean;
  readonly directory: string;
  readonly configureBuckets: readonly { readonly name: string }[];
}

interface S3rver {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

// s3rver is CommonJS without type declarations; the two methods used are typed above.
const S3rver = createRequire(import.meta.url)("s3rver") as new (options: S3rverOptions) => S3rver;

export interface S3TestServer {
  /** s3://S3RVER:S3RVER@bucket?endpoint=http://127.0.0.1:PORT&region=us-east-1 */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly bucket: string;
  close(): Promise<void>;
}

export async function startS3Server(bucket = "mvgen-test"): Promise<S3TestServer> {
  const directory = tempDir("mvgen-s3rver-");
  // port 0: the OS picks a free port; run() resolves to the bound address.
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    url: `s3://S3RVER:S3RVER@${bucket}?endpoint=${endpoint}&region=us-east-1`,
    endpoint,
    bucket,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
