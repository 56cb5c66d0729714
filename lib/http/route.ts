import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { scopeForBearer } from "@/lib/agent/gate";
import { requireScope, requireUser } from "@/lib/auth/gate";
import { DEFAULT_BODY_LIMIT, MAX_JSON_DEPTH } from "./body-limits";
import { consumeRateLimit } from "./rate-limit";
import { assertSameOriginJson } from "./same-origin";
import { notCounted, withDeadline } from "@/lib/core/deadline";
import { env } from "@/lib/core/env";
import { AppError, notFound, parseInput, toErrorBody } from "@/lib/core/errors";
import type { Permission } from "@/lib/core/roles";
import type { WorkspaceScope } from "@/lib/core/scope";
import type { SessionUser } from "@/lib/user/data";

// The wrappers every route handler goes through: parse → authorise → call lib → respond, with
// one error shape, `{ "error": { "code", "message", "fields"? } }`.

type RouteContext<P> = { params: Promise<P> };
type Handler<P, A> = (request: NextRequest, args: A & { params: P }) => Promise<Response>;

export function json(data: unknown, init?: number | ResponseInit): NextResponse {
  return NextResponse.json(data, typeof init === "number" ? { status: init } : init);
}

export function errorResponse(error: unknown): NextResponse {
  const { status, body, headers } = toErrorBody(error);
  return NextResponse.json(body, { status, headers });
}

/**
 * A public route: errors are mapped, and the request answers within its time budget
 * (DATABASE_TIMEOUT_MS; lib/core/deadline.ts), or 503 with Retry-After.
 */
export function publicRoute<P = Record<string, never>>(handler: Handler<P, object>) {
  return async (request: NextRequest, context: RouteContext<P>) => {
    try {
      const params = checkParams(await context.params);
      return await withDeadline(env().DATABASE_TIMEOUT_MS, () => handler(request, { params }));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Path parameters are looked up as text: one with a U+0000 (sent as %00), which PostgreSQL cannot
 * compare, names nothing that exists.
 */
function checkParams<P>(params: P): P {
  for (const value of Object.values(params ?? {})) {
    if ([value].flat().some((part) => typeof part === "string" && part.includes("\u0000"))) throw notFound();
  }
  return params;
}

/**
 * A public route a browser calls, such as sign-up: writes must be same-origin JSON, so that another
 * site cannot make a visitor's browser call it.
 */
export function browserRoute<P = Record<string, never>>(handler: Handler<P, object>) {
  return publicRoute<P>(async (request, args) => {
    assertSameOriginJson(request);
    return handler(request, args);
  });
}

/** A route for any signed-in user (401 otherwise). Cookie-authenticated: writes are same-origin JSON. */
export function userRoute<P = Record<string, never>>(handler: Handler<P, { user: SessionUser }>) {
  return publicRoute<P>(async (request, { params }) => {
    assertSameOriginJson(request);
    return handler(request, { params, user: await requireUser() });
  });
}

/**
 * A route inside a workspace: `[workspace]` in the path is the slug. Non-members get 404, members
 * whose role lacks `permission` get 403.
 */
export function workspaceRoute<P extends { workspace: string }>(
  permission: Permission,
  handler: Handler<P, { scope: WorkspaceScope }>,
) {
  return publicRoute<P>(async (request, { params }) => {
    assertSameOriginJson(request);
    return handler(request, { params, scope: await requireScope(params.workspace, permission) });
  });
}

/** The token gate and the per-token rate limit: every way an agent comes in goes through both. */
export async function tokenScope(request: Request): Promise<WorkspaceScope> {
  const { scope, tokenId } = await scopeForBearer(request.headers.get("authorization"));
  await consumeRateLimit(tokenId);
  return scope;
}

/**
 * A route of the agent API: `Authorization: Bearer <token>` → the agent's scope. Rate-limited per
 * token (429 with Retry-After).
 */
export function agentRoute<P = Record<string, never>>(handler: Handler<P, { scope: WorkspaceScope }>) {
  return publicRoute<P>(async (request, { params }) => handler(request, { params, scope: await tokenScope(request) }));
}

/**
 * A workspace route that an agent token can reach too, so that it gets a clear answer (403 from
 * the mutation's permission check) instead of "sign in": e.g. agents posting a verdict. A token of
 * another workspace is 404, as for members.
 */
export function workspaceOrAgentRoute<P extends { workspace: string }>(permission: Permission, handler: Handler<P, { scope: WorkspaceScope }>) {
  return publicRoute<P>(async (request, { params }) => {
    if (!request.headers.get("authorization")) {
      assertSameOriginJson(request);
      return handler(request, { params, scope: await requireScope(params.workspace, permission) });
    }
    const scope = await tokenScope(request);
    if (scope.workspaceSlug !== params.workspace) throw new AppError("not_found", "Workspace not found.");
    return handler(request, { params, scope });
  });
}

/** For routes open to both: a bearer token if one is sent, otherwise the session. */
export function memberOrAgentRoute<P = Record<string, never>>(handler: Handler<P, object>) {
  return publicRoute<P>(async (request, args) => {
    if (request.headers.get("authorization")) {
      await tokenScope(request);
    } else {
      assertSameOriginJson(request);
      await requireUser();
    }
    return handler(request, args);
  });
}

/** A 400 about the body as a whole: its field is `_`. */
const invalidBody = (message: string) => new AppError("invalid", message, { _: [message] });

/**
 * Reads a JSON body: 413 above the limit; 400 when it is not UTF-8, not JSON, nested more than
 * MAX_JSON_DEPTH levels, or has a U+0000 in a string (PostgreSQL text cannot hold one, so it is
 * refused here, naming the field, instead of failing in the database). An empty body reads as {}.
 */
export async function readJson(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await readBodyBytes(request, limit));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidBody("The request body is not valid UTF-8.");
  }
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw invalidBody("The request body is not valid JSON.");
  }
  inspectJson(value);
  return value;
}

/** Walks a parsed body without recursion (so no depth can overflow the stack): depth and U+0000. */
function inspectJson(root: unknown): void {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === "string") {
      if (value.includes("\u0000")) throw nulCharacter(path);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (path.length >= MAX_JSON_DEPTH) throw invalidBody(`The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels).`);
    for (const [key, child] of Object.entries(value)) {
      if (key.includes("\u0000")) throw nulCharacter([...path, key]);
      stack.push({ value: child, path: [...path, key] });
    }
  }
}

function nulCharacter(path: string[]): AppError {
  const message = "Text cannot contain the NUL character (U+0000).";
  return new AppError("invalid", "Some fields are not valid.", { [path.length ? path.join(".") : "_"]: [message] });
}

const noBody = z.strictObject({}, { error: "This request takes no body: send none, or {}." });

/**
 * For writes whose only input is the path (revoke, restore, claim…): an empty body or {} passes;
 * anything else is refused like any bad input (each unknown field named), not silently ignored.
 */
export async function readNoBody(request: Request): Promise<void> {
  parseInput(noBody, await readJson(request));
}

/**
 * The body's raw bytes: 413 above the limit, whether Content-Length says so up front or the stream
 * runs past it (reading then stops there, so an oversized body is never held in memory whole).
 */
export async function readBodyBytes(request: Request, limit: number, what = "The request body"): Promise<Buffer> {
  const tooLarge = () => new AppError("payload_too_large", `${what} is larger than ${limit} bytes.`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // Waiting for the client's bytes is not the server's time: not counted against the deadline.
    const { done, value } = await notCounted(() => reader.read());
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
