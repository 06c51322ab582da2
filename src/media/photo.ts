import { readFile } from "node:fs/promises";
import { loadImage, type Image } from "@napi-rs/canvas";
import { MvgenError } from "../core/errors.ts";

export interface LoadedPhoto {
  readonly path: string;
  /** The file as read (the face detector takes the encoded bytes). */
  readonly bytes: Buffer;
  readonly image: Image;
  readonly width: number;
  readonly height: number;
}

/** A photo's bytes; `label` names it in errors ("photo 2"). */
export async function readPhotoFile(path: string, label: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new MvgenError("INPUT_NOT_FOUND", `${label} (${path}) cannot be read: ${(error as Error).message}; check the path.`, {
      cause: error,
    });
  }
}

/** Decodes a photo (JPEG, PNG, WebP, GIF, BMP) from disk; `label` names it in errors ("photo 2"). */
export async function loadPhoto(path: string, label: string): Promise<LoadedPhoto> {
  const bytes = await readPhotoFile(path, label);
  try {
    const image = await loadImage(bytes);
    if (!(image.width > 0 && image.height > 0)) throw new Error("no pixels");
    return { path, bytes, image, width: image.width, height: image.height };
  } catch (error) {
    throw new MvgenError(
      "PHOTO_UNDECODABLE",
      `${label} (${path}) is not an image mvgen can decode; use a JPEG, PNG or WebP photo.`,
      { cause: error, details: { path } },
    );
  }
}
