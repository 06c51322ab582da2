/**
 * The task as it travels over the wire — the `data` of `GET /v1/tasks/{taskId}` and the body of its
 * callback — and the create request's text limits. No imports, so the dashboard (web/) shares
 * these one definitions with the server.
 */

/** input.prompt's limit (JSON Schema maxLength: Unicode code points). */
export const MAX_PROMPT_CHARACTERS = 2500;
/** input.lyrics' limit: they fit the 64 kB body with room to spare (a long song's lyrics are ≈ 3 000 characters). */
export const MAX_LYRICS_CHARACTERS = 16000;

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
