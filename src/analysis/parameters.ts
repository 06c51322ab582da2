/**
 * Declared parameters for the analysis steps (STYLE.md §5). Each step lists its numeric
 * parameters once, with unit, range and default; help text, validation and docs come from there.
 */
import { MvgenError } from "../core/errors.ts";

export interface ParameterSpec {
  /** SI-style unit ("s", "Hz", "BPM", "dB", "frames", "" for a plain number). */
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly description: string;
  /** Whole numbers only (FFT sizes, counts). */
  readonly integer?: boolean;
}

export type ParameterSpecs = Readonly<Record<string, ParameterSpec>>;
export type ParameterValues<S extends ParameterSpecs> = { readonly [K in keyof S]: number };

/** Identity helper that keeps the literal keys of a step's parameter table. */
export function defineParameters<S extends ParameterSpecs>(specs: S): S {
  return specs;
}

/**
 * Defaults overlaid with `overrides`. An override outside its declared range, or a name the step
 * does not declare, throws INVALID_OPTION naming the value and the allowed range.
 */
export function resolveParameters<S extends ParameterSpecs>(
  step: string,
  specs: S,
  overrides: Partial<Record<keyof S, number>> = {},
): ParameterValues<S> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(specs)) out[key] = specs[key].default;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const spec = specs[key];
    if (!spec) {
      throw new MvgenError(
        "INVALID_OPTION",
        `${step} has no parameter "${key}"; known parameters: ${Object.keys(specs).join(", ")}.`,
      );
    }
    const ok = typeof value === "number" && Number.isFinite(value) && value >= spec.min && value <= spec.max && (!spec.integer || Number.isInteger(value));
    if (!ok) {
      throw new MvgenError(
        "INVALID_OPTION",
        `${step}.${key} = ${String(value)} is out of range; use ${spec.integer ? "a whole number " : ""}between ${spec.min} and ${spec.max} ${spec.unit}`.trimEnd() + ".",
        { details: { step, parameter: key, value, min: spec.min, max: spec.max } },
      );
    }
    out[key] = value;
  }
  return out as ParameterValues<S>;
}
