/** Tuning knobs read from the environment at a composition root (server, worker). */

/** A positive number from `name`, or undefined when unset; anything else is refused. */
export function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw} is not a positive number`);
  return n;
}
