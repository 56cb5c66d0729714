import "server-only";
import { isSealed, sealSecret } from "@/lib/core/secrets";
import { db, type Tx } from "@/lib/core/db";
import { AppError, conflictOnUnique, notFound, parseInput } from "@/lib/core/errors";
import { recordEvent } from "@/lib/core/activity";
import { now } from "@/lib/core/clock";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { findTaskRow, taskKeyWhere } from "@/lib/task/data";
import { lastPosition, lockCell, lockTaskRow } from "@/lib/task/mutations";
import type { Lane, Status } from "@/lib/task/schema";
import { keyBetween } from "@/lib/board/ordering";
import { agentMentionSchema, assignAgentSchema, createAgentSchema, createTokenSchema, tokenScopes, webhookSecretSchema } from "../schema";
import { generateToken, hashToken, tokenPrefix } from "../token";
import { assertAgentStep } from "./agent-step";
export { createSubmission, insertSubmission, type SubmitOptions } from "./submit";

// --- Agents and tokens (admins and owners) -------------------------------------------------

export async function createAgent(scope: WorkspaceScope, input: unknown) {
  assertCan(scope, "agent.manage");
  const data = parseInput(createAgentSchema, input);
  return conflictOnUnique(
    db().agent.create({ data: { workspaceId: scope.workspaceId, name: data.name, kind: data.kind }, select: { id: true, name: true, kind: true } }),
    () => new AppError("conflict", "An agent with this name exists.", { name: ["An agent with this name exists in this workspace."] }),
  );
}

/** Sets or clears the mention Baton puts at the start of the GitHub reviews it posts for this agent. */
export async function setAgentMention(scope: WorkspaceScope, agentId: string, input: unknown) {
  assertCan(scope, "agent.manage");
  const { mention } = parseInput(agentMentionSchema, input);
  const { count } = await db().agent.updateMany({ where: { id: agentId, workspaceId: scope.workspaceId }, data: { mention } });
  if (count === 0) throw notFound("Agent not found.");
  return { id: agentId, mention };
}

/** A new API token for the agent, read-write unless `{ access: "read" }`; the token is returned once. */
export async function createToken(scope: WorkspaceScope, agentId: string, input: unknown = {}) {
  assertCan(scope, "agent.manage");
  const { access } = parseInput(createTokenSchema, input);
  const agent = await db().agent.findFirst({ where: { id: agentId, workspaceId: scope.workspaceId }, select: { id: true, name: true } });
  if (!agent) throw notFound("Agent not found.");
  const token = generateToken();
  const row = await db().apiToken.create({
    data: { workspaceId: scope.workspaceId, agentId: agent.id, prefix: tokenPrefix(token), tokenHash: hashToken(token), createdById: scope.userId, scopes: tokenScopes(access) },
    select: { id: true, prefix: true, createdAt: true, scopes: true },
  });
  return { ...row, token, agent };
}

export async function revokeToken(scope: WorkspaceScope, tokenId: string) {
  assertCan(scope, "agent.manage");
  const { count } = await db().apiToken.updateMany({ where: { id: tokenId, workspaceId: scope.workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw notFound("Token not found, or already revoked.");
}

export async function setWebhookSecret(scope: WorkspaceScope, input: unknown) {
  assertCan(scope, "agent.manage");
  const { secret } = parseInput(webhookSecretSchema, input);
  await db().workspace.update({ where: { id: scope.workspaceId }, data: { webhookSecret: sealSecret(secret) } });
}

/** Records that a token was used; at most once a minute per token, so reads stay reads. */
export async function touchToken(tokenId: string, lastUsedAt: Date | null) {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < 60_000) return;
  await db().apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: new Date() } });
}

// --- Assignment (members) -------------------------------------------------------------------

export async function assignAgent(scope: WorkspaceScope, key: string, input: unknown) {
  assertCan(scope, "task.write");
  const { agentId } = parseInput(assignAgentSchema, input);
  return db().$transaction(async (tx) => {
    const task = await findTaskRow(scope, key, tx);
    if (agentId) {
      const agent = await tx.agent.findFirst({ where: { id: agentId, workspaceId: scope.workspaceId }, select: { id: true } });
      if (!agent) throw new AppError("invalid", "Some fields are not valid.", { agentId: ["Choose an agent of this workspace."] });
      if (task.lane !== "delegate") throw new AppError("invalid", "Only delegate tasks go to agents. Move the task to the Delegate lane first.", { agentId: ["Only delegate tasks can be assigned to an agent."] });
    }
    const updated = await tx.task.update({
      where: { id: task.id },
      data: { agentId, assignedAt: agentId ? now() : null, claimedAt: null, updatedAt: now(), version: { increment: 1 } },
      select: { id: true, boardId: true, version: true, agent: { select: { id: true, name: true } } },
    });
    await recordEvent(tx, scope, updated, "assigned", { agent: updated.agent?.name ?? null });
    return updated;
  });
}

// --- Agent work (token holders) ---------------------------------------------------------------

/** Locks the agent's task row for the rest of the transaction; other tasks are "not found". */
async function lockAssignedTask(tx: Tx, scope: WorkspaceScope, key: string) {
  if (!scope.agentId) throw new AppError("forbidden", "Only an agent can do this.");
  const task = await tx.task.findFirst({ where: { ...taskKeyWhere(scope, key), agentId: scope.agentId }, select: { id: true } });
  if (!task) throw notFound("Task not found.");
  // Serialises claims and submissions on one task (attempt numbers, idempotency keys).
  await lockTaskRow(tx, task.id);
  return tx.task.findUniqueOrThrow({
    where: { id: task.id },
    select: {
      id: true,
      boardId: true,
      lane: true,
      status: true,
      position: true,
      version: true,
      claimedAt: true,
      specScore: true,
      agentId: true,
      workspace: { select: { specThreshold: true } },
    },
  });
}

/** A card that changes column goes last in its new cell (serialised per cell, like people's moves). */
async function positionIn(tx: Tx, task: { id: string; boardId: string; lane: Lane; status: Status; position: string }, status: Status): Promise<string> {
  if (task.status === status) return task.position;
  await lockCell(tx, task.boardId, task.lane, status);
  return keyBetween(await lastPosition(tx, task.boardId, task.lane, status, task.id), null);
}

export async function claimTask(scope: WorkspaceScope, key: string) {
  assertCan(scope, "agent.work");
  return db().$transaction(async (tx) => {
    const task = await lockAssignedTask(tx, scope, key);
    assertAgentStep({ lane: task.lane, status: task.status, hasAgent: task.agentId !== null, specScore: task.specScore, threshold: task.workspace.specThreshold }, "claim");
    if (task.status === "in_progress" && task.claimedAt) return { key, status: task.status, claimedAt: task.claimedAt.toISOString() };
    const claimedAt = now();
    const updated = await tx.task.update({
      where: { id: task.id },
      data: { status: "in_progress", position: await positionIn(tx, task, "in_progress"), claimedAt, updatedAt: claimedAt, version: { increment: 1 } },
      select: { id: true, boardId: true, version: true, status: true },
    });
    await recordEvent(tx, scope, updated, "claimed", { status: "in_progress" });
    return { key, status: updated.status, claimedAt: claimedAt.toISOString() };
  });
}

// --- Operator functions for the admin CLI (scripts/baton.ts) ----------------------------------
// Whoever can run the CLI already holds the database credentials, so these take names instead of
// a member's scope; they keep the same validation and the same token handling as the UI.

export async function operatorCreateToken(input: { workspace: string; agent: string; kind?: string }) {
  const workspace = await db().workspace.findUnique({ where: { slug: input.workspace }, select: { id: true, slug: true } });
  if (!workspace) throw notFound(`No workspace with the slug "${input.workspace}".`);
  const data = parseInput(createAgentSchema, { name: input.agent, kind: input.kind ?? "custom" });
  const select = { id: true, name: true, kind: true } as const;
  const existing = await db().agent.findUnique({ where: { workspaceId_name: { workspaceId: workspace.id, name: data.name } }, select });
  const agent = existing ?? (await db().agent.create({ data: { workspaceId: workspace.id, name: data.name, kind: data.kind }, select }));
  const token = generateToken();
  const row = await db().apiToken.create({
    data: { workspaceId: workspace.id, agentId: agent.id, prefix: tokenPrefix(token), tokenHash: hashToken(token) },
    select: { prefix: true },
  });
  return { token, prefix: row.prefix, agent: { name: agent.name, kind: agent.kind, created: !existing }, workspace: workspace.slug };
}

export async function operatorRevokeToken(prefix: string) {
  const { count } = await db().apiToken.updateMany({ where: { prefix, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw notFound(`No active token with the prefix "${prefix}".`);
}

export async function operatorSetWebhookSecret(input: { workspace: string; secret: string }) {
  const { secret } = parseInput(webhookSecretSchema, { secret: input.secret });
  const { count } = await db().workspace.updateMany({ where: { slug: input.workspace }, data: { webhookSecret: sealSecret(secret) } });
  if (count === 0) throw notFound(`No workspace with the slug "${input.workspace}".`);
}

/**
 * Encrypts webhook secrets stored before secrets were encrypted at rest. Run by `npm start` after
 * the migrations; idempotent. Returns how many it sealed.
 */
export async function sealStoredSecrets(): Promise<number> {
  const rows = await db().workspace.findMany({ where: { webhookSecret: { not: null } }, select: { id: true, webhookSecret: true } });
  const legacy = rows.filter((row) => row.webhookSecret !== null && !isSealed(row.webhookSecret));
  for (const row of legacy) {
    await db().workspace.updateMany({ where: { id: row.id, webhookSecret: row.webhookSecret }, data: { webhookSecret: sealSecret(row.webhookSecret as string) } });
  }
  return legacy.length;
}
