/**
 * A task as clients see it — the `data` of `GET /v1/tasks/{taskId}` and, identically, the body of
 * its callback: `id, status, model, created_at, completed_at?, output?, error?` plus the
 * `progress` extension. Times are Unix seconds.
 */
import type { Task } from "../store/schema.ts";
import { storedOutput } from "../store/tasks.ts";

export type { TaskView } from "./task-wire.ts";
import type { TaskView } from "./task-wire.ts";

export const videoPath = (taskId: string, file: string) => `/files/videos/${taskId}/${file}`;

export function taskView(task: Task, publicUrl: string): TaskView {
  const view: TaskView = {
    id: task.id,
    status: task.status,
    model: task.model,
    created_at: Math.floor(Number(task.created_at) / 1000),
    progress: {
      stage: task.status === "pending" ? "queued" : (task.progress_stage ?? "starting"),
      percent: task.status === "completed" ? 100 : Number(task.progress_percent ?? 0),
    },
  };
  if (task.completed_at !== null) view.completed_at = Math.floor(Number(task.completed_at) / 1000);
  const output = storedOutput(task);
  if (output) {
    view.output = {
      urls: [`${publicUrl}${videoPath(task.id, output.file)}`],
      metadata: { model: task.model, has_nsfw_contents: [output.has_nsfw_contents] },
    };
  }
  if (task.status === "failed") view.error = { code: task.error_code ?? "internal_error", message: task.error_message ?? "The task failed." };
  return view;
}
