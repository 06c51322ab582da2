/**
 * Who is calling: `Authorization: Bearer sk-…` (exactly one header, never a query parameter),
 * the key's IP allowlist, and the request-rate limits — in that order (401 → 403 → 429), before
 * the body is validated. Unknown, malformed, disabled and deleted keys get the same 401.
 */
import { BlockList } from "node:net";
import ipaddr from "ipaddr.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../store/database.ts";
import type { ApiKey } from "../store/schema.ts";
import { findActiveKey } from "../store/api-keys.ts";
import { ApiError } from "./api-error.ts";
import type { RateLimiter, RatePolicy } from "./rate-limiter.ts";

declare module "fastify" {
  interface FastifyRequest {
    apiKey?: ApiKey;
  }
}

/** Failed authentications per client IP per minute before it is told to slow down (blunts key guessing). */
export const FAILED_AUTH_POLICY: RatePolicy = { name: "auth", quota: 20, windowSeconds: 60 };

const INVALID_KEY = "Invalid API key: send Authorization: Bearer sk-… with an active key.";

/** The client's address as one canonical string (IPv4-mapped IPv6 unmapped). */
export function clientAddress(ip: string): string {
  try {
    return ipaddr.process(ip).toString();
  } catch {
    return ip;
  }
}

function allowlistAdmits(cidrs: readonly string[], ip: string): boolean {
  if (cidrs.length === 0) return true;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, prefix] = ipaddr.parseCIDR(cidr);
    const kind = net.kind() === "ipv4" ? "ipv4" : "ipv6";
    list.addSubnet(net.toString(), prefix, kind);
  }
  return list.check(ip, ipaddr.parse(ip).kind() === "ipv4" ? "ipv4" : "ipv6");
}

export function authenticate(db: Db, limiter: RateLimiter, policyFor: (key: ApiKey) => RatePolicy) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const ip = clientAddress(request.ip);
    const guard = limiter.take(ip, FAILED_AUTH_POLICY, true);
    if (!guard.allowed) {
      throw new ApiError("rate_limit_exceeded", `Too many failed authentications from this address; retry after ${guard.retryAfter}s.`, {
        "retry-after": String(guard.retryAfter),
      });
    }
    const fail = () => {
      limiter.take(ip, FAILED_AUTH_POLICY);
      return new ApiError("invalid_api_key", INVALID_KEY);
    };
    // Node keeps only the first of duplicate Authorization headers; count the raw ones.
    const raw = request.raw.rawHeaders;
    let count = 0;
    for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === "authorization") count++;
    const header = request.headers.authorization;
    if (count !== 1 || typeof header !== "string") throw fail();
    const match = /^Bearer (\S{1,200})$/i.exec(header);
    if (!match) throw fail();
    const key = await findActiveKey(db, match[1]);
    if (!key) throw fail();

    const allowlist = JSON.parse(key.ip_allowlist) as string[];
    if (!allowlistAdmits(allowlist, ip)) {
      throw new ApiError("ip_not_allowed", `Requests from ${ip} are not in this key's IP allowlist.`);
    }
    const decision = limiter.take(key.id, policyFor(key));
    reply.headers(decision.headers);
    if (!decision.allowed) {
      throw new ApiError("rate_limit_exceeded", `Too many requests; retry after ${decision.retryAfter}s.`, { "retry-after": String(decision.retryAfter) });
    }
    request.apiKey = key;
  };
}
