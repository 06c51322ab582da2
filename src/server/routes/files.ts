/**
 * The finished videos, at the URLs in `output.urls`: `/files/videos/{taskId}/video-{n}.mp4`,
 * with Range, ETag and 304 (@fastify/static). Like the hosted service's CDN links they need no
 * key; the task id (128 random bits) is the capability. Only a completed task's own output file
 * is served — never anything a user uploaded.
 */
import type { FastifyInstance } from "fastify";
import type {} from "@fastify/static";
import type {} from "@fastify/swagger";
import { join } from "node:path";
import type { Services } from "../services.ts";
import { getTask, storedOutput } from "../../store/tasks.ts";
import { ApiError } from "../api-error.ts";

export function fileRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { taskId: string; file: string } }>("/files/videos/:taskId/:file", { schema: { hide: true } }, async (request, reply) => {
    const { taskId, file } = request.params;
    const task = /^[0-9a-f]{32}$/.test(taskId) ? await getTask(services.db, taskId) : undefined;
    const output = task && storedOutput(task);
    if (!output || output.file !== file) throw new ApiError("not_found", "No such video; check the URL in the task's output.");
    if (!(await services.files.fetch(join(services.tasksDir, taskId, file)))) throw new ApiError("not_found", "The video's file is missing; render the task again.");
    reply.header("x-content-type-options", "nosniff");
    reply.header("content-disposition", `inline; filename="mvgen-${taskId}.mp4"`);
    return reply.sendFile(file, join(services.tasksDir, taskId), { cacheControl: true, maxAge: "365d", immutable: true });
  });
}
