/** GET /v1/tasks/{taskId}, POST /v1/tasks/{taskId}/cancel, GET /v1/tasks/{taskId}/artifacts, GET /v1/credits. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Services } from "../services.ts";
import { authenticate } from "../auth.ts";
import { ApiError } from "../api-error.ts";
import { taskView } from "../task-view.ts";
import { TaskData, TaskParams, errorResponses, success } from "../schemas.ts";
import { finishTask, getTask, requestCancel } from "../../store/tasks.ts";
import { accountBalance } from "../../billing/ledger.ts";
import type { Task } from "../../store/schema.ts";

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
          outcome: { status: "failed", code: "canceled", message: "The task was cancelled; its credits were released." },
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
