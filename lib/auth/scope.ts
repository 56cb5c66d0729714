import "server-only";
import { notFound } from "@/lib/core/errors";
import type { Permission } from "@/lib/core/roles";
import { assertCan, mintScope, type WorkspaceScope } from "@/lib/core/scope";
import { findMembership } from "@/lib/workspace/data";

/**
 * Mints the scope for a user in a workspace. A workspace the user does not belong to is a 404,
 * never a 403: outsiders must not learn that it exists.
 */
export async function scopeForUser(slug: string, userId: string, permission: Permission = "workspace.read"): Promise<WorkspaceScope> {
  const membership = await findMembership(slug, userId);
  if (!membership) throw notFound("Workspace not found.");
  const scope = mintScope({
    workspaceId: membership.workspace.id,
    workspaceSlug: membership.workspace.slug,
    workspaceName: membership.workspace.name,
    userId,
    agentId: null,
    role: membership.role,
  });
  assertCan(scope, permission);
  return scope;
}
