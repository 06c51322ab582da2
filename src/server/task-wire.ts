/**
 * The task as it travels over the wire — the `data` of `GET /v1/tasks/{taskId}` and the body of its
 * callback. No imports, so the dashboard (web/) shares this one definition with the server.
 */
export interface TaskView {
  id: string;
  status: "pending" | "processing" | "completed" | "failed";
  model: string;
  /** Unix seconds. */
  created_at: number;
  completed_at?: number;
  progress: { stage: string; percent: number };
  output?: { urls: string[]; metadata: { model: string; has_nsfw_contents: boolean[] } };
  error?: { code: string; message: string };
}
