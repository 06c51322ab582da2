/**
 * Words → ARPAbet phones: the CMU Pronouncing Dictionary (134 000 words, BSD; npm
 * `cmu-pronouncing-dictionary`, ISC), loaded only when lyrics are given (≈ 4.6 MB), and spelling
 * rules for words it lacks (names, slang, other languages) — rough, but a mouth needs only the
 * viseme classes: which letters close the lips, round them, or open the jaw.
 */

export type Pronounce = (word: string) => string[];

let dictionary: Promise<Record<string, string>> | null = null;

/** The dictionary-backed pronouncer, falling back to `spellingPhones`. */
export async function loadPronouncer(): Promise<Pronounce> {
  dictionary ??= import("cmu-pronouncing-dictionary").then((m) => m.dictionary as Record<string, string>);
  const words = await dictionary;
  return (word) => {
    const key = word.toLowerCase();
    const entry = words[key] ?? words[key.replace(/'/g, "")];
    if (entry) return entry.split(" ").map((p) => p.replace(/[0-9]/g, ""));
    // Sung "-in" for "-ing" (lovin', dancin'): the -ing word with its NG sung as N.
    const ing = key.replace(/'$/, "").endsWith("in") ? words[`${key.replace(/'$/, "")}g`] : undefined;
    if (ing) return ing.split(" ").map((p) => p.replace(/[0-9]/g, "")).map((p, i, all) => (i === all.length - 1 && p === "NG" ? "N" : p));
    // Hyphenated words: each part.
    if (key.includes("-")) return key.split("-").flatMap((part) => (part ? (words[part]?.split(" ").map((p) => p.replace(/[0-9]/g, "")) ?? spellingPhones(part)) : []));
    return spellingPhones(key);
  };
}

const DIGRAPHS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["tch", ["CH"]], ["igh", ["AY"]],
  ["th", ["TH"]], ["sh", ["SH"]], ["ch", ["CH"]], ["ph", ["F"]], ["ck", ["K"]], ["ng", ["NG"]], ["qu", ["K", "W"]], ["wh", ["W"]],
  ["oo", ["UW"]], ["ee", ["IY"]], ["ea", ["IY"]], ["ai", ["EY"]], ["ay", ["EY"]], ["ou", ["AW"]], ["ow", ["OW"]],
  ["oa", ["OW"]], ["oi", ["OY"]], ["oy", ["OY"]], ["au", ["AO"]], ["aw", ["AO"]], ["ie", ["IY"]], ["ue", ["UW"]],
];
const LETTERS: Record<string, readonly string[]> = {
  a: ["AE"], e: ["EH"], i: ["IH"], o: ["AA"], u: ["AH"],
  b: ["B"], c: ["K"], d: ["D"], f: ["F"], g: ["G"], h: ["HH"], j: ["JH"], k: ["K"], l: ["L"], m: ["M"], n: ["N"],
  p: ["P"], q: ["K"], r: ["R"], s: ["S"], t: ["T"], v: ["V"], w: ["W"], x: ["K", "S"], z: ["Z"],
};

/** English spelling → phones by rules (digraphs, soft c, silent final e, y as vowel or glide). */
export function spellingPhones(word: string): string[] {
  const w = word.toLowerCase().replace(/[^a-z]/g, "");
  const phones: string[] = [];
  for (let i = 0; i < w.length; ) {
    const digraph = DIGRAPHS.find(([letters]) => w.startsWith(letters, i));
    if (digraph) {
      phones.push(...digraph[1]);
      i += digraph[0].length;
      continue;
    }
    const c = w[i];
    const next = w[i + 1];
    if (c === "e" && i === w.length - 1 && i > 1) {
      i++; // silent final e
      continue;
    }
    if (c === "y") phones.push(i === 0 ? "Y" : i === w.length - 1 ? "IY" : "IH");
    else if (c === "c" && (next === "e" || next === "i" || next === "y")) phones.push("S");
    else phones.push(...(LETTERS[c] ?? []));
    i++;
  }
  return phones;
}
