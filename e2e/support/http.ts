// Plain HTTP as a given actor: cookies from the saved sessions, no redirects followed, so that
// the authorization table sees the status each route really answers.
import { readFileSync } from "node:fs";
import { storageState, type Actor } from "./users";

export type Caller = Actor | "anonymous";

const cookieCache = new Map<Caller, string>();

export function cookieHeader(caller: Caller): string {
  if (caller === "anonymous") return "";
  let header = cookieCache.get(caller);
  if (header === undefined) {
    const state = JSON.parse(readFileSync(storageState(caller), "utf8")) as { cookies: { name: string; value: string }[] };
    header = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    cookieCache.set(caller, header);
  }
  return header;
}

export const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

export interface CallResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Sends one request; for streams (SSE) it returns as soon as the headers arrive. */
export async function call(caller: Caller, method: string, path: string, body?: unknown): Promise<CallResult> {
  const controller = new AbortController();
  const response = await fetch(`${baseURL}${path}`, {
    method,
    redirect: "manual",
    signal: controller.signal,
    headers: {
      cookie: cookieHeader(caller),
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let parsed: unknown = null;
  if (response.headers.get("content-type")?.includes("text/event-stream")) {
    controller.abort();
  } else {
    const text = await response.text();
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** A fresh task in Acme's WEB board, created by the owner, for tests that change or delete one. */
export async function freshTask(title = `Authz fixture ${Date.now()}-${Math.random().toString(36).slice(2, 7)}`) {
  const result = await call("owner", "POST", "/api/w/acme/tasks", { boardKey: "WEB", title });
  if (result.status !== 201) throw new Error(`could not create fixture task: ${result.status} ${JSON.stringify(result.body)}`);
  return (result.body as { task: { id: string; key: string; version: number } }).task;
}
