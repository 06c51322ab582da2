/**
 * `--lyrics FILE`: read and parsed before anything expensive runs (a bad file is refused at once),
 * then, once the song is analysed, pronounced and placed on the song's clock.
 */
import { readFile } from "node:fs/promises";
import { MvgenError } from "../core/errors.ts";
import { parseLyrics, type Lyrics } from "../analysis/lyrics/parse-lyrics.ts";
import { loadPronouncer } from "../analysis/lyrics/pronounce.ts";
import { timePhones, type PhoneSpan } from "../analysis/lyrics/time-phones.ts";
import { syllableNuclei } from "../analysis/lyrics/align-syllables.ts";

/** Lyrics files larger than this are not lyrics (a whole album is ≈ 30 kB). */
const MAX_BYTES = 256 * 1024;

export async function readLyrics(path: string): Promise<Lyrics> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_BYTES) throw new MvgenError("INVALID_OPTION", `--lyrics ${path} is ${Math.round(bytes.length / 1024)} kB; lyrics are plain text or LRC under ${MAX_BYTES / 1024} kB.`);
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof MvgenError) throw error;
    if (error instanceof TypeError) throw new MvgenError("INVALID_OPTION", `--lyrics ${path} is not UTF-8 text; save the lyrics as plain text or LRC (UTF-8).`);
    throw new MvgenError("INPUT_NOT_FOUND", `--lyrics ${path} cannot be read (${(error as Error).message}); check the path.`, { cause: error });
  }
  return parseLyrics(text, `--lyrics ${path}`);
}

/**
 * The lyrics' phones over the song's sung stretches (its vocal segments) and length; untimed words
 * are aligned to the syllable nuclei of `voiceLevel` (the voice band's level in dB).
 */
export async function lyricPhones(
  lyrics: Lyrics,
  sung: ReadonlyArray<{ start: number; end: number }>,
  duration: number,
  voiceLevel?: { readonly values: ArrayLike<number>; readonly rate: number },
): Promise<PhoneSpan[]> {
  const nuclei = voiceLevel && lyrics.timing === "none" ? syllableNuclei(voiceLevel.values, voiceLevel.rate, sung) : [];
  return timePhones(lyrics, await loadPronouncer(), sung, duration, nuclei);
}
