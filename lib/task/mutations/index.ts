import "server-only";
import { keyBetween } from "@/lib/board/ordering";
import { db, type Prisma, type Tx } from "@/lib/core/db";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { recordEvent } from "@/lib/core/activity";
import { now } from "@/lib/core/clock";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { findTaskRow, taskCardSelect, toTaskCard, toTaskDetail } from "../data";
import { lockCell } from "./cell";
import { fastMove } from "./move";
import { lintSpec } from "@/lib/spec/lint";
import { laneChangeRequirements, REASON_FIELD, type Placement, type Requirement } from "../lane-rules";
import { createTaskSchema, moveTaskSchema, triageSchema, updateTaskSchema, type Lane, type Reasons, type Status } from "../schema";
import { readTriage, RECOMMENDATION_LABEL, recommendLane } from "../triage";
import type { TaskCardData } from "../types";
import type { z } from "zod";

type MoveTaskData = z.output<typeof moveTaskSchema>;

// Every write: check the role, validate, then one transaction that changes the task, records a
// task event and announces the change (the announcement is delivered only if it commits).

type EventType = "created" | "updated" | "moved" | "deleted" | "restored" | "triaged" | "over_delegated" | "gate_overridden";

async function record(
  tx: Tx,
  scope: WorkspaceScope,
  task: { id: string; boardId: string; version: number },
  type: EventType,
  before: Prisma.InputJsonValue | null,
  after: Prisma.InputJsonValue | null,
) {
  await recordEvent(tx, scope, task, type, after, before);
}

export { lockCell } from "./cell";

/** Locks a task's row for the rest of the transaction: claims, submissions and verdicts on one task queue up. */
export async function lockTaskRow(tx: Tx, taskId: string) {
  await tx.$queryRaw`SELECT id FROM tasks WHERE id = ${taskId} FOR UPDATE`;
}

/**
 * A card going back to a place it had (a restore, an undone verdict): its old key, unless another
 * card took it meanwhile — then just after that card, so keys in a cell stay unique. Locks the cell.
 */
export async function returnPosition(tx: Tx, task: { id: string; boardId: string }, lane: Lane, status: Status, position: string): Promise<string> {
  await lockCell(tx, task.boardId, lane, status);
  const cell = { boardId: task.boardId, lane, status, deletedAt: null, id: { not: task.id } };
  if (!(await tx.task.findFirst({ where: { ...cell, position }, select: { id: true } }))) return position;
  const next = await tx.task.findFirst({ where: { ...cell, position: { gt: position } }, orderBy: { position: "asc" }, select: { position: true } });
  return keyBetween(position, next?.position ?? null);
}

export async function lastPosition(tx: Tx, boardId: string, lane: Lane, status: Status, excludeId?: string) {
  const last = await tx.task.findFirst({
    where: { boardId, lane, status, deletedAt: null, ...(excludeId && { id: { not: excludeId } }) },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  return last?.position ?? null;
}

export async function assertOwnerIsMember(tx: Tx, scope: WorkspaceScope, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const member = await tx.membership.findFirst({ where: { workspaceId: scope.workspaceId, userId: ownerId }, select: { id: true } });
  if (!member) throw new AppError("invalid", "Some fields are not valid.", { ownerId: ["The owner must be a member of this workspace."] });
}

type FollowUp = { type: EventType; after: Prisma.InputJsonValue };

/**
 * Applies the lane rules (over-delegation, readiness gate) to a placement. Missing reasons → 422
 * naming every reason needed at once, so the UI can ask in one dialog; given reasons become
 * events recorded with the write.
 */
async function enforceLaneRules(
  tx: Tx,
  scope: WorkspaceScope,
  task: { from: Placement | null; to: Placement; triage: unknown; spec: string; specScore: number | null },
  reasons: Reasons,
): Promise<FollowUp[]> {
  if (task.to.lane !== "delegate") return [];
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId }, select: { specThreshold: true } });
  const requirements = laneChangeRequirements({
    from: task.from,
    to: task.to,
    triage: readTriage(task.triage),
    // The score every spec save stores (a task without a spec scores 0), as the fast move reads it.
    specScore: task.specScore ?? 0,
    threshold: workspace.specThreshold,
  });
  const missing = requirements.filter((r) => !reasons[REASON_FIELD[r.kind]]);
  if (missing.length > 0) {
    throw new AppError("unprocessable", missing.map(describeRequirement).join(" "), undefined, {
      requirements: missing.map((r) => ({ ...r, field: REASON_FIELD[r.kind] })),
      findings: missing.some((r) => r.kind === "spec_gate") ? lintSpec(task.spec).findings.slice(0, 3) : [],
    });
  }
  return requirements.map((r) =>
    r.kind === "over_delegation"
      ? { type: "over_delegated", after: { reason: reasons.overDelegationReason ?? "", recommendation: r.recommendation } }
      : { type: "gate_overridden", after: { reason: reasons.gateOverrideReason ?? "", score: r.score, threshold: r.threshold } },
  );
}

function describeRequirement(requirement: Requirement): string {
  return requirement.kind === "over_delegation"
    ? `The triage does not recommend delegating this task (${RECOMMENDATION_LABEL[requirement.recommendation]}): give a reason to delegate it anyway.`
    : `Spec score ${requirement.score}/100 is below this workspace's threshold of ${requirement.threshold}: improve the spec or give a reason to override the gate.`;
}

async function recordFollowUps(tx: Tx, scope: WorkspaceScope, task: { id: string; boardId: string; version: number }, followUps: FollowUp[]) {
  for (const followUp of followUps) await record(tx, scope, task, followUp.type, null, followUp.after);
}

export async function createTask(scope: WorkspaceScope, input: unknown): Promise<TaskCardData> {
  assertCan(scope, "task.write");
  const data = parseInput(createTaskSchema, input);
  return db().$transaction(async (tx) => {
    const board = await tx.board
      .update({
        where: { workspaceId_key: { workspaceId: scope.workspaceId, key: data.boardKey.toUpperCase() } },
        data: { nextNumber: { increment: 1 } },
        select: { id: true, nextNumber: true },
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === "P2025") throw notFound("Board not found.");
        throw error;
      });
    await assertOwnerIsMember(tx, scope, data.ownerId);
    const followUps = await enforceLaneRules(tx, scope, { from: null, to: data, triage: null, spec: "", specScore: null }, data);
    await lockCell(tx, board.id, data.lane, data.status);
    const position = keyBetween(await lastPosition(tx, board.id, data.lane, data.status), null);
    const at = now();
    const task = await tx.task.create({
      data: {
        workspaceId: scope.workspaceId,
        boardId: board.id,
        number: board.nextNumber - 1,
        title: data.title,
        description: data.description,
        lane: data.lane,
        status: data.status,
        position,
        ownerId: data.ownerId,
        labels: data.labels,
        createdById: scope.userId,
        createdAt: at,
        updatedAt: at,
      },
      select: { ...taskCardSelect, boardId: true },
    });
    await record(tx, scope, task, "created", null, { title: task.title, lane: task.lane, status: task.status });
    await recordFollowUps(tx, scope, task, followUps);
    return toTaskCard(task);
  });
}

const EDITABLE = ["title", "description", "lane", "status", "ownerId", "labels"] as const;

export async function updateTask(scope: WorkspaceScope, key: string, input: unknown): Promise<TaskCardData> {
  assertCan(scope, "task.write");
  const data = parseInput(updateTaskSchema, input);
  return db().$transaction(async (tx) => {
    const current = await findTaskRow(scope, key, tx);
    if (current.version !== data.version) throw staleVersion(current);
    await assertOwnerIsMember(tx, scope, data.ownerId);

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const currentValues: Record<(typeof EDITABLE)[number], unknown> = { ...current, ownerId: current.owner?.id ?? null };
    for (const field of EDITABLE) {
      const next = data[field];
      if (next === undefined || JSON.stringify(next) === JSON.stringify(currentValues[field])) continue;
      before[field] = currentValues[field];
      after[field] = next;
    }
    if (Object.keys(after).length === 0) return toTaskCard(current);

    const lane = data.lane ?? current.lane;
    const status = data.status ?? current.status;
    const followUps = await enforceLaneRules(tx, scope, { from: current, to: { lane, status }, triage: current.triage, spec: current.spec, specScore: current.specScore }, data);
    let position = current.position;
    if (lane !== current.lane || status !== current.status) {
      await lockCell(tx, current.boardId, lane, status);
      position = keyBetween(await lastPosition(tx, current.boardId, lane, status, current.id), null);
    }
    // The version in the WHERE makes the check and the write one atomic step.
    const { count } = await tx.task.updateMany({
      where: { id: current.id, version: data.version },
      data: { ...after, position, updatedAt: now(), version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion(await findTaskRow(scope, key, tx));
    const updated = await tx.task.findUniqueOrThrow({ where: { id: current.id }, select: { ...taskCardSelect, boardId: true } });
    await record(tx, scope, updated, "updated", before as Prisma.InputJsonValue, after as Prisma.InputJsonValue);
    await recordFollowUps(tx, scope, updated, followUps);
    return toTaskCard(updated);
  });
}

function staleVersion(current: Parameters<typeof toTaskDetail>[0]): AppError {
  return new AppError(
    "conflict",
    "Someone else changed this task after you opened it. Your edit was not saved; review their version and apply your change again.",
    undefined,
    // `currentVersion` is what every stale write's 409 carries (docs/api.md); `current` is the whole task.
    { currentVersion: current.version, current: toTaskDetail(current) },
  );
}

export async function moveTask(scope: WorkspaceScope, key: string, input: unknown): Promise<TaskCardData> {
  assertCan(scope, "task.write");
  const data = parseInput(moveTaskSchema, input);
  return (await fastMove(scope, key, data)) ?? moveTaskLocked(scope, key, data);
}

/** The move under the cell's lock, for what the fast path leaves to it: lane rules with reasons, a card dropped after itself, races lost six times. */
async function moveTaskLocked(scope: WorkspaceScope, key: string, data: MoveTaskData): Promise<TaskCardData> {
  return db().$transaction(async (tx) => {
    const current = await findTaskRow(scope, key, tx);
    if (data.afterId === current.id) return toTaskCard(current);
    const followUps = await enforceLaneRules(tx, scope, { from: current, to: data, triage: current.triage, spec: current.spec, specScore: current.specScore }, data);
    await lockCell(tx, current.boardId, data.lane, data.status);

    const cell = { boardId: current.boardId, lane: data.lane, status: data.status, deletedAt: null, id: { not: current.id } };
    const anchor = data.afterId ? await tx.task.findFirst({ where: { ...cell, id: data.afterId }, select: { position: true } }) : null;
    let position: string;
    if (data.afterId && !anchor) {
      // The card it was dropped after has left the cell meanwhile: keep the move, place it last.
      position = keyBetween(await lastPosition(tx, current.boardId, data.lane, data.status, current.id), null);
    } else {
      const before = anchor?.position ?? null;
      const next = await tx.task.findFirst({
        where: { ...cell, ...(before !== null && { position: { gt: before } }) },
        orderBy: { position: "asc" },
        select: { position: true },
      });
      position = keyBetween(before, next?.position ?? null);
    }

    const updated = await tx.task.update({
      where: { id: current.id },
      data: { lane: data.lane, status: data.status, position, updatedAt: now(), version: { increment: 1 } },
      select: { ...taskCardSelect, boardId: true },
    });
    await record(
      tx,
      scope,
      updated,
      "moved",
      { lane: current.lane, status: current.status, position: current.position },
      { lane: updated.lane, status: updated.status, position: updated.position },
    );
    await recordFollowUps(tx, scope, updated, followUps);
    return toTaskCard(updated);
  });
}

export async function deleteTask(scope: WorkspaceScope, key: string): Promise<TaskCardData> {
  assertCan(scope, "task.write");
  return db().$transaction(async (tx) => {
    const current = await findTaskRow(scope, key, tx);
    // Soft delete, so that "Undo" can bring the card back with its history.
    const updated = await tx.task.update({
      where: { id: current.id },
      data: { deletedAt: new Date(), version: { increment: 1 } },
      select: { ...taskCardSelect, boardId: true },
    });
    await record(tx, scope, updated, "deleted", { title: current.title }, null);
    return toTaskCard(updated);
  });
}

export async function restoreTask(scope: WorkspaceScope, key: string): Promise<TaskCardData> {
  assertCan(scope, "task.write");
  return db().$transaction(async (tx) => {
    const current = await findTaskRow(scope, key, tx, { includeDeleted: true });
    if (!current.deletedAt) return toTaskCard(current);
    // Cards created in the cell meanwhile may have taken this card's old key.
    const position = await returnPosition(tx, current, current.lane, current.status, current.position);
    const updated = await tx.task.update({
      where: { id: current.id },
      data: { deletedAt: null, position, version: { increment: 1 } },
      select: { ...taskCardSelect, boardId: true },
    });
    await record(tx, scope, updated, "restored", null, { title: updated.title });
    return toTaskCard(updated);
  });
}

/**
 * Stores the triage answers. They are a separate concern from the task's fields, so they do not
 * bump its version (an open edit dialog stays valid); the change is an event like any other.
 */
export async function setTriage(scope: WorkspaceScope, key: string, input: unknown): Promise<TaskCardData> {
  assertCan(scope, "task.write");
  const data = parseInput(triageSchema, input);
  return db().$transaction(async (tx) => {
    const current = await findTaskRow(scope, key, tx);
    const answers = readTriage(data.answers) ?? {};
    const updated = await tx.task.update({
      where: { id: current.id },
      data: { triage: answers, updatedAt: now() },
      select: { ...taskCardSelect, boardId: true },
    });
    await record(tx, scope, updated, "triaged", { recommendation: recommendLane(readTriage(current.triage)) }, {
      recommendation: recommendLane(answers),
      answers,
    });
    return toTaskCard(updated);
  });
}
