import type { ErrorKind } from "../core/errors.ts";

/** The CLI's exit codes: 2 for the user's input, 3 for the machine, 1 for our own failures. */
export const EXIT_CODE: Record<ErrorKind, number> = {
  input: 2,
  environment: 3,
  internal: 1,
  aborted: 130,
};
