/**
 * Child process for the concurrent-open test: waits until the given time (ms since the epoch),
 * then opens (and so migrates) the SQLite file, and prints "ok" or the error.
 */
import { openDatabase } from "../../src/store/database.ts";

const [path, at] = process.argv.slice(2);
while (Date.now() < Number(at)) await new Promise((resolve) => setTimeout(resolve, 1));
try {
  const db = await openDatabase({ path });
  await db.destroy();
  process.stdout.write("ok\n");
} catch (error) {
  process.stdout.write(`failed: ${(error as Error).message}\n`);
}
