// Entry point of the mvgen command: all the logic is in program.ts, so tests can build the program.
import { main } from "./program.ts";

process.exitCode = await main(process.argv.slice(2));
