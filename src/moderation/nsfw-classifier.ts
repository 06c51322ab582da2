/**
 * The NSFW flag (`output.metadata.has_nsfw_contents`): nsfwjs's MobileNetV2 "mid" graph model
 * (MIT, 224×224 input, five classes), which ships inside the npm package as base64 bundles —
 * nothing is downloaded. It runs on the tfjs WASM backend already used for faces, loaded by file
 * path, without nsfwjs's own wrapper (that imports the whole @tensorflow/tfjs umbrella and
 * fetches over HTTP). Measured here: ≈ 0.15 s to load, ≈ 80 ms per image on 2 cores.
 *
 * Run it off the API's event loop (the render child process does).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";

const require = createRequire(import.meta.url);

/** The model's output order (nsfwjs NSFW_CLASSES). */
export const NSFW_CLASSES = ["drawing", "hentai", "neutral", "porn", "sexy"] as const;
export type NsfwScores = Record<(typeof NSFW_CLASSES)[number], number>;

/** [px] the model's input side. */
const INPUT_SIZE = 224;

/**
 * The decision, from the scores of one image. 0.5 on porn + hentai: the class boundary nsfwjs's
 * own demo uses; sexy alone flags only when the model is sure (≥ 0.8), since swimwear and
 * stage outfits in music videos score "sexy" without being explicit.
 */
export const NSFW_THRESHOLDS = { explicit: 0.5, suggestive: 0.8 } as const;

export function isNsfw(scores: NsfwScores): boolean {
  return scores.porn + scores.hentai >= NSFW_THRESHOLDS.explicit || scores.sexy >= NSFW_THRESHOLDS.suggestive;
}

export interface NsfwClassifier {
  /** Scores of one encoded image (PNG, JPEG, WebP). */
  classify(image: Uint8Array): Promise<NsfwScores>;
  close(): void;
}

interface ModelJson {
  modelTopology: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  weightsManifest: Array<{ paths: string[]; weights: unknown[] }>;
}

export async function createNsfwClassifier(): Promise<NsfwClassifier> {
  const tf = await import("@tensorflow/tfjs-core");
  const { setWasmPaths } = await import("@tensorflow/tfjs-backend-wasm");
  const { loadGraphModel } = await import("@tensorflow/tfjs-converter");
  // The WASM backend reads its .wasm files from this folder with fs when given a plain path.
  setWasmPaths(`${path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}${path.sep}`);
  if (!(await tf.setBackend("wasm"))) throw new Error("the tfjs WASM backend did not start");
  await tf.ready();

  // nsfwjs's "exports" exposes only its entry points; the model bundles sit beside them.
  const modelDir = path.join(path.dirname(require.resolve("nsfwjs")), "..", "models", "mobilenet_v2_mid");
  const modelJson = require(path.join(modelDir, "model.min.js")) as ModelJson;
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths).map((p) => Buffer.from(require(path.join(modelDir, `${p}.min.js`)) as string, "base64"));
  const weights = Buffer.concat(shards);
  const model = await loadGraphModel({
    load: async () => ({
      modelTopology: modelJson.modelTopology as object,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      convertedBy: modelJson.convertedBy,
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights) as never,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  });

  return {
    async classify(bytes) {
      const image = await loadImage(Buffer.from(bytes));
      const canvas = createCanvas(INPUT_SIZE, INPUT_SIZE);
      canvas.getContext("2d").drawImage(image, 0, 0, INPUT_SIZE, INPUT_SIZE);
      const rgba = canvas.getContext("2d").getImageData(0, 0, INPUT_SIZE, INPUT_SIZE).data;
      // The model takes RGB in 0–1 (nsfwjs divides by 255).
      const rgb = new Float32Array(INPUT_SIZE * INPUT_SIZE * 3);
      for (let i = 0; i < INPUT_SIZE * INPUT_SIZE; i++) {
        rgb[i * 3] = rgba[i * 4] / 255;
        rgb[i * 3 + 1] = rgba[i * 4 + 1] / 255;
        rgb[i * 3 + 2] = rgba[i * 4 + 2] / 255;
      }
      const output = tf.tidy(() => model.predict(tf.tensor4d(rgb, [1, INPUT_SIZE, INPUT_SIZE, 3])) as import("@tensorflow/tfjs-core").Tensor);
      const values = Array.from(await output.data());
      output.dispose();
      return Object.fromEntries(NSFW_CLASSES.map((name, i) => [name, values[i] ?? 0])) as NsfwScores;
    },
    close() {
      model.dispose();
    },
  };
}
