import "server-only";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { findTaskRow } from "@/lib/task/data";
import { isRevisionNumber } from "./schema";
import { BUILT_IN_TEMPLATES } from "./templates";
import type { RevisionSummary, SpecState, TemplateSummary } from "./types";

const author = { select: { name: true, email: true } } as const;

export async function getSpec(scope: WorkspaceScope, key: string): Promise<SpecState> {
  assertCan(scope, "workspace.read");
  const task = await findTaskRow(scope, key);
  const latest = task.specRevision
    ? await db().specRevision.findUnique({
        where: { taskId_number: { taskId: task.id, number: task.specRevision } },
        select: { createdAt: true, author },
      })
    : null;
  return {
    markdown: task.spec,
    revision: task.specRevision,
    score: task.specScore,
    updatedBy: latest?.author ?? null,
    updatedAt: latest?.createdAt.toISOString() ?? null,
  };
}

export async function listRevisions(scope: WorkspaceScope, key: string): Promise<RevisionSummary[]> {
  assertCan(scope, "workspace.read");
  const task = await findTaskRow(scope, key);
  const rows = await db().specRevision.findMany({
    where: { workspaceId: scope.workspaceId, taskId: task.id },
    orderBy: { number: "desc" },
    take: 200,
    select: { number: true, score: true, createdAt: true, author },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function getRevision(scope: WorkspaceScope, key: string, number: number) {
  assertCan(scope, "workspace.read");
  const task = await findTaskRow(scope, key);
  const row = isRevisionNumber(number)
    ? await db().specRevision.findFirst({
        where: { workspaceId: scope.workspaceId, taskId: task.id, number },
        select: { number: true, markdown: true, score: true, createdAt: true, author },
      })
    : null;
  if (!row) throw notFound("Revision not found.");
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** Built-in templates first, then the workspace's own. */
export async function listTemplates(scope: WorkspaceScope): Promise<TemplateSummary[]> {
  assertCan(scope, "workspace.read");
  const own = await db().specTemplate.findMany({
    where: { workspaceId: scope.workspaceId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, markdown: true },
  });
  return [...BUILT_IN_TEMPLATES.map((t) => ({ ...t, builtIn: true })), ...own.map((t) => ({ ...t, builtIn: false }))];
}
