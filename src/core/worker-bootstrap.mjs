// Worker entry shim. Node 20 does not apply the parent's `--import tsx` loader to a worker's
// first module, so a TypeScript worker (face detection, frame rendering) is started through this
// plain-JS file, which registers tsx in the worker and then imports the real entry (workerData.entry).
import { workerData } from "node:worker_threads";

if (workerData.entry.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.entry);
