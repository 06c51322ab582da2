/** What the routes share: built once in app.ts, the composition root of the server. */
import type { Db } from "../store/database.ts";
import type { Clock } from "../store/clock.ts";
import type { Media } from "../media/media.ts";
import type { FaceDetector } from "../vision/face-detector.ts";
import type { EgressClient } from "../egress/safe-fetch.ts";
import type { RenderRunner } from "../queue/render-runner.ts";
import type { WebhookDispatcher } from "../webhooks/dispatcher.ts";
import type { RateLimiter, RatePolicy } from "./rate-limiter.ts";
import type { ApiKey, Task } from "../store/schema.ts";
import type { SharedFiles } from "./shared-files.ts";

export interface Services {
  readonly db: Db;
  readonly clock: Clock;
  readonly media: Media;
  readonly egress: EgressClient;
  readonly faceDetector: () => Promise<FaceDetector>;
  readonly runner: RenderRunner;
  readonly webhooks: WebhookDispatcher;
  readonly limiter: RateLimiter;
  readonly policies: { create: (key: ApiKey) => RatePolicy; read: RatePolicy; credits: RatePolicy; upload: RatePolicy };
  readonly tasksDir: string;
  readonly publicUrl: string;
  /** Renders the callback body / GET data of a task. */
  readonly callbackBody: (task: Task) => string;
  /** Creates whose inputs are being fetched and checked right now, and the most allowed. */
  readonly creating: { count: number; readonly max: number };
  /** Inputs, uploads, artifacts and videos shared with other processes (scale-out mode). */
  readonly files: SharedFiles;
}
