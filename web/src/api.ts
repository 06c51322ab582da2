/** The dashboard's calls to the mvgen API (same origin), with errors turned into plain words. */

export type { TaskView } from "../../src/server/task-wire.ts";
import type { TaskView } from "../../src/server/task-wire.ts";

export interface TaskListItem extends TaskView {
  cost: number;
  resolution: string;
  audio_seconds: number;
  aspect_ratio?: string;
  prompt?: string;
}

export interface UploadResult {
  id: string;
  url: string;
  kind: "audio" | "image";
  filename: string;
  bytes: number;
  expires_at: number;
  seconds?: number;
  cost?: { "480p": number; "720p": number };
  face?: { found: boolean; warnings: string[] };
}

export interface Shot {
  start: number;
  end: number;
  framing: string;
  content: string;
  lipSync: boolean;
  camera: { move: string; intensity: number };
  transitionIn: { kind: string; duration: number };
  angle: { height: string; dutch: number; mirror: boolean };
  why: string;
}

export interface Artifacts {
  analysis: unknown;
  storyboard: { shots: Shot[] } | null;
  timeline: unknown;
}

/** An API failure with a message meant for the person at the page. */
export class ApiProblem extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The server's messages already say what to do; a few codes get a friendlier frame. */
function plainWords(code: string, message: string, retryAfter: string | null): string {
  switch (code) {
    case "invalid_api_key":
      return "That API key was not accepted. Check that it was copied whole (it starts with sk-) and has not been disabled.";
    case "ip_not_allowed":
      return `This key may not be used from here: ${message}`;
    case "rate_limit_exceeded":
      return `Too many requests just now; wait ${retryAfter ?? "a few"} seconds and try again.`;
    case "spend_limit_exceeded":
      return `This key's spending limit would be passed: ${message}`;
    case "insufficient_credits":
      return `Not enough credits: ${message}`;
    case "internal_error":
      return "Something went wrong on the server. Try again; if it keeps happening, the server's log has the details.";
    case "upstream_error":
      return `The server cannot do this right now: ${message}`;
    default:
      return message;
  }
}

export class Api {
  constructor(private readonly key: () => string) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${this.key()}`);
    let response: Response;
    try {
      response = await fetch(path, { ...init, headers, cache: "no-store" });
    } catch {
      throw new ApiProblem("The mvgen server cannot be reached. Is `mvgen serve` still running?", "network", 0);
    }
    if (!response.ok) {
      let code = "http_error";
      let message = `The server answered ${response.status}.`;
      try {
        const body = (await response.json()) as { error?: { code: string; message: string } };
        if (body.error) ({ code, message } = body.error);
      } catch {
        // not JSON: keep the status line
      }
      throw new ApiProblem(plainWords(code, message, response.headers.get("retry-after")), code, response.status);
    }
    return response;
  }

  private async data<T>(path: string, init?: RequestInit): Promise<T> {
    const body = (await (await this.request(path, init)).json()) as { data: T };
    return body.data;
  }

  credits = () => this.data<{ available: number; held: number }>("/v1/credits");
  task = (id: string) => this.data<TaskView>(`/v1/tasks/${encodeURIComponent(id)}`);
  tasks = () => this.data<{ tasks: TaskListItem[] }>("/v1/tasks?limit=20");
  artifacts = (id: string) => this.data<Artifacts>(`/v1/tasks/${encodeURIComponent(id)}/artifacts`);
  cancel = (id: string) => this.data<TaskView>(`/v1/tasks/${encodeURIComponent(id)}/cancel`, { method: "POST" });

  async picture(id: string, name: "analysis.png" | "storyboard.png"): Promise<Blob> {
    return (await this.request(`/v1/tasks/${encodeURIComponent(id)}/${name}`)).blob();
  }

  upload(file: File, purpose: "audio" | "image"): Promise<UploadResult> {
    const form = new FormData();
    form.append("file", file, file.name);
    return this.data<UploadResult>(`/v1/uploads?purpose=${purpose}`, { method: "POST", body: form });
  }

  async create(input: Record<string, unknown>, idempotencyKey: string): Promise<string> {
    const data = await this.data<{ taskId: string }>("/v1/videos/generations", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
      body: JSON.stringify({ model: "music-video-generator", input }),
    });
    return data.taskId;
  }
}
