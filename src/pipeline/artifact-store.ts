/** Reading and writing artifact files (analysis.json, storyboard.json, timeline.json) in a folder. */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ARTIFACT_FILES, parseArtifact, serializeArtifact, type Artifact, type ArtifactKind } from "../core/artifact.ts";
import { MvgenError } from "../core/errors.ts";

export async function writeArtifacts(dir: string, artifacts: { [K in ArtifactKind]?: Artifact<K> }): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const kind of Object.keys(ARTIFACT_FILES) as ArtifactKind[]) {
    const artifact = artifacts[kind];
    if (!artifact) continue;
    const path = join(dir, ARTIFACT_FILES[kind]);
    // Write then rename: a reader never sees half a file.
    await writeFile(`${path}.partial`, serializeArtifact(artifact));
    await rename(`${path}.partial`, path);
    written.push(path);
  }
  return written;
}

export async function readArtifact<K extends ArtifactKind>(kind: K, path: string): Promise<Artifact<K>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new MvgenError("INPUT_NOT_FOUND", `${path} cannot be read: ${(error as Error).message}; check the path.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MvgenError("INVALID_ARTIFACT", `${path} is not valid JSON (${(error as Error).message}); fix the syntax or re-run mvgen plan.`, {
      cause: error,
    });
  }
  return parseArtifact(kind, json, path);
}
