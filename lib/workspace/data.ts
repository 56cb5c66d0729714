import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Role } from "@/lib/core/roles";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { invitationTokenSchema } from "./schema";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * The membership of one user in the workspace with this slug, or null. This is the lookup the
 * gate uses to mint a scope, so it is the one read that does not take a scope.
 */
export async function findMembership(slug: string, userId: string, sessionId: string | null = null) {
  // No slug holds a NUL character, and PostgreSQL would refuse to compare one: simply no workspace.
  if (slug.includes("\0")) return null;
  return db().membership.findFirst({
    where: { userId, workspace: { slug }, ...(sessionId && { user: { sessions: { some: { id: sessionId, expires: { gt: new Date() } } } } }) },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
}

export interface WorkspaceSummary {
  slug: string;
  name: string;
  role: Role;
  boards: { key: string; name: string }[];
  memberCount: number;
}

/** The workspaces a user belongs to: the user's own list, so it is keyed by user, not scope. */
export async function listWorkspacesForUser(userId: string): Promise<WorkspaceSummary[]> {
  const memberships = await db().membership.findMany({
    where: { userId },
    orderBy: { workspace: { name: "asc" } },
    select: {
      role: true,
      workspace: {
        select: {
          slug: true,
          name: true,
          boards: { select: { key: true, name: true }, orderBy: { name: "asc" } },
          _count: { select: { memberships: true } },
        },
      },
    },
  });
  return memberships.map((m) => ({
    slug: m.workspace.slug,
    name: m.workspace.name,
    role: m.role,
    boards: m.workspace.boards,
    memberCount: m.workspace._count.memberships,
  }));
}

export async function listMembers(scope: WorkspaceScope) {
  assertCan(scope, "member.read");
  return db().membership.findMany({
    where: { workspaceId: scope.workspaceId },
    orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

export async function listPendingInvitations(scope: WorkspaceScope) {
  assertCan(scope, "invitation.create");
  return db().invitation.findMany({
    where: { workspaceId: scope.workspaceId, acceptedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, role: true, expiresAt: true, createdAt: true, createdBy: { select: { name: true, email: true } } },
  });
}

/** Looks up an open invitation for the accept page (no scope: the token is the credential). */
export async function describeInvitation(token: string) {
  const parsed = invitationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: hashToken(parsed.data) },
    select: { acceptedAt: true, expiresAt: true, role: true, workspace: { select: { name: true, slug: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt < new Date()) return null;
  return { workspace: invitation.workspace, role: invitation.role };
}


/** Settings as anyone in the workspace may see them: the webhook secret only as "set or not". */
export async function getWorkspaceSettings(scope: WorkspaceScope) {
  assertCan(scope, "workspace.read");
  const workspace = await db().workspace.findUniqueOrThrow({
    where: { id: scope.workspaceId },
    select: { specThreshold: true, loopLimit: true, settingsVersion: true, webhookSecret: true },
  });
  return {
    specThreshold: workspace.specThreshold,
    loopLimit: workspace.loopLimit,
    /** The settings' concurrency token: an edit sends it back (`updateWorkspaceSettings`). */
    version: workspace.settingsVersion,
    hasWebhookSecret: workspace.webhookSecret !== null,
  };
}
