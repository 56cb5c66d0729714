import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/core/errors";

// Per-token limits for the agent API. In memory, so each app instance counts on its own: with N
// instances a token gets up to N× the limit, which is fine for a guard against runaway agents.
const POINTS = Number(process.env.BATON_API_RATE_LIMIT ?? 300);
const limiter = new RateLimiterMemory({ points: POINTS > 0 ? POINTS : 300, duration: 60 });

export async function consumeRateLimit(key: string, limit: RateLimiterMemory = limiter): Promise<void> {
  try {
    await limit.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new AppError("rate_limited", `Too many requests for this token. Try again in ${seconds} s.`, undefined, undefined, { "Retry-After": String(seconds) });
  }
}

export { RateLimiterMemory };
