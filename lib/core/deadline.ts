import { AsyncLocalStorage } from "node:async_hooks";
import { RETRY_AFTER_SECONDS } from "./db-errors";
import { AppError } from "./errors";

// A request's time budget (DATABASE_TIMEOUT_MS). The database's own bounds (lib/core/db.ts) end
// any one wait, but a request can meet several in a row: a transaction that waits for a board's
// row lock, then for a locked table. So every API request also runs against a deadline: when it
// passes, the request answers 503 with Retry-After at once, and a transaction still running then
// is rolled back instead of committed (assertInTime, called just before COMMIT), so a 503 never
// hides a write. Time spent reading the client's body is not counted: a slow upload is the
// client's time, not the server's.

interface Deadline {
  at: number;
  timer?: ReturnType<typeof setTimeout>;
  expire: () => void;
}

const current = new AsyncLocalStorage<Deadline>();

export const outOfTime = () =>
  new AppError("unavailable", "Baton's database is too slow to answer right now. Try again in a moment.", undefined, undefined, {
    "Retry-After": String(RETRY_AFTER_SECONDS),
  });

function arm(deadline: Deadline) {
  clearTimeout(deadline.timer);
  deadline.timer = setTimeout(deadline.expire, Math.max(0, deadline.at - Date.now()));
}

/** Runs `work` with a deadline `budgetMs` from now: past it, the promise rejects with a 503. */
export function withDeadline<T>(budgetMs: number, work: () => Promise<T>): Promise<T> {
  let reject: (error: unknown) => void = () => {};
  const expired = new Promise<never>((_, fail) => {
    reject = fail;
  });
  const deadline: Deadline = { at: Date.now() + budgetMs, expire: () => reject(outOfTime()) };
  arm(deadline);
  return Promise.race([current.run(deadline, work), expired]).finally(() => clearTimeout(deadline.timer));
}

/** Runs `wait` with the clock stopped: for waiting on the client, such as reading its body. */
export async function notCounted<T>(wait: () => Promise<T>): Promise<T> {
  const deadline = current.getStore();
  if (!deadline) return wait();
  clearTimeout(deadline.timer);
  const started = Date.now();
  try {
    return await wait();
  } finally {
    deadline.at += Date.now() - started;
    arm(deadline);
  }
}

/** Throws the 503 if this request's deadline has passed (outside a request, never). */
export function assertInTime(): void {
  const deadline = current.getStore();
  if (deadline && Date.now() > deadline.at) throw outOfTime();
}
