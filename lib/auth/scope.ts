import "server-only";
import { notFound, unauthenticated } from "@/lib/core/errors";
import type { Permission } from "@/lib/core/roles";
import { assertCan, mintScope, type WorkspaceScope } from "@/lib/core/scope";
import { findSignedInUser } from "@/lib/user/data";
import { findMembership } from "@/lib/workspace/data";

/**
 * Mints the scope for a user in a workspace. A workspace the user does not belong to is a 404,
 * never a 403: outsiders must not learn that it exists. With a sign-in session id (every request
 * from a browser) the same one query also proves that session was not signed out.
 */
export async function scopeForUser(slug: string, userId: string, permission: Permission = "workspace.read", sessionId: string | null = null): Promise<WorkspaceScope> {
  const membership = await findMembership(slug, userId, sessionId);
  if (!membership) {
    // Only when refusing: a signed-out session is "sign in again" (401), not "no such workspace".
    if (sessionId && !(await findSignedInUser(userId, sessionId))) throw unauthenticated();
    throw notFound("Workspace not found.");
  }
  const scope = mintScope({
    workspaceId: membership.workspace.id,
    workspaceSlug: membership.workspace.slug,
    workspaceName: membership.workspace.name,
    userId,
    agentId: null,
    sessionId,
    role: membership.role,
  });
  assertCan(scope, permission);
  return scope;
}
