/**
 * npm run eval -- CORPUS_DIR [--json OUT.json]: quality metrics of every stage against the corpus'
 * ground truth, printed as one table (item, metric, value, target).
 */
import { writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { evaluateAnalysis } from "./analysis/evaluate-analysis.ts";
import { evaluateVision } from "./vision/evaluate-vision.ts";
import { evaluatePlan } from "./plan/evaluate-plan.ts";
import { evaluateLipSync } from "./lipsync/evaluate-lipsync.ts";

export interface EvalRow {
  readonly stage: string;
  readonly item: string;
  readonly metric: string;
  readonly value: number | string;
  readonly target?: string;
}

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonPath = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const corpus = args.find((a, i) => !a.startsWith("--") && !(jsonAt >= 0 && i === jsonAt + 1));
// The closed-loop lip-sync check renders and re-detects ≈ 1400 frames (≈ 10 minutes): only when asked.
const withLipSync = args.includes("--lipsync") || args.includes("--all");
if (!corpus || !existsSync(corpus)) {
  process.stderr.write(`usage: npm run eval -- CORPUS_DIR [--json OUT.json] [--lipsync]  (e.g. ../shared/corpus)${corpus ? `; ${corpus} does not exist` : ""}\n`);
  process.exit(2);
}

const stages: Array<[string, (dir: string) => Promise<ReadonlyArray<Omit<EvalRow, "stage">>>]> = [
  ["analysis", evaluateAnalysis],
  ["vision", evaluateVision],
  ["plan", evaluatePlan],
  ...(withLipSync ? [["lipsync", evaluateLipSync] as [string, typeof evaluateLipSync]] : []),
];
const rows: EvalRow[] = [];
for (const [stage, evaluate] of stages) {
  process.stderr.write(`eval: ${stage}…\n`);
  const started = performance.now();
  for (const row of await evaluate(corpus)) rows.push({ stage, ...row });
  process.stderr.write(`eval: ${stage} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const head = ["stage", "item", "metric", "value", "target"];
const cells = rows.map((r) => [r.stage, r.item, r.metric, String(r.value), r.target ?? ""]);
const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
console.log([head, ...cells].map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join("  ")).join("\n"));
if (jsonPath) await writeFile(jsonPath, `${JSON.stringify(rows, null, 2)}\n`);
