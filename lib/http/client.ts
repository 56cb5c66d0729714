// Browser-side fetch for our own JSON routes: throws ApiError with the server's code and message.
import type { ErrorCode, FieldErrors } from "@/lib/core/errors";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network",
    message: string,
    readonly fields?: FieldErrors,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    const method = init.method ?? "GET";
    response = await fetch(url, {
      method,
      // Writes are always JSON, with or without a body: the server refuses any other kind (CSRF).
      headers: method === "GET" ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "network", "Could not reach Baton. Check your connection and try again.");
  }
  const data = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    const error = (data?.error ?? {}) as { code?: ErrorCode; message?: string; fields?: FieldErrors };
    throw new ApiError(response.status, error.code ?? "internal", error.message ?? `Request failed (${response.status}).`, error.fields, error);
  }
  return data as T;
}
