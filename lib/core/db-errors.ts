// Which database errors mean "the database is not available right now" (restarting, unreachable,
// out of connections, or a statement that ran past its timeout), as opposed to a bug or bad input.
// Those answer 503 with Retry-After, so that clients and load balancers back off and try again,
// rather than a 500.

/** Prisma's codes: can't reach (P1001), timed out (P1002, P1008), closed (P1017), pool timeout (P2024), transaction could not start or expired (P2028). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** The driver adapter's kinds of connection failure. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
/**
 * PostgreSQL's SQLSTATEs: query_canceled (57014, a statement or lock timeout), lock_not_available
 * (55P03), admin/crash shutdown and cannot-connect-now (57P01–57P03), too many connections (53300),
 * and the whole connection-exception class (08xxx).
 */
const SQLSTATES = new Set(["57014", "55P03", "57P01", "57P02", "57P03", "53300"]);
const CONNECTION_MESSAGES = /Connection terminated|connection (?:was )?closed|ECONNREFUSED|ECONNRESET|EPIPE|timeout exceeded when trying to connect|Client has encountered a connection error/i;

type Shape = { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } }; cause?: unknown };

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  const e = error as Shape;
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || SQLSTATES.has(e.code) || e.code.startsWith("08"))) return true;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause) {
    if (typeof cause.kind === "string" && ADAPTER_KINDS.has(cause.kind)) return true;
    const sqlState = typeof cause.originalCode === "string" ? cause.originalCode : typeof cause.code === "string" ? cause.code : "";
    if (SQLSTATES.has(sqlState) || sqlState.startsWith("08")) return true;
  }
  if (typeof e.message === "string" && CONNECTION_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 2;
