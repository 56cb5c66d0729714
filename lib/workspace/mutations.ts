import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import { publish } from "@/lib/core/realtime";
import { AppError, conflictOnUnique, forbidden, notFound, parseInput } from "@/lib/core/errors";
import { assertCan, memberId, type WorkspaceScope } from "@/lib/core/scope";
import { hashToken } from "./data";
import { createWorkspaceSchema, invitationTokenSchema, workspaceSettingsSchema } from "./schema";

const INVITATION_DAYS = 7;

/** Creates a workspace with a first board; the creator becomes its owner. */
export async function createWorkspace(userId: string, input: unknown) {
  const data = parseInput(createWorkspaceSchema, input);
  return conflictOnUnique(
    db().$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { name: data.name, slug: data.slug }, select: { id: true, slug: true, name: true } });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId, role: "owner" } });
      const board = await tx.board.create({
        data: { workspaceId: workspace.id, name: data.boardName, key: data.boardKey },
        select: { key: true },
      });
      return { ...workspace, boardKey: board.key };
    }),
    () => new AppError("conflict", "This URL name is taken.", { slug: ["This URL name is taken. Choose another."] }),
  );
}

/** Creates an invitation link; only its hash is stored, so the token is returned once. */
export async function createInvitation(scope: WorkspaceScope) {
  assertCan(scope, "invitation.create");
  const token = randomBytes(24).toString("base64url");
  const invitation = await db().invitation.create({
    data: {
      workspaceId: scope.workspaceId,
      tokenHash: hashToken(token),
      role: "member",
      createdById: memberId(scope),
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
    },
    select: { id: true, role: true, expiresAt: true },
  });
  return { ...invitation, token };
}

/** Makes the user a member. Each link works once; an existing member keeps their role. */
export async function acceptInvitation(userId: string, token: string) {
  const checked = invitationTokenSchema.safeParse(token);
  // The token is the path's `[token]`: a malformed one is a 400 that names it.
  if (!checked.success) throw new AppError("invalid", "This invitation link is not valid.", { token: checked.error.issues.map((issue) => issue.message) });
  const parsed = checked.data;
  return db().$transaction(async (tx) => {
    // Someone who is already a member keeps their role and does not use up the link, which
    // may have been meant for someone else.
    const open = await tx.invitation.findFirst({
      where: { tokenHash: hashToken(parsed), acceptedAt: null, expiresAt: { gt: new Date() } },
      select: { workspace: { select: { slug: true, memberships: { where: { userId }, select: { id: true } } } } },
    });
    if (open && open.workspace.memberships.length > 0) return { slug: open.workspace.slug };
    // Claiming the row with a conditional update makes a double accept impossible.
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash: hashToken(parsed), acceptedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count === 0) throw notFound("This invitation link is not valid any more. Ask for a new one.");
    const invitation = await tx.invitation.findUniqueOrThrow({
      where: { tokenHash: hashToken(parsed) },
      select: { role: true, workspace: { select: { id: true, slug: true } } },
    });
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invitation.workspace.id, userId } },
      update: {},
      create: { workspaceId: invitation.workspace.id, userId, role: invitation.role },
    });
    return { slug: invitation.workspace.slug };
  });
}

/**
 * Changes the spec threshold or the loop limit. The settings have one version: an edit names the
 * version it was based on, and one based on an older version is refused with 409 and the current
 * settings, so two admins editing at once never silently overwrite each other.
 */
export async function updateWorkspaceSettings(scope: WorkspaceScope, input: unknown) {
  assertCan(scope, "workspace.settings");
  const { version, ...changes } = parseInput(workspaceSettingsSchema, input);
  return db().$transaction(async (tx) => {
    // The version in the WHERE makes the check and the write one atomic step: of two edits on one
    // version, the second waits for the first's row lock, then matches nothing.
    const { count } = await tx.workspace.updateMany({
      where: { id: scope.workspaceId, settingsVersion: version },
      data: { ...changes, settingsVersion: { increment: 1 } },
    });
    const row = await tx.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId }, select: { specThreshold: true, loopLimit: true, settingsVersion: true } });
    const current = { specThreshold: row.specThreshold, loopLimit: row.loopLimit, version: row.settingsVersion };
    if (count === 0) {
      throw new AppError("conflict", "Someone changed the settings while you were editing. Your change was not saved.", undefined, {
        currentVersion: current.version,
        current,
      });
    }
    return current;
  });
}

/**
 * Removes someone from the workspace. Admins remove members, viewers and other admins; only an
 * owner removes an owner, and the last owner stays. Access ends on that person's next request
 * (the gate reads the membership every time), and their open live streams close at once.
 */
export async function removeMember(scope: WorkspaceScope, userId: string) {
  assertCan(scope, "member.manage");
  return db().$transaction(async (tx) => {
    // Locked, so that two owners removing each other at once cannot leave the workspace without one.
    const owners = await tx.$queryRaw<{ user_id: string }[]>`
      SELECT user_id FROM memberships WHERE workspace_id = ${scope.workspaceId} AND role = 'owner' FOR UPDATE`;
    const target = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: scope.workspaceId, userId } },
      select: { id: true, role: true, user: { select: { name: true, email: true } } },
    });
    if (!target) throw notFound("This person is not a member of the workspace.");
    if (target.role === "owner" && scope.role !== "owner") throw forbidden("Only an owner can remove an owner.");
    if (target.role === "owner" && owners.length <= 1) {
      throw new AppError("conflict", "The last owner cannot be removed. Make someone else an owner first.");
    }
    await tx.membership.delete({ where: { id: target.id } });
    await publish(tx, { kind: "access", userId, sessionId: null, workspaceId: scope.workspaceId });
    return { userId, name: target.user.name ?? target.user.email };
  });
}
