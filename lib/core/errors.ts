import { z } from "zod";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "./db-errors";

// One error type for the whole app. Clients see `code` and `message`, never internals.
export const ERROR_STATUS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly details?: Record<string, unknown>,
    /** Response headers that belong to the error, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (message = "Your role does not allow this.") => new AppError("forbidden", message);
export const unauthenticated = (message = "Sign in to continue.") => new AppError("unauthenticated", message);

/**
 * The messages for each field, by dotted path (`_` for the body itself). An unknown key is named
 * itself ("Unknown field."), nested ones with their parent's path. The object has no prototype,
 * so that keys such as `__proto__` or `constructor` are plain entries.
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = Object.create(null) as FieldErrors;
  const add = (path: readonly PropertyKey[], message: string) => {
    const key = path.length ? path.map(String).join(".") : "_";
    (fields[key] ??= []).push(message);
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") for (const key of issue.keys) add([...issue.path, key], "Unknown field.");
    else add(issue.path, issue.message);
  }
  return fields;
}

/** Parses input with a zod schema, turning failures into a 400 with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("invalid", "Some fields are not valid.", fieldErrors(result.error));
  }
  return result.data;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors } & Record<string, unknown>;
}

/** Maps any thrown value to a status and a body that is safe to show a client. */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof AppError) {
    return {
      status: error.status,
      headers: error.headers,
      body: { error: { ...error.details, code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) } },
    };
  }
  if (error instanceof z.ZodError) {
    return { status: 400, body: { error: { code: "invalid", message: "Some fields are not valid.", fields: fieldErrors(error) } } };
  }
  // PostgreSQL refusing text it cannot store, a NUL character (U+0000), from an input that reached
  // the database unchecked (JSON bodies are checked by readJson): the client's text, not our fault.
  if (NUL_REFUSED.has(String(databaseCode(error)))) {
    return { status: 400, body: { error: { code: "invalid", message: "Text cannot contain the NUL character (U+0000). Remove it and try again." } } };
  }
  // The database restarting, unreachable, out of connections or past a statement timeout.
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
      body: { error: { code: "unavailable", message: "Baton cannot reach its database right now. Try again in a moment." } },
    };
  }
  console.error(error);
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side." } } };
}

/** 22021: invalid byte sequence (a NUL in text); 22P05: untranslatable character (a NUL in jsonb). */
const NUL_REFUSED = new Set(["22021", "22P05"]);

/** PostgreSQL's own SQLSTATE behind a Prisma error raised through the driver adapter, if any. */
function databaseCode(error: unknown): unknown {
  return (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)?.meta?.driverAdapterError?.cause?.originalCode;
}

/** Whether a database error is a unique-constraint violation (Prisma's P2002, or 23505 from raw SQL). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002" || databaseCode(error) === "23505";
}

/** Whether PostgreSQL ended a statement to break a deadlock (40P01): the other party went on; this one may try again. */
export function isDeadlock(error: unknown): boolean {
  return databaseCode(error) === "40P01" || (error as { code?: unknown } | null)?.code === "P2034";
}

/**
 * Runs a write and turns a unique-constraint violation into the given 409: the database, not a
 * lookup before the write, decides between two racing requests.
 */
export async function conflictOnUnique<T>(write: Promise<T>, conflict: () => AppError): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
