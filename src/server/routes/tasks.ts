/** GET /v1/tasks/{taskId}, POST /v1/tasks/{taskId}/cancel, GET /v1/tasks/{taskId}/artifacts, GET /v1/credits. */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Services } from "../services.ts";
import { authenticate } from "../auth.ts";
import { ApiError } from "../api-error.ts";
import { taskView } from "../task-view.ts";
import { TaskData, TaskParams, errorResponses, success } from "../schemas.ts";
import { TASK_FAILURES, finishTask, getTask, requestCancel, storedRequest } from "../../store/tasks.ts";
import { accountBalance } from "../../billing/ledger.ts";
import type { Task } from "../../store/schema.ts";
import { readArtifact } from "../../pipeline/artifact-store.ts";
import { renderStoryboardSheet } from "../../pipeline/storyboard-sheet.ts";
import { plotAnalysis } from "../../render/plot-analysis.ts";
import { hz } from "../../core/units.ts";
import { writeFileWhole } from "../../storage/partial-file.ts";

const TaskListQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: "^[0-9]{1,3}$", description: "1–100, default 20." })),
    before: Type.Optional(Type.String({ pattern: "^[0-9]{1,16}$", description: "Only tasks created before this Unix time [ms] (the previous page's next_before)." })),
  },
  { additionalProperties: false },
);

const TaskListItem = Type.Intersect([
  TaskData,
  Type.Object({
    cost: Type.Integer({ description: "Credits held or charged (released if the task failed)." }),
    resolution: Type.String(),
    audio_seconds: Type.Number(),
    aspect_ratio: Type.Optional(Type.String()),
    prompt: Type.Optional(Type.String()),
  }),
]);

export function taskRoutes(app: FastifyInstance, services: Services): void {
  const { db, clock } = services;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const readAuth = authenticate(db, services.limiter, () => services.policies.read);

  /** Tasks are account-scoped; another account's task and a made-up id get the same 404. */
  async function ownTask(request: FastifyRequest, taskId: string): Promise<Task> {
    const task = /^[0-9a-f]{32}$/.test(taskId) ? await getTask(db, taskId) : undefined;
    if (!task || task.account_id !== request.apiKey!.account_id) throw new ApiError("task_not_found", `No task ${taskId.slice(0, 64)} for this key; check the taskId.`);
    return task;
  }

  api.get(
    "/v1/tasks/:taskId",
    {
      schema: { summary: "Get a task (the authoritative state; poll at most every 5 s)", params: TaskParams, response: { 200: success(TaskData), ...errorResponses } },
      onRequest: readAuth,
    },
    async (request, reply) => {
      const task = await ownTask(request, request.params.taskId);
      reply.header("cache-control", "no-store");
      return { code: 200 as const, msg: "success" as const, data: taskView(task, services.publicUrl) };
    },
  );

  api.post(
    "/v1/tasks/:taskId/cancel",
    {
      schema: {
        summary: "Cancel a task (extension): a pending task fails at once, a running one within seconds; its credits are released",
        params: TaskParams,
        response: { 200: success(TaskData), ...errorResponses },
      },
      onRequest: readAuth,
    },
    async (request) => {
      let task = await ownTask(request, request.params.taskId);
      if (task.status === "completed") throw new ApiError("invalid_request", `Task ${task.id} is already completed; there is nothing to cancel.`);
      if (task.status === "pending") {
        await finishTask(db, {
          taskId: task.id,
          outcome: { status: "failed", ...TASK_FAILURES.canceled },
          now: clock.now(),
          callbackBody: services.callbackBody,
        });
      }
      if ((await getTask(db, task.id))!.status === "processing") await requestCancel(db, task.id);
      void services.webhooks.runDue().catch(() => {});
      task = (await getTask(db, task.id))!;
      return { code: 200 as const, msg: "success" as const, data: taskView(task, services.publicUrl) };
    },
  );

  api.get(
    "/v1/tasks/:taskId/artifacts",
    {
      schema: {
        summary: "The task's analysis, storyboard and timeline (extension); null until the plan exists",
        params: TaskParams,
        response: { 200: success(Type.Object({ analysis: Type.Unknown(), storyboard: Type.Unknown(), timeline: Type.Unknown() })), ...errorResponses },
      },
      onRequest: readAuth,
    },
    async (request) => {
      const task = await ownTask(request, request.params.taskId);
      await services.files.fetchArtifacts(task.id);
      const read = async (name: string) => {
        try {
          return JSON.parse(await readFile(join(services.tasksDir, task.id, "artifacts", `${name}.json`), "utf8")) as unknown;
        } catch {
          return null;
        }
      };
      const [analysis, storyboard, timeline] = await Promise.all([read("analysis"), read("storyboard"), read("timeline")]);
      return { code: 200 as const, msg: "success" as const, data: { analysis, storyboard, timeline } };
    },
  );

  api.get(
    "/v1/tasks",
    {
      schema: {
        summary: "This account's tasks, newest first (extension), with cost, resolution and song length",
        querystring: TaskListQuery,
        response: { 200: success(Type.Object({ tasks: Type.Array(TaskListItem), next_before: Type.Union([Type.Integer(), Type.Null()]) })), ...errorResponses },
      },
      onRequest: readAuth,
    },
    async (request, reply) => {
      const limit = Math.min(100, Math.max(1, Number(request.query.limit ?? 20)));
      let query = db.selectFrom("tasks").selectAll().where("account_id", "=", request.apiKey!.account_id);
      if (request.query.before !== undefined) query = query.where("created_at", "<", Number(request.query.before));
      const rows = await query.orderBy("created_at", "desc").orderBy("id").limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      reply.header("cache-control", "no-store");
      return {
        code: 200 as const,
        msg: "success" as const,
        data: {
          tasks: page.map((task) => {
            const stored = storedRequest(task);
            return {
              ...taskView(task, services.publicUrl),
              cost: Number(task.cost),
              resolution: task.resolution,
              audio_seconds: Number(task.audio_seconds),
              ...(stored.aspect ? { aspect_ratio: stored.aspect } : {}),
              ...(stored.prompt ? { prompt: stored.prompt } : {}),
            };
          }),
          next_before: rows.length > limit ? Number(page.at(-1)!.created_at) : null,
        },
      };
    },
  );

  /** A picture of the plan, drawn once on first request and kept next to the artifacts. */
  async function planPicture(task: Task, file: string, draw: (artifacts: string) => Promise<Buffer>): Promise<Buffer> {
    const artifacts = join(services.tasksDir, task.id, "artifacts");
    const cached = join(artifacts, file);
    try {
      return await readFile(cached);
    } catch {
      // not drawn yet
    }
    let png: Buffer;
    try {
      await services.files.fetchArtifacts(task.id);
      png = await draw(artifacts);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as { code?: string }).code === "INPUT_NOT_FOUND") {
        throw new ApiError("not_found", `Task ${task.id} has no plan yet; it appears once the task has been analysed and planned.`);
      }
      throw error;
    }
    await writeFileWhole(cached, (partial) => writeFile(partial, png));
    return png;
  }

  api.get(
    "/v1/tasks/:taskId/analysis.png",
    {
      schema: { summary: "The analysis plot (extension): waveform, energy, beats, sections, vocals and pitch of the song, PNG", params: TaskParams, produces: ["image/png"] },
      onRequest: readAuth,
    },
    async (request, reply) => {
      const task = await ownTask(request, request.params.taskId);
      const png = await planPicture(task, "analysis-plot.png", async (artifacts) => {
        const analysis = await readArtifact("analysis", join(artifacts, "analysis.json"));
        const stored = storedRequest(task);
        await services.files.fetch(stored.audioPath);
        // 8 kHz mono is plenty for a waveform drawing and decodes a 10-minute song in well under a second.
        const pcm = await services.media.decodeAudio(stored.audioPath, hz(8000), 1);
        return plotAnalysis(analysis, pcm.channels[0]);
      });
      return reply.type("image/png").header("cache-control", "private, max-age=3600").send(png);
    },
  );

  api.get(
    "/v1/tasks/:taskId/storyboard.png",
    {
      schema: { summary: "The storyboard sheet (extension): one rendered thumbnail per shot with framing, camera move and transition, PNG", params: TaskParams, produces: ["image/png"] },
      onRequest: readAuth,
    },
    async (request, reply) => {
      const task = await ownTask(request, request.params.taskId);
      // Drawn on this thread (one frame per shot, ≈ 10 ms each at 480p), once per task.
      const png = await planPicture(task, "storyboard-sheet.png", (artifacts) => renderStoryboardSheet(artifacts));
      return reply.type("image/png").header("cache-control", "private, max-age=3600").send(png);
    },
  );

  api.get(
    "/v1/credits",
    {
      schema: {
        summary: "The key's account balance: available (what the next task can spend) and held (by unfinished tasks)",
        response: { 200: success(Type.Object({ available: Type.Integer(), held: Type.Integer() })), ...errorResponses },
      },
      onRequest: authenticate(db, services.limiter, () => services.policies.credits),
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return { code: 200 as const, msg: "success" as const, data: await accountBalance(db, request.apiKey!.account_id) };
    },
  );
}
