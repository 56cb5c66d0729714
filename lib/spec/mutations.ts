import "server-only";
import { db, type Tx } from "@/lib/core/db";
import { AppError, conflictOnUnique, notFound, parseInput } from "@/lib/core/errors";
import { recordEvent } from "@/lib/core/activity";
import { now } from "@/lib/core/clock";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { findTaskRow } from "@/lib/task/data";
import { lintSpec } from "./lint";
import { BUILT_IN_TEMPLATES } from "./templates";
import { createTemplateSchema, isRevisionNumber, restoreRevisionSchema, saveSpecSchema } from "./schema";
import type { SpecState } from "./types";

type TaskRow = Awaited<ReturnType<typeof findTaskRow>>;

/**
 * Writes a new revision of the spec. Every save is kept. The spec has its own concurrency token
 * (the revision number): a save based on an older revision is refused with 409 and the current
 * text, so two people editing at once never silently overwrite each other.
 */
async function staleSpec(tx: Tx, task: Pick<TaskRow, "id" | "spec" | "specRevision" | "specScore">): Promise<AppError> {
  const latest = await tx.specRevision.findUnique({
      where: { taskId_number: { taskId: task.id, number: task.specRevision } },
    select: { createdAt: true, author: { select: { name: true, email: true } } },
  });
  const current: SpecState = {
    markdown: task.spec,
    revision: task.specRevision,
    score: task.specScore,
    updatedBy: latest?.author ?? null,
    updatedAt: latest?.createdAt.toISOString() ?? null,
  };
  const who = current.updatedBy?.name ?? current.updatedBy?.email ?? "Someone";
  return new AppError("conflict", `${who} saved a newer version of this spec. Your text was not saved; compare the two and choose.`, undefined, { currentRevision: current.revision, current });
}

async function writeRevision(tx: Tx, scope: WorkspaceScope, task: TaskRow, markdown: string, baseRevision: number, options: { restoredFrom?: number; templateId?: string } = {}) {
  const { restoredFrom, templateId } = options;
  if (task.specRevision !== baseRevision) throw await staleSpec(tx, task);
  const { score } = lintSpec(markdown);
  const number = task.specRevision + 1;
  const at = now();
  // The WHERE on spec_revision makes the check and the write atomic under concurrency.
  const { count } = await tx.task.updateMany({
    where: { id: task.id, specRevision: baseRevision },
    data: { spec: markdown, specRevision: number, specScore: score, specAuthorId: scope.userId, ...(templateId && { specTemplateId: templateId }), updatedAt: at },
  });
  if (count === 0) {
    // Another save committed between our read and our write: answer exactly as for a stale base.
    const current = await tx.task.findUniqueOrThrow({ where: { id: task.id }, select: { id: true, spec: true, specRevision: true, specScore: true } });
    throw await staleSpec(tx, current);
  }
  const revision = await tx.specRevision.create({
    data: { workspaceId: scope.workspaceId, taskId: task.id, number, markdown, score, authorId: scope.userId, createdAt: at },
    select: { createdAt: true, author: { select: { name: true, email: true } } },
  });
  await recordEvent(tx, scope, task, restoredFrom ? "spec_restored" : "spec_saved", { revision: number, score, ...(restoredFrom && { restoredFrom }) });
  return { markdown, revision: number, score, updatedBy: revision.author, updatedAt: revision.createdAt.toISOString() } satisfies SpecState;
}

export async function saveSpec(scope: WorkspaceScope, key: string, input: unknown): Promise<SpecState> {
  assertCan(scope, "task.write");
  const data = parseInput(saveSpecSchema, input);
  return db().$transaction(async (tx) => {
    const task = await findTaskRow(scope, key, tx);
    // Saving identical text is a no-op, not a new revision.
    if (task.specRevision === data.baseRevision && task.spec === data.markdown) {
      const state = await tx.specRevision.findUnique({
        where: { taskId_number: { taskId: task.id, number: task.specRevision } },
        select: { createdAt: true, author: { select: { name: true, email: true } } },
      });
      return { markdown: task.spec, revision: task.specRevision, score: task.specScore, updatedBy: state?.author ?? null, updatedAt: state?.createdAt.toISOString() ?? null };
    }
    if (data.templateId) await assertTemplate(tx, scope, data.templateId);
    return writeRevision(tx, scope, task, data.markdown, data.baseRevision, { templateId: data.templateId });
  });
}

/** A template id is a built-in template's or one of this workspace's own. */
async function assertTemplate(tx: Tx, scope: WorkspaceScope, templateId: string) {
  if (BUILT_IN_TEMPLATES.some((t) => t.id === templateId)) return;
  const own = await tx.specTemplate.findFirst({ where: { id: templateId, workspaceId: scope.workspaceId }, select: { id: true } });
  if (!own) throw new AppError("invalid", "Some fields are not valid.", { templateId: ["Choose a template of this workspace."] });
}

/** Restoring makes the old text the newest revision; nothing is rewritten. */
export async function restoreRevision(scope: WorkspaceScope, key: string, number: number, input: unknown): Promise<SpecState> {
  assertCan(scope, "task.write");
  const data = parseInput(restoreRevisionSchema, input);
  return db().$transaction(async (tx) => {
    const task = await findTaskRow(scope, key, tx);
    const old = isRevisionNumber(number)
      ? await tx.specRevision.findFirst({ where: { workspaceId: scope.workspaceId, taskId: task.id, number }, select: { markdown: true } })
      : null;
    if (!old) throw notFound("Revision not found.");
    return writeRevision(tx, scope, task, old.markdown, data.baseRevision, { restoredFrom: number });
  });
}

const templateNameTaken = () => new AppError("conflict", "A template with this name exists.", { name: ["A template with this name exists in this workspace."] });

export async function createTemplate(scope: WorkspaceScope, input: unknown) {
  assertCan(scope, "template.write");
  const data = parseInput(createTemplateSchema, input);
  // Names are compared case-insensitively, built-in ones included, so the picker is unambiguous.
  const taken =
    BUILT_IN_TEMPLATES.some((t) => t.name.toLowerCase() === data.name.toLowerCase()) ||
    (await db().specTemplate.findFirst({ where: { workspaceId: scope.workspaceId, name: { equals: data.name, mode: "insensitive" } }, select: { id: true } }));
  if (taken) throw templateNameTaken();
  return conflictOnUnique(
    db().specTemplate.create({
      data: { workspaceId: scope.workspaceId, name: data.name, description: data.description, markdown: data.markdown, createdById: scope.userId },
      select: { id: true, name: true, description: true, markdown: true },
    }),
    templateNameTaken,
  );
}

export async function deleteTemplate(scope: WorkspaceScope, id: string) {
  assertCan(scope, "template.write");
  const { count } = await db().specTemplate.deleteMany({ where: { id, workspaceId: scope.workspaceId } });
  if (count === 0) throw notFound("Template not found.");
}
