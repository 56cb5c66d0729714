import "server-only";
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/core/errors";
import { postgresLimiter, RateLimiterRes } from "@/lib/core/rate-limit";

// Per-token limits for the agent API, counted in PostgreSQL so that they hold across instances.
const POINTS = Number(process.env.BATON_API_RATE_LIMIT ?? 300);
const apiLimiter = postgresLimiter({ name: "api", points: POINTS > 0 ? POINTS : 300, durationSeconds: 60 });

export function tooManyRequests(message: string, msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError("rate_limited", `${message} Try again in ${seconds} s.`, undefined, undefined, { "Retry-After": String(seconds) });
}

export async function consumeRateLimit(key: string, limit: RateLimiterAbstract = apiLimiter): Promise<void> {
  try {
    await limit.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw tooManyRequests("Too many requests for this token.", rejection.msBeforeNext);
  }
}

export { RateLimiterMemory };
