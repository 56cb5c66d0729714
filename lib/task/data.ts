import "server-only";
import { db, type Tx } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { parseTaskKey } from "./schema";
import { readTriage, recommendLane } from "./triage";
import type { TaskCardData, TaskDetail, TaskEventData, TaskPerson } from "./types";

export const taskCardSelect = {
  id: true,
  number: true,
  title: true,
  lane: true,
  status: true,
  position: true,
  labels: true,
  version: true,
  triage: true,
  specScore: true,
  loopCount: true,
  assignedAt: true,
  claimedAt: true,
  submittedAt: true,
  reviewedAt: true,
  agent: { select: { id: true, name: true, kind: true } },
  _count: { select: { submissions: true } },
  board: { select: { key: true } },
  owner: { select: { id: true, name: true, email: true } },
  // The session not finished on a Leverage-lane task (at most one, by a unique index).
  sessions: { where: { state: { not: "finished" as const } }, select: { id: true, state: true, phase: true, user: { select: { id: true, name: true, email: true } } }, take: 1 },
} as const;

export type TaskRow = {
  id: string;
  number: number;
  title: string;
  lane: TaskCardData["lane"];
  status: TaskCardData["status"];
  position: string;
  labels: string[];
  version: number;
  triage: unknown;
  specScore: number | null;
  loopCount: number;
  assignedAt: Date | null;
  claimedAt: Date | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  agent: TaskCardData["agent"];
  _count: { submissions: number };
  board: { key: string };
  owner: TaskCardData["owner"];
  sessions: { id: string; state: "active" | "paused" | "finished"; phase: NonNullable<TaskCardData["session"]>["phase"]; user: TaskPerson }[];
};

export function toTaskCard(row: TaskRow): TaskCardData {
  return {
    id: row.id,
    key: `${row.board.key}-${row.number}`,
    number: row.number,
    title: row.title,
    lane: row.lane,
    status: row.status,
    position: row.position,
    labels: row.labels,
    version: row.version,
    recommendation: recommendLane(readTriage(row.triage)),
    triaged: row.triage !== null,
    agent: row.agent,
    attempts: row._count.submissions,
    loopCount: row.loopCount,
    lifecycle: lifecycle(row),
    specScore: row.specScore,
    owner: row.owner,
    session: sessionOf(row.sessions[0]),
  };
}

function sessionOf(row: TaskRow["sessions"][number] | undefined): TaskCardData["session"] {
  if (!row || row.state === "finished") return null;
  return { id: row.id, state: row.state, phase: row.phase, person: row.user };
}

/** Where an agent's work stands: the latest of assigned → working → submitted → reviewed. */
function lifecycle(row: Pick<TaskRow, "agent" | "assignedAt" | "claimedAt" | "submittedAt" | "reviewedAt">): TaskCardData["lifecycle"] {
  if (!row.agent) return null;
  const stages = [
    ["reviewed", row.reviewedAt],
    ["submitted", row.submittedAt],
    ["working", row.claimedAt],
    ["assigned", row.assignedAt],
  ] as const;
  const latest = stages.filter(([, at]) => at !== null).sort((a, b) => (b[1] as Date).getTime() - (a[1] as Date).getTime())[0];
  return latest ? { stage: latest[0], at: (latest[1] as Date).toISOString() } : { stage: "assigned", at: null };
}

/** Where-clause for a task key inside the scope's workspace; a malformed key is simply not found. */
export function taskKeyWhere(scope: WorkspaceScope, key: string, options: { includeDeleted?: boolean } = {}) {
  const parsed = parseTaskKey(key);
  if (!parsed) throw notFound("Task not found.");
  return {
    workspaceId: scope.workspaceId,
    number: parsed.number,
    board: { key: parsed.boardKey, workspaceId: scope.workspaceId },
    ...(options.includeDeleted ? {} : { deletedAt: null }),
  };
}

export const taskDetailSelect = { ...taskCardSelect, description: true } as const;

export function toTaskDetail(row: TaskRow & { description: string }): TaskDetail {
  return { ...toTaskCard(row), description: row.description, triage: readTriage(row.triage) };
}

export async function findTaskRow(scope: WorkspaceScope, key: string, client: Tx | ReturnType<typeof db> = db(), options: { includeDeleted?: boolean } = {}) {
  const row = await client.task.findFirst({
    where: taskKeyWhere(scope, key, options),
    select: { ...taskDetailSelect, boardId: true, workspaceId: true, deletedAt: true, spec: true, specRevision: true },
  });
  if (!row) throw notFound("Task not found.");
  return row;
}

export async function getTask(scope: WorkspaceScope, key: string): Promise<TaskDetail> {
  assertCan(scope, "workspace.read");
  return toTaskDetail(await findTaskRow(scope, key));
}

export async function listTaskEvents(scope: WorkspaceScope, key: string, limit = 50): Promise<TaskEventData[]> {
  assertCan(scope, "workspace.read");
  const task = await findTaskRow(scope, key);
  const events = await db().taskEvent.findMany({
    where: { workspaceId: scope.workspaceId, taskId: task.id },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, type: true, before: true, after: true, createdAt: true, actor: { select: { id: true, name: true, email: true } } },
  });
  return events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }));
}
