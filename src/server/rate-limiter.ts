/**
 * Request-rate limits: one token bucket per (key, policy), in memory — the embedded server is
 * one process; the scale-out mode moves the buckets to Redis. Headers follow the IETF
 * draft-ietf-httpapi-ratelimit-headers-11: `RateLimit-Policy: "create";q=60;w=60` and
 * `RateLimit: "create";r=42;t=17`, plus `Retry-After` (whole seconds, ≥ 1) on a 429.
 * A token bucket rather than a fixed window: no double burst at window edges.
 */
import type { Clock } from "../store/clock.ts";

export interface RatePolicy {
  readonly name: string;
  /** Requests per window; also the burst. */
  readonly quota: number;
  /** [s] */
  readonly windowSeconds: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
  /** [s] until one request is allowed again (0 when allowed). */
  readonly retryAfter: number;
}

interface Bucket {
  tokens: number;
  /** [ms] */
  at: number;
}

/** Buckets kept before idle (full) ones are dropped. */
const MAX_BUCKETS = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /** Spends one request from `key`'s bucket under `policy` (or only looks, with `peek`). */
  take(key: string, policy: RatePolicy, peek = false): RateDecision {
    const now = this.clock.now();
    const perMs = policy.quota / (policy.windowSeconds * 1000);
    const id = `${policy.name}:${key}`;
    const bucket = this.buckets.get(id) ?? { tokens: policy.quota, at: now };
    bucket.tokens = Math.min(policy.quota, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed && !peek) bucket.tokens -= 1;
    if (!this.buckets.has(id)) {
      if (this.buckets.size >= MAX_BUCKETS) this.prune(now);
      this.buckets.set(id, bucket);
    }
    const remaining = Math.floor(bucket.tokens);
    const untilFull = Math.ceil((policy.quota - bucket.tokens) / perMs / 1000);
    const retryAfter = allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    return {
      allowed,
      retryAfter,
      headers: {
        "ratelimit-policy": `"${policy.name}";q=${policy.quota};w=${policy.windowSeconds}`,
        ratelimit: `"${policy.name}";r=${remaining};t=${Math.min(policy.windowSeconds, untilFull)}`,
      },
    };
  }

  private prune(now: number): void {
    for (const [id, bucket] of this.buckets) if (now - bucket.at > 3_600_000) this.buckets.delete(id);
  }
}
