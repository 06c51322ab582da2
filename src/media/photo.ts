import { readFile } from "node:fs/promises";
import { loadImage, type Image } from "@napi-rs/canvas";
import { MvgenError } from "../core/errors.ts";

export interface LoadedPhoto {
  readonly path: string;
  readonly image: Image;
  readonly width: number;
  readonly height: number;
}

/** Decodes a photo (JPEG, PNG, WebP, GIF, BMP) from disk; `label` names it in errors ("photo 2"). */
export async function loadPhoto(path: string, label: string): Promise<LoadedPhoto> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new MvgenError("INPUT_NOT_FOUND", `${label} (${path}) cannot be read: ${(error as Error).message}; check the path.`, {
      cause: error,
    });
  }
  try {
    const image = await loadImage(bytes);
    if (!(image.width > 0 && image.height > 0)) throw new Error("no pixels");
    return { path, image, width: image.width, height: image.height };
  } catch (error) {
    throw new MvgenError(
      "PHOTO_UNDECODABLE",
      `${label} (${path}) is not an image mvgen can decode; use a JPEG, PNG or WebP photo.`,
      { cause: error, details: { path } },
    );
  }
}
