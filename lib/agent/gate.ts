import "server-only";
import { unauthenticated } from "@/lib/core/errors";
import { mintScope, type WorkspaceScope } from "@/lib/core/scope";
import { findTokenByPrefix } from "./data";
import { touchToken } from "./mutations";
import { TOKEN_PATTERN, tokenMatches, tokenPrefix } from "./token";

/**
 * The token gate: `Authorization: Bearer bat_…` → the agent's scope in its one workspace.
 * Unknown, malformed and revoked tokens are all the same 401, checked on every request, so a
 * revocation takes effect on the very next call.
 */
export async function scopeForBearer(authorization: string | null): Promise<{ scope: WorkspaceScope; tokenId: string }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token || !TOKEN_PATTERN.test(token)) throw unauthenticated("Send an API token: Authorization: Bearer bat_…");
  const row = await findTokenByPrefix(tokenPrefix(token));
  if (!row || row.revokedAt || !tokenMatches(token, row.tokenHash)) throw unauthenticated("This API token is not valid, or it was revoked.");
  await touchToken(row.id, row.lastUsedAt);
  const scope = mintScope({
    workspaceId: row.workspace.id,
    workspaceSlug: row.workspace.slug,
    workspaceName: row.workspace.name,
    userId: null,
    agentId: row.agent.id,
    sessionId: null,
    role: row.scopes.includes("write") ? "agent" : "agent_reader",
    grants: row.scopes,
  });
  return { scope, tokenId: row.id };
}
