/**
 * The face worker: runs in a worker thread (see face-detector.ts), owns the tfjs WASM backend and
 * the models, and turns encoded photo bytes into raw faces and a person mask. Keeping inference
 * here leaves the main thread free to answer HTTP requests and drive progress bars.
 *
 * Nothing here touches the network: the models are read from disk through a `fetch` that serves
 * only the model files below and refuses every other URL.
 */
import { parentPort } from "node:worker_threads";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createCanvas, loadImage, type Image } from "@napi-rs/canvas";
import type { Config, Human as HumanClass, Tensor } from "@vladmandic/human";
import type { AnalyzeRequest, AnalyzeResult, RawFace, RawMask, WorkerRequest, WorkerResponse } from "./face-worker-protocol.ts";
import { laplacianVariance } from "./sharpness.ts";

const port = parentPort;
if (!port) throw new Error("face-worker.ts must run in a worker thread; use createFaceDetector()");

const require = createRequire(import.meta.url);
// human's package.json "exports" lists its subpaths without "./", so Node cannot resolve
// "@vladmandic/human/dist/human.node-wasm.js"; resolve the main entry and step to its sibling.
const humanDist = path.dirname(require.resolve("@vladmandic/human"));
const humanModels = path.join(humanDist, "..", "models");
// The WASM backend reads its .wasm from this folder with fs when given a plain path on Node.
const wasmDir = `${path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}${path.sep}`;
const ownModels = path.join(path.dirname(fileURLToPath(import.meta.url)), "models");

/** A made-up origin: human only knows how to load models over HTTP(S); `.invalid` never resolves. */
const MODEL_ORIGIN = "http://models.mvgen.invalid/";

/** Every file the worker may read, by URL name. Only the models actually used. */
const MODEL_FILES: Record<string, string> = Object.fromEntries(
  [
    ...["blazeface", "facemesh", "iris", "faceres"].flatMap((name) => [`${name}.json`, `${name}.bin`].map((f) => [f, path.join(humanModels, f)])),
    ...["selfie.json", "selfie.bin"].map((f) => [f, path.join(ownModels, f)]),
  ],
);

/** Serves model files from disk; this worker has no other use for fetch, so anything else fails. */
async function modelFetch(input: string | URL | Request): Promise<Response> {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const name = url.startsWith(MODEL_ORIGIN) ? url.slice(MODEL_ORIGIN.length) : "";
  const file = MODEL_FILES[name];
  if (!file) throw new Error(`the face worker loads models from disk only; refused to fetch ${url}`);
  const body = await readFile(file);
  const type = name.endsWith(".json") ? "application/json" : "application/octet-stream";
  return new Response(body, { status: 200, headers: { "content-type": type } });
}
globalThis.fetch = modelFetch as typeof fetch;

const config: Partial<Config> = {
  backend: "wasm",
  wasmPath: wasmDir,
  modelBasePath: MODEL_ORIGIN,
  debug: false,
  // Photos are independent stills: no result reuse between calls, no warm-up frames.
  async: false,
  warmup: "none",
  cacheModels: false,
  cacheSensitivity: 0,
  skipAllowed: false,
  filter: { enabled: false },
  gesture: { enabled: false },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  face: {
    enabled: true,
    // rotation: re-detect on the roll-corrected crop, so tilted heads still get a good mesh.
    // maxDetected 8: enough to notice a group photo; minConfidence 0.5 keeps posters and
    // patterns out (every corpus face scores > 0.9).
    detector: { modelPath: "blazeface.json", rotation: true, maxDetected: 8, minConfidence: 0.5, minSize: 0, skipFrames: 0, skipTime: 0, return: false },
    mesh: { enabled: true, modelPath: "facemesh.json" },
    iris: { enabled: true, modelPath: "iris.json", skipFrames: 0, skipTime: 0 },
    description: { enabled: true, modelPath: "faceres.json", skipFrames: 0, skipTime: 0, minConfidence: 0 },
    attention: { enabled: false },
    emotion: { enabled: false },
    antispoof: { enabled: false },
    liveness: { enabled: false },
    gear: { enabled: false },
  },
  segmentation: { enabled: true, modelPath: "selfie.json", mode: "alpha" },
};

type HumanModule = typeof import("@vladmandic/human");

async function start(): Promise<HumanClass> {
  const started = performance.now();
  const mod = (await import(pathToFileURL(path.join(humanDist, "human.node-wasm.js")).href)) as HumanModule & { default?: HumanModule };
  const HumanCtor = mod.Human ?? mod.default?.Human;
  const human = new HumanCtor(config);
  await human.load();
  if (human.tf.getBackend() !== "wasm") throw new Error(`tfjs backend is ${human.tf.getBackend()}, expected wasm`);
  // One pass on a blank image: the first inference sets up kernels and memory (≈100 ms here), a
  // cost that belongs to loading, not to the user's first photo.
  const blank = human.tf.zeros([1, 256, 256, 3], "float32") as unknown as Tensor;
  try {
    await human.detect(blank, config);
    const alpha = await human.segmentation(blank, config);
    if (alpha) human.tf.dispose(alpha as never);
  } finally {
    human.tf.dispose(blank as never);
  }
  post({ type: "ready", loadMs: performance.now() - started, backend: human.tf.getBackend() });
  return human;
}

function post(message: WorkerResponse, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

class PhotoError extends Error {
  constructor(
    readonly code: "PHOTO_UNDECODABLE" | "PHOTO_TOO_LARGE",
    message: string,
    readonly size?: { width: number; height: number },
  ) {
    super(message);
  }
}

async function decode(bytes: ArrayBuffer): Promise<Image> {
  try {
    // loadImage applies the EXIF orientation (checked in test/vision), so width and height are as displayed.
    const image = await loadImage(Buffer.from(bytes));
    if (!(image.width > 0 && image.height > 0)) throw new Error("the image has no pixels");
    return image;
  } catch (error) {
    throw new PhotoError("PHOTO_UNDECODABLE", error instanceof Error ? error.message : String(error));
  }
}

/**
 * The image drawn at `width × height` as a float32 [1, h, w, 3] tensor. Resampling with Skia and
 * handing tfjs float32 RGB is ~10× faster than giving it int32 RGBA and letting it cast, slice and
 * resize on the WASM backend (≈90 ms → ≈10 ms for a 1350 px photo, measured here).
 */
function imageTensor(human: HumanClass, image: Image, width: number, height: number): Tensor {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  // "high" uses mipmaps, so a 5× downscale of an 8000 px photo does not alias.
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(image, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const rgb = new Float32Array(width * height * 3);
  for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return human.tf.tensor(rgb, [1, height, width, 3], "float32") as unknown as Tensor;
}

/** Grey face crop, 256 px wide, for the blur measure: fixed size so the figure compares across photos. */
function faceSharpness(image: Image, mesh: Float32Array): number {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  // The 468 face points only: the iris points lie inside anyway.
  for (let i = 0; i < 468; i++) {
    const x = mesh[i * 3], y = mesh[i * 3 + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  // The central 60 % of the face box: eyes, nose and mouth, where focus shows, without hair or background.
  const w = maxX - minX, h = maxY - minY;
  const sx = minX + 0.2 * w, sy = minY + 0.2 * h, sw = 0.6 * w, sh = 0.6 * h;
  if (!(sw > 2 && sh > 2)) return 0;
  const outW = 256, outH = Math.max(8, Math.round((256 * sh) / sw));
  const canvas = createCanvas(outW, outH);
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(image, sx, sy, sw, sh, 0, 0, outW, outH);
  return laplacianVariance(ctx.getImageData(0, 0, outW, outH).data, outW, outH);
}

async function analyze(human: HumanClass, request: AnalyzeRequest): Promise<AnalyzeResult> {
  const t0 = performance.now();
  const image = await decode(request.bytes);
  if (Math.max(image.width, image.height) > request.photoMaxSide) {
    throw new PhotoError("PHOTO_TOO_LARGE", `${image.width}×${image.height}`, { width: image.width, height: image.height });
  }
  const scale = Math.min(1, request.analysisMaxSide / Math.max(image.width, image.height));
  const input = imageTensor(human, image, Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
  const t1 = performance.now();

  const faces: RawFace[] = [];
  try {
    const result = await human.detect(input, config);
    for (const face of result.face) {
      if (face.mesh.length < 478) continue; // mesh rejected: human keeps only the detector box
      const mesh = new Float32Array(478 * 3);
      face.mesh.forEach((p, i) => {
        if (i >= 478) return;
        mesh[i * 3] = p[0] / scale;
        mesh[i * 3 + 1] = p[1] / scale;
        mesh[i * 3 + 2] = (p[2] ?? 0) / scale;
      });
      faces.push({
        score: face.score,
        mesh,
        yaw: face.rotation?.angle.yaw ?? 0,
        pitch: face.rotation?.angle.pitch ?? 0,
        roll: face.rotation?.angle.roll ?? 0,
        descriptor: Float32Array.from(face.embedding ?? []),
        sharpness: faceSharpness(image, mesh),
      });
    }
  } finally {
    human.tf.dispose(input as never);
  }
  const t2 = performance.now();

  let mask: RawMask | null = null;
  if (request.maskMaxSide > 0 && faces.length > 0) mask = await personMask(human, image, request.maskMaxSide);
  const t3 = performance.now();
  return { width: image.width, height: image.height, faces, mask, timings: { decodeMs: t1 - t0, detectMs: t2 - t1, maskMs: t3 - t2, totalMs: t3 - t0 } };
}

/** The selfie segmentation model's input and output size [px] (selfie.json signature: 1×256×256×3). */
const SELFIE_SIZE = 256;

/**
 * The person mask. The selfie model sees the whole photo squeezed to 256×256, as MediaPipe feeds
 * it, and answers at that size; the mask is stretched back to the photo's aspect and stored at
 * `maxSide`: more pixels than the model resolved would only make the PNG bigger.
 */
async function personMask(human: HumanClass, image: Image, maxSide: number): Promise<RawMask> {
  const input = imageTensor(human, image, SELFIE_SIZE, SELFIE_SIZE);
  let alpha: Tensor | null = null;
  try {
    alpha = await human.segmentation(input, config);
    if (!alpha || alpha.size !== SELFIE_SIZE * SELFIE_SIZE) throw new Error("the segmentation model returned no 256×256 mask");
    const values = (await alpha.data()) as Int32Array;
    const square = createCanvas(SELFIE_SIZE, SELFIE_SIZE);
    const squareCtx = square.getContext("2d");
    const imageData = squareCtx.createImageData(SELFIE_SIZE, SELFIE_SIZE);
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      const a = values[i] < 0 ? 0 : values[i] > 255 ? 255 : values[i];
      imageData.data[i * 4] = 255;
      imageData.data[i * 4 + 1] = 255;
      imageData.data[i * 4 + 2] = 255;
      imageData.data[i * 4 + 3] = a;
      sum += a;
    }
    squareCtx.putImageData(imageData, 0, 0);
    const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
    const width = Math.max(1, Math.round(image.width * scale));
    const height = Math.max(1, Math.round(image.height * scale));
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext("2d");
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(square, 0, 0, width, height);
    const png = new Uint8Array(await canvas.encode("png"));
    // Stretching preserves area fractions, so the coverage of the 256² mask is the photo's.
    return { png, width, height, coverage: sum / (255 * values.length) };
  } finally {
    human.tf.dispose(input as never);
    if (alpha) human.tf.dispose(alpha as never);
  }
}

async function main(): Promise<void> {
  let human: HumanClass;
  try {
    human = await start();
  } catch (error) {
    post({ type: "error", id: null, code: "INTERNAL", message: `could not load the face models: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  // One request at a time: tfjs on one WASM thread gains nothing from interleaving.
  let queue = Promise.resolve();
  port!.on("message", (request: WorkerRequest) => {
    if (request.type === "close") {
      queue = queue.then(() => port!.close());
      return;
    }
    queue = queue.then(async () => {
      try {
        const result = await analyze(human, request);
        const transfer = [...result.faces.flatMap((f) => [f.mesh.buffer as ArrayBuffer, f.descriptor.buffer as ArrayBuffer]), ...(result.mask ? [result.mask.png.buffer as ArrayBuffer] : [])];
        post({ type: "result", id: request.id, result }, transfer);
      } catch (error) {
        if (error instanceof PhotoError) {
          post({ type: "error", id: request.id, code: error.code, message: error.message, ...error.size });
        } else {
          post({ type: "error", id: request.id, code: "INTERNAL", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        }
      }
    });
  });
}

await main();
