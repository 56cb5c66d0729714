import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { scopeForBearer } from "@/lib/agent/gate";
import { requireScope, requireUser } from "@/lib/auth/gate";
import { consumeRateLimit } from "./rate-limit";
import { assertSameOriginJson } from "./same-origin";
import { AppError, toErrorBody } from "@/lib/core/errors";
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

/** A public route: errors are mapped, nothing else. */
export function publicRoute<P = Record<string, never>>(handler: Handler<P, object>) {
  return async (request: NextRequest, context: RouteContext<P>) => {
    try {
      return await handler(request, { params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
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

const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Reads a JSON body: 413 above the limit, 400 when it is not JSON. */
export async function readJson(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const text = (await readBodyBytes(request, limit)).toString("utf8");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid", "The request body is not valid JSON.");
  }
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
    const { done, value } = await reader.read();
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
