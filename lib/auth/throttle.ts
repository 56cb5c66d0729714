import "server-only";
import { postgresLimiter } from "@/lib/core/rate-limit";
import { tooManyRequests } from "@/lib/http/rate-limit";

// Password guessing is limited per account and per client address, in PostgreSQL so that the
// limits hold across every app instance: after 10 failed sign-ins for one email, or 50 from one
// address, within 15 minutes, further attempts are refused with 429 until the window ends —
// before the password is even checked. Sign-ups count every attempt the same way.
const WINDOW_SECONDS = 15 * 60;
const limiters = {
  signIn: { email: postgresLimiter({ name: "signin:email", points: 10, durationSeconds: WINDOW_SECONDS }), ip: postgresLimiter({ name: "signin:ip", points: 50, durationSeconds: WINDOW_SECONDS }) },
  signUp: { email: postgresLimiter({ name: "signup:email", points: 10, durationSeconds: WINDOW_SECONDS }), ip: postgresLimiter({ name: "signup:ip", points: 50, durationSeconds: WINDOW_SECONDS }) },
};
type Kind = keyof typeof limiters;

const MESSAGES: Record<Kind, string> = {
  signIn: "Too many sign-in attempts.",
  signUp: "Too many sign-up attempts.",
};

/**
 * The client's address. Behind N trusted proxies (BATON_TRUSTED_PROXIES, default 0) it is the Nth
 * entry of X-Forwarded-For counted from the right, the one the outermost trusted proxy saw; without
 * a proxy it is the right-most entry, which Next sets from the socket when the client sent none.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const entries = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((part) => part.trim()).filter(Boolean);
  const trusted = Math.max(0, Number(process.env.BATON_TRUSTED_PROXIES ?? 0) || 0);
  // Bounded: the value is a key in rate_limits (255 characters), and a client can send anything.
  return (entries[Math.max(0, entries.length - 1 - trusted)] ?? "unknown").slice(0, 100);
}

/**
 * The key an email is counted under, or null for something that is not an email at all (a blank or
 * malformed field is a 400 for everyone; counting it would let those lock out each other's forms).
 */
function emailKey(email: string): string | null {
  const key = email.trim().toLowerCase().slice(0, 200);
  return /^[^@\s]+@[^@\s]+$/.test(key) ? key : null;
}

/** Throws 429 with Retry-After when this email or address has used up its attempts. */
export async function assertAttemptAllowed(kind: Kind, email: string, address: string): Promise<void> {
  const { email: byEmail, ip: byAddress } = limiters[kind];
  const key = emailKey(email);
  const [emailState, addressState] = await Promise.all([key ? byEmail.get(key) : null, byAddress.get(address)]);
  const blocked = [
    { state: emailState, points: byEmail.points },
    { state: addressState, points: byAddress.points },
  ].filter(({ state, points }) => state && state.consumedPoints >= points);
  if (blocked.length === 0) return;
  const wait = Math.max(...blocked.map(({ state }) => state?.msBeforeNext ?? 0));
  throw tooManyRequests(MESSAGES[kind], wait);
}

/** Counts one attempt (a failed sign-in, or any sign-up) against the email and the address. */
export async function countAttempt(kind: Kind, email: string, address: string): Promise<void> {
  const { email: byEmail, ip: byAddress } = limiters[kind];
  // penalty() counts without refusing: the refusal is assertAttemptAllowed's job, before the check.
  const key = emailKey(email);
  await Promise.all([key ? byEmail.penalty(key) : null, byAddress.penalty(address)]);
}
