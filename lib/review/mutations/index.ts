import "server-only";
import { recordEvent } from "@/lib/core/activity";
import { now } from "@/lib/core/clock";
import { db, type DbClient } from "@/lib/core/db";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { assertCan, memberId, type WorkspaceScope } from "@/lib/core/scope";
import { taskCardSelect, toTaskCard } from "@/lib/task/data";
import { lockTaskRow, returnPosition } from "@/lib/task/mutations";
import { commentSelect, sessionSummary, toComment } from "../data";
import { splitDiff } from "../diff-files";
import { CHECKLIST_IDS } from "../rules";
import { bulkAcceptSchema, createCommentSchema, fileViewedSchema, sessionUpdateSchema, updateCommentSchema } from "../schema";
import type { CommentData, SessionSummary } from "../types";
import { assertPerson, giveVerdict, sessionCounter, sessionOver, type TaskSnapshot } from "./verdict";

// Undoing verdicts, bulk accepts, draft comments, Viewed marks and review sessions. The verdict
// itself is ./verdict.ts: the review row, the task's move and loop count, the publication of the
// reviewer's draft comments, the session's counts and the event commit together or not at all.

export { giveVerdict };

/** How long after a verdict its reviewer may still undo it. The page offers it for 10 seconds. */
export const UNDO_WINDOW_MS = 60_000;
/** A session idle this long is over; opening the queue then starts a new one. */
export const SESSION_IDLE_MS = 30 * 60_000;

async function findSubmission(tx: DbClient, scope: WorkspaceScope, submissionId: string) {
  const submission = await tx.submission.findFirst({
    where: { id: submissionId, workspaceId: scope.workspaceId, task: { deletedAt: null } },
    select: { id: true, taskId: true, attempt: true, diff: true, checksStatus: true, agentId: true, createdAt: true },
  });
  if (!submission) throw notFound("Attempt not found.");
  return submission;
}

async function openSession(tx: DbClient, scope: WorkspaceScope, reviewerId: string, id: string) {
  const session = await tx.reviewSession.findFirst({
    where: { id, workspaceId: scope.workspaceId, reviewerId, endedAt: null },
    select: { id: true, startedAt: true },
  });
  if (!session) throw sessionOver();
  return session;
}

/**
 * Undoes a verdict within UNDO_WINDOW_MS, if nothing touched the task since: the task gets back
 * exactly what it had (lane, status, place, loop count, agent, owner, version), the published
 * comments become drafts again and the session forgets the review.
 */
export async function undoVerdict(scope: WorkspaceScope, reviewId: string): Promise<{ task: ReturnType<typeof toTaskCard> }> {
  assertPerson(scope);
  const reviewerId = memberId(scope);
  return db().$transaction(async (tx) => {
    const review = await tx.review.findFirst({
      where: { id: reviewId, workspaceId: scope.workspaceId },
      select: { id: true, taskId: true, reviewerId: true, sessionId: true, verdict: true, before: true, taskVersion: true, createdAt: true, submission: { select: { attempt: true } } },
    });
    if (!review) throw notFound("Review not found.");
    if (review.reviewerId !== reviewerId) throw new AppError("forbidden", "Only the reviewer who gave a verdict can undo it.");
    if (now().getTime() - review.createdAt.getTime() > UNDO_WINDOW_MS) throw new AppError("conflict", "It is too late to undo this verdict.");
    await lockTaskRow(tx, review.taskId);
    const task = await tx.task.findUniqueOrThrow({ where: { id: review.taskId }, select: { id: true, boardId: true, version: true } });
    if (task.version !== review.taskVersion) {
      throw new AppError("conflict", "The task changed after your verdict (the agent may have picked it up already), so it cannot be undone.");
    }
    const before = review.before as unknown as TaskSnapshot;
    // Like restoring a deleted card: its old place, or just after whoever took it meanwhile.
    const position = await returnPosition(tx, task, before.lane, before.status, before.position);
    const restored = await tx.task.update({
      where: { id: task.id },
      data: {
        lane: before.lane,
        status: before.status,
        position,
        loopCount: before.loopCount,
        agentId: before.agentId,
        ownerId: before.ownerId,
        version: before.version,
        reviewedAt: before.reviewedAt ? new Date(before.reviewedAt) : null,
        claimedAt: before.claimedAt ? new Date(before.claimedAt) : null,
      },
      select: { ...taskCardSelect, boardId: true },
    });
    await tx.reviewComment.updateMany({ where: { reviewId: review.id }, data: { reviewId: null } });
    await tx.review.delete({ where: { id: review.id } });
    if (review.sessionId) await tx.reviewSession.update({ where: { id: review.sessionId }, data: { [sessionCounter(review.verdict)]: { decrement: 1 } } });
    await recordEvent(tx, scope, restored, "review_undone", { attempt: review.submission.attempt, verdict: review.verdict });
    return { task: toTaskCard(restored) };
  });
}

export interface BulkResult {
  submissionId: string;
  ok: boolean;
  key?: string;
  message?: string;
}

/**
 * Accepts several attempts with one confirmation of the checklist. Each attempt is its own verdict
 * (and transaction): one already reviewed by someone else does not hold up the rest. Only attempts
 * whose checks passed and whose every file this reviewer marked viewed qualify.
 */
export async function bulkAccept(scope: WorkspaceScope, input: unknown): Promise<BulkResult[]> {
  assertPerson(scope);
  const data = parseInput(bulkAcceptSchema, input);
  const reviewerId = memberId(scope);
  const missing = CHECKLIST_IDS.filter((item) => !data.checklist.includes(item));
  if (missing.length > 0) {
    throw new AppError("invalid", "Some fields are not valid.", { checklist: ["Confirm the whole ownership checklist for the batch."] });
  }
  await assertAttemptsOfWorkspace(scope, data.submissionIds, "submissionIds");
  // Checked once for the batch: a session that is over or not the reviewer's is the request's mistake, not one attempt's.
  if (data.sessionId) await openSession(db(), scope, reviewerId, data.sessionId);
  const results: BulkResult[] = [];
  for (const submissionId of [...new Set(data.submissionIds)]) {
    try {
      const submission = await findSubmission(db(), scope, submissionId);
      if (submission.checksStatus !== "passed") throw new AppError("conflict", "Its checks did not pass: review it on its own.");
      const files = splitDiff(submission.diff).map((f) => f.path);
      const viewed = await db().reviewFileView.count({ where: { workspaceId: scope.workspaceId, submissionId, userId: reviewerId, path: { in: files } } });
      if (files.length === 0 || viewed < files.length) throw new AppError("conflict", "Mark every file viewed before accepting it in a batch.");
      const { task } = await giveVerdict(scope, submissionId, { verdict: "accept", checklist: data.checklist, sessionId: data.sessionId });
      results.push({ submissionId, ok: true, key: task.key });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ submissionId, ok: false, message: error.fields ? Object.values(error.fields).flat().join(" ") || error.message : error.message });
    }
  }
  return results;
}

/**
 * Refuses ids that are no attempt of this workspace (400 naming each, e.g. `submissionIds.2`): such
 * an id is a client's mistake or a forgery, not a race. An attempt whose task was deleted meanwhile
 * still counts as one, so that a bulk accept reports it with the others instead of failing whole.
 */
async function assertAttemptsOfWorkspace(scope: WorkspaceScope, ids: string[], field: string, indexed = true) {
  const found = await db().submission.findMany({ where: { id: { in: ids }, workspaceId: scope.workspaceId }, select: { id: true } });
  const known = new Set(found.map((s) => s.id));
  const fields: Record<string, string[]> = {};
  ids.forEach((id, i) => {
    if (!known.has(id)) fields[indexed ? `${field}.${i}` : field] = ["No attempt with this id in this workspace."];
  });
  if (Object.keys(fields).length > 0) throw new AppError("invalid", "Some fields are not valid.", fields);
}

// --- Draft comments ------------------------------------------------------------------------------

/** Adds a draft comment on a line of the attempt's diff or on a success criterion of its spec. */
export async function createComment(scope: WorkspaceScope, submissionId: string, input: unknown): Promise<CommentData> {
  assertCan(scope, "review.write");
  const data = parseInput(createCommentSchema, input);
  const authorId = memberId(scope);
  const submission = await db().submission.findFirst({
    where: { id: submissionId, workspaceId: scope.workspaceId, task: { deletedAt: null } },
    select: { id: true, taskId: true, diff: true, review: { select: { id: true } } },
  });
  if (!submission) throw notFound("Attempt not found.");
  if (submission.review) throw new AppError("conflict", "This attempt has its verdict: comments go on the next attempt.");
  if (data.target === "diff" && !splitDiff(submission.diff).some((file) => file.path === data.path || file.oldPath === data.path)) {
    throw new AppError("invalid", "Some fields are not valid.", { path: ["This file is not part of the attempt's diff."] });
  }
  const row = await db().reviewComment.create({
    data: {
      workspaceId: scope.workspaceId,
      taskId: submission.taskId,
      submissionId,
      authorId,
      target: data.target,
      body: data.body,
      ...(data.target === "diff" ? { path: data.path, side: data.side, line: data.line, endLine: data.endLine ?? null } : { criterion: data.criterion }),
      createdAt: now(),
    },
    select: commentSelect,
  });
  return toComment(row);
}

async function ownDraft(scope: WorkspaceScope, commentId: string) {
  const authorId = memberId(scope);
  const comment = await db().reviewComment.findFirst({ where: { id: commentId, workspaceId: scope.workspaceId, authorId }, select: { id: true, reviewId: true, version: true } });
  if (!comment) throw notFound("Comment not found.");
  if (comment.reviewId) throw new AppError("conflict", "This comment was published with a verdict and can no longer change.");
  return comment;
}

/** Edits a draft; `version` guards against a save from another tab or device overwriting it. */
export async function updateComment(scope: WorkspaceScope, commentId: string, input: unknown): Promise<CommentData> {
  assertCan(scope, "review.write");
  const data = parseInput(updateCommentSchema, input);
  const comment = await ownDraft(scope, commentId);
  // The version in the WHERE makes the check and the write one atomic step: of two saves on one
  // version, the second waits for the first's row lock, then matches nothing.
  const { count } = await db().reviewComment.updateMany({
    where: { id: comment.id, version: data.version, reviewId: null },
    data: { body: data.body, version: { increment: 1 } },
  });
  const row = await db().reviewComment.findFirst({ where: { id: comment.id, workspaceId: scope.workspaceId }, select: { ...commentSelect, reviewId: true } });
  // Discarded or published in the meantime (another tab): say so, as for any other request.
  if (!row) throw notFound("Comment not found.");
  const { reviewId, ...current } = row;
  if (count === 0 && reviewId) throw new AppError("conflict", "This comment was published with a verdict and can no longer change.");
  if (count === 0) {
    throw new AppError("conflict", "This draft changed in another tab or device. Your edit was not saved.", undefined, {
      currentVersion: current.version,
      current: toComment(current),
    });
  }
  return toComment(current);
}

export async function deleteComment(scope: WorkspaceScope, commentId: string): Promise<void> {
  assertCan(scope, "review.write");
  const comment = await ownDraft(scope, commentId);
  await db().reviewComment.deleteMany({ where: { id: comment.id, reviewId: null } });
}

/** Marks one file of an attempt viewed (or not) for the current reviewer. */
export async function setFileViewed(scope: WorkspaceScope, submissionId: string, input: unknown): Promise<{ viewed: string[] }> {
  assertCan(scope, "review.write");
  const data = parseInput(fileViewedSchema, input);
  const userId = memberId(scope);
  const submission = await db().submission.findFirst({ where: { id: submissionId, workspaceId: scope.workspaceId }, select: { id: true, diff: true } });
  if (!submission) throw notFound("Attempt not found.");
  if (!splitDiff(submission.diff).some((file) => file.path === data.path)) {
    throw new AppError("invalid", "Some fields are not valid.", { path: ["This file is not part of the attempt's diff."] });
  }
  if (data.viewed) {
    await db().reviewFileView.createMany({ data: [{ workspaceId: scope.workspaceId, submissionId, userId, path: data.path }], skipDuplicates: true });
  } else {
    await db().reviewFileView.deleteMany({ where: { workspaceId: scope.workspaceId, submissionId, userId, path: data.path } });
  }
  const rows = await db().reviewFileView.findMany({ where: { workspaceId: scope.workspaceId, submissionId, userId }, select: { path: true }, orderBy: { createdAt: "asc" } });
  return { viewed: rows.map((r) => r.path) };
}

// --- Review sessions -----------------------------------------------------------------------------

/** Opening the queue starts a session, or resumes the reviewer's own if it was active lately. */
export async function startSession(scope: WorkspaceScope): Promise<SessionSummary> {
  assertCan(scope, "review.write");
  const reviewerId = memberId(scope);
  return db().$transaction(async (tx) => {
    // One open session per reviewer and workspace: serialise two tabs opening the queue at once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`review-session:${scope.workspaceId}:${reviewerId}`}))`;
    const open = await tx.reviewSession.findMany({ where: { workspaceId: scope.workspaceId, reviewerId, endedAt: null }, orderBy: { lastActiveAt: "desc" }, select: { id: true, lastActiveAt: true } });
    const at = now();
    const resumable = open.find((s) => at.getTime() - s.lastActiveAt.getTime() < SESSION_IDLE_MS);
    const stale = open.filter((s) => s !== resumable);
    for (const s of stale) await tx.reviewSession.update({ where: { id: s.id }, data: { endedAt: s.lastActiveAt, currentSubmissionId: null } });
    const session = resumable
      ? await tx.reviewSession.update({ where: { id: resumable.id }, data: { lastActiveAt: at }, select: { id: true } })
      : await tx.reviewSession.create({ data: { workspaceId: scope.workspaceId, reviewerId, startedAt: at, lastActiveAt: at }, select: { id: true } });
    return sessionSummary(tx, session.id);
  });
}

/** A heartbeat (which attempt is open) or the end of the session; answers with its summary. */
export async function updateSession(scope: WorkspaceScope, sessionId: string, input: unknown): Promise<SessionSummary> {
  assertCan(scope, "review.write");
  const data = parseInput(sessionUpdateSchema, input);
  // The open attempt is shown to other reviewers: only an attempt of this workspace may be named.
  if (data.submissionId) await assertAttemptsOfWorkspace(scope, [data.submissionId], "submissionId", false);
  const reviewerId = memberId(scope);
  const at = now();
  const { count } = await db().reviewSession.updateMany({
    where: { id: sessionId, workspaceId: scope.workspaceId, reviewerId, endedAt: null },
    data: {
      lastActiveAt: at,
      ...(data.submissionId !== undefined && { currentSubmissionId: data.submissionId }),
      ...(data.end && { endedAt: at, currentSubmissionId: null }),
    },
  });
  if (count === 0) {
    const mine = await db().reviewSession.findFirst({ where: { id: sessionId, workspaceId: scope.workspaceId, reviewerId }, select: { id: true } });
    if (!mine) throw notFound("Review session not found.");
    // Ended already: answer with its summary, so a second "End" is harmless.
  }
  return sessionSummary(db(), sessionId);
}
