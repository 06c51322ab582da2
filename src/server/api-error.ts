/**
 * The API's error catalogue: every error a client can see, with the hosted service's status,
 * code and type, in the body `{error: {code, message, type}}`. Messages name the field or value
 * and say what to do; they never echo secrets, resolved addresses or fetched bodies.
 */
export const API_ERRORS = {
  invalid_request: { status: 400, type: "invalid_request_error" },
  invalid_api_key: { status: 401, type: "authentication_error" },
  insufficient_credits: { status: 402, type: "billing_error" },
  ip_not_allowed: { status: 403, type: "permission_error" },
  model_not_found: { status: 404, type: "invalid_request_error" },
  task_not_found: { status: 404, type: "invalid_request_error" },
  /** An unknown route or file (outside the hosted API's table, which has no generic 404). */
  not_found: { status: 404, type: "invalid_request_error" },
  rate_limit_exceeded: { status: 429, type: "rate_limit_error" },
  spend_limit_exceeded: { status: 429, type: "billing_error" },
  internal_error: { status: 500, type: "api_error" },
  upstream_error: { status: 503, type: "upstream_error" },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Extra response headers (Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = "ApiError";
    this.status = API_ERRORS[code].status;
    this.type = API_ERRORS[code].type;
  }

  body(): { error: { code: string; message: string; type: string } } {
    return { error: { code: this.code, message: this.message, type: this.type } };
  }
}

export const invalidRequest = (message: string, cause?: unknown) => new ApiError("invalid_request", message, {}, { cause });
