import "server-only";
import { unauthenticated } from "@/lib/core/errors";
import { mintScope, type WorkspaceScope } from "@/lib/core/scope";
import { hashSessionToken, SESSION_TOKEN_PATTERN } from "./ai";
import { findSessionByTokenHash } from "./data";

/**
 * The session-token gate: `Authorization: Bearer bls_…` → the one leverage session it belongs to,
 * with a scope that may do no more than report that session's AI events (an agent's rank, no
 * member, no agent). Unknown, malformed and replaced tokens are all the same 401.
 */
export async function scopeForSessionToken(authorization: string | null): Promise<{ scope: WorkspaceScope; sessionId: string }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token || !SESSION_TOKEN_PATTERN.test(token)) throw unauthenticated("Send the session's token: Authorization: Bearer bls_… (Connect your AI, in the session).");
  const row = await findSessionByTokenHash(hashSessionToken(token));
  if (!row) throw unauthenticated("This session token is not valid, or it was replaced by a newer one.");
  const scope = mintScope({ workspaceId: row.workspace.id, workspaceSlug: row.workspace.slug, workspaceName: row.workspace.name, userId: null, agentId: null, sessionId: null, role: "agent" });
  return { scope, sessionId: row.id };
}
