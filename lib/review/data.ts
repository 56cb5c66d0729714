import "server-only";
import { submissionSelect, toSubmission } from "@/lib/agent/data";
import { db, type DbClient } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { assertCan, memberId, type WorkspaceScope } from "@/lib/core/scope";
import { successCriteria } from "@/lib/spec/criteria";
import { findTaskRow } from "@/lib/task/data";
import { interdiff, splitDiff } from "./diff-files";
import { median } from "./rules";
import type { QueueFilter } from "./schema";
import type { AttemptView, AttemptWithReview, CommentData, QueueItem, QueueView, ReviewSummary, SessionSummary } from "./types";

/** Someone counts as "reviewing this attempt right now" this long after their last heartbeat. */
export const PRESENCE_MS = 45_000;

const person = { select: { id: true, name: true, email: true } } as const;

export const commentSelect = {
  id: true,
  target: true,
  path: true,
  side: true,
  line: true,
  endLine: true,
  criterion: true,
  body: true,
  version: true,
  createdAt: true,
  author: person,
} as const;

type CommentRow = Omit<CommentData, "createdAt"> & { createdAt: Date };

export function toComment(row: CommentRow): CommentData {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

const commentOrder: { path?: "asc"; line?: "asc"; createdAt?: "asc" }[] = [{ path: "asc" }, { line: "asc" }, { createdAt: "asc" }];

const reviewSummarySelect = {
  select: {
    id: true,
    verdict: true,
    feedback: true,
    reason: true,
    createdAt: true,
    reviewer: person,
    comments: { orderBy: commentOrder, select: commentSelect },
    githubPost: true,
    githubReviewUrl: true,
    githubNote: true,
  },
} as const;

type ReviewRow = Omit<ReviewSummary, "createdAt" | "comments" | "github"> & {
  createdAt: Date;
  comments: CommentRow[];
  githubPost: "pending" | "posted" | "failed" | null;
  githubReviewUrl: string | null;
  githubNote: string | null;
};

function toReviewSummary(row: ReviewRow | null): ReviewSummary | null {
  if (!row) return null;
  const { githubPost, githubReviewUrl, githubNote, ...rest } = row;
  return {
    ...rest,
    createdAt: row.createdAt.toISOString(),
    comments: row.comments.map(toComment),
    github: githubPost ? { status: githubPost, url: githubReviewUrl, note: githubNote } : null,
  };
}

/** Tasks whose latest attempt waits for a verdict, with the filters of the queue. */
function awaitingWhere(scope: WorkspaceScope, filter: QueueFilter = {}) {
  return {
    workspaceId: scope.workspaceId,
    deletedAt: null,
    lane: "delegate" as const,
    status: "in_review" as const,
    ...(filter.board && { board: { key: filter.board.toUpperCase(), workspaceId: scope.workspaceId } }),
    ...(filter.agent && { agentId: filter.agent }),
    ...(filter.author && { specAuthorId: filter.author }),
  };
}

/**
 * The batch-review queue: every attempt awaiting a verdict, oldest first. Light rows only (no
 * diffs): the page loads one attempt at a time. One statement, whatever the queue's length.
 */
export async function listQueue(scope: WorkspaceScope, filter: QueueFilter = {}): Promise<QueueView> {
  assertCan(scope, "workspace.read");
  const userId = scope.userId ?? "";
  const [tasks, workspace] = await Promise.all([
    db().task.findMany({
      where: awaitingWhere(scope, filter),
      select: {
        number: true,
        title: true,
        loopCount: true,
        board: { select: { key: true } },
        specAuthor: person,
        submissions: {
          orderBy: { attempt: "desc" },
          take: 1,
          select: {
            id: true,
            attempt: true,
            createdAt: true,
            summary: true,
            checksStatus: true,
            filesChanged: true,
            additions: true,
            deletions: true,
            agent: { select: { id: true, name: true, kind: true } },
            review: { select: { id: true } },
            _count: { select: { fileViews: { where: { userId } } } },
          },
        },
      },
    }),
    db().workspace.findUniqueOrThrow({
      where: { id: scope.workspaceId },
      select: {
        loopLimit: true,
        boards: { orderBy: { name: "asc" }, select: { key: true, name: true } },
        agents: { orderBy: { name: "asc" }, select: { id: true, name: true } },
        memberships: { select: { user: person } },
      },
    }),
  ]);
  const items: QueueItem[] = [];
  for (const task of tasks) {
    const latest = task.submissions[0];
    if (!latest || latest.review) continue;
    items.push({
      submissionId: latest.id,
      attempt: latest.attempt,
      createdAt: latest.createdAt.toISOString(),
      headline: latest.summary.split("\n")[0]?.trim() ?? "",
      checks: latest.checksStatus,
      filesChanged: latest.filesChanged,
      additions: latest.additions,
      deletions: latest.deletions,
      viewedFiles: latest._count.fileViews,
      task: { key: `${task.board.key}-${task.number}`, title: task.title, boardKey: task.board.key, loopCount: task.loopCount },
      agent: latest.agent,
      specAuthor: task.specAuthor,
    });
  }
  items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.submissionId.localeCompare(b.submissionId));
  const authors = workspace.memberships.map((m) => m.user).sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
  return { items, loopLimit: workspace.loopLimit, boards: workspace.boards, agents: workspace.agents, authors };
}

/** How many attempts wait for a verdict: the number in the workspace navigation. */
export async function countQueue(scope: WorkspaceScope): Promise<number> {
  assertCan(scope, "workspace.read");
  const tasks = await db().task.findMany({
    where: awaitingWhere(scope),
    select: { submissions: { orderBy: { attempt: "desc" }, take: 1, select: { review: { select: { id: true } } } } },
  });
  return tasks.filter((t) => t.submissions[0] && !t.submissions[0].review).length;
}

/**
 * One attempt as the review page shows it: the attempt with its diff and file list, the task and
 * its spec's success criteria, the previous round (its feedback and the changes since), the
 * reviewer's drafts and Viewed marks, and who else has it open.
 */
export async function getAttempt(scope: WorkspaceScope, submissionId: string): Promise<AttemptView> {
  assertCan(scope, "workspace.read");
  const me = memberId(scope);
  const row = await db().submission.findFirst({
    where: { id: submissionId, workspaceId: scope.workspaceId, task: { deletedAt: null } },
    select: {
      ...submissionSelect,
      review: reviewSummarySelect,
      task: {
        select: {
          id: true,
          number: true,
          title: true,
          lane: true,
          status: true,
          version: true,
          loopCount: true,
          spec: true,
          specRevision: true,
          specScore: true,
          board: { select: { key: true } },
          owner: person,
          specAuthor: person,
          workspace: { select: { loopLimit: true } },
          _count: { select: { submissions: true } },
        },
      },
    },
  });
  if (!row) throw notFound("Attempt not found.");
  const { task, review, ...submission } = row;
  const [previous, drafts, viewed, others, members] = await Promise.all([
    submission.attempt > 1
      ? db().submission.findFirst({
          where: { workspaceId: scope.workspaceId, taskId: task.id, attempt: submission.attempt - 1 },
          select: { attempt: true, diff: true, review: reviewSummarySelect },
        })
      : null,
    db().reviewComment.findMany({
      where: { workspaceId: scope.workspaceId, submissionId, authorId: me, reviewId: null },
      orderBy: [{ createdAt: "asc" }],
      select: commentSelect,
    }),
    db().reviewFileView.findMany({ where: { workspaceId: scope.workspaceId, submissionId, userId: me }, select: { path: true } }),
    db().reviewSession.findMany({
      where: {
        workspaceId: scope.workspaceId,
        currentSubmissionId: submissionId,
        endedAt: null,
        lastActiveAt: { gt: new Date(Date.now() - PRESENCE_MS) },
        reviewerId: { not: me },
      },
      select: { reviewer: person },
    }),
    db().membership.findMany({ where: { workspaceId: scope.workspaceId }, select: { user: person } }),
  ]);
  const files = splitDiff(submission.diff).map(({ patch: _patch, ...file }) => file);
  const othersReviewing = [...new Map(others.map((o) => [o.reviewer.id, o.reviewer])).values()];
  return {
    submission: toSubmission(submission),
    files,
    task: {
      id: task.id,
      key: `${task.board.key}-${task.number}`,
      title: task.title,
      boardKey: task.board.key,
      lane: task.lane,
      status: task.status,
      version: task.version,
      loopCount: task.loopCount,
      loopLimit: task.workspace.loopLimit,
      attempts: task._count.submissions,
      owner: task.owner,
      specAuthor: task.specAuthor,
    },
    spec: { markdown: task.spec, revision: task.specRevision, score: task.specScore, criteria: successCriteria(task.spec) },
    previous: previous ? { attempt: previous.attempt, review: toReviewSummary(previous.review) } : null,
    changesSince: previous && previous.diff && submission.diff ? interdiff(previous.diff, submission.diff) : null,
    review: toReviewSummary(review),
    drafts: drafts.map(toComment),
    viewed: viewed.map((v) => v.path),
    othersReviewing,
    members: members.map((m) => m.user).sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email)),
  };
}

export async function sessionSummary(client: DbClient, sessionId: string): Promise<SessionSummary> {
  const session = await client.reviewSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { id: true, startedAt: true, endedAt: true, accepted: true, changesRequested: true, rejected: true, reviews: { select: { seconds: true } } },
  });
  const seconds = session.reviews.map((r) => r.seconds).filter((s): s is number => s !== null);
  return {
    id: session.id,
    startedAt: session.startedAt.toISOString(),
    endedAt: session.endedAt?.toISOString() ?? null,
    accepted: session.accepted,
    changesRequested: session.changesRequested,
    rejected: session.rejected,
    reviewed: session.accepted + session.changesRequested + session.rejected,
    medianSeconds: median(seconds),
  };
}

/**
 * Rejections for an unclear spec that the spec has not answered yet: each reviewer's note shows at
 * the top of the spec editor until someone saves a new revision.
 */
export async function listOpenSpecNotes(scope: WorkspaceScope, taskId: string, specRevision: number) {
  assertCan(scope, "workspace.read");
  const rows = await db().review.findMany({
    where: { workspaceId: scope.workspaceId, taskId, verdict: "reject", reason: "unclear_spec", specRevision: { gte: specRevision } },
    orderBy: { createdAt: "desc" },
    select: { id: true, feedback: true, createdAt: true, reviewer: person, submission: { select: { attempt: true } } },
  });
  return rows.map((r) => ({ id: r.id, note: r.feedback, attempt: r.submission.attempt, reviewer: r.reviewer, createdAt: r.createdAt.toISOString() }));
}

/** Rejections for an unclear spec per template the specs started from (built-in ids or own). */
export async function unclearSpecCountsByTemplate(scope: WorkspaceScope): Promise<Record<string, number>> {
  assertCan(scope, "workspace.read");
  const rows = await db().review.groupBy({
    by: ["specTemplateId"],
    where: { workspaceId: scope.workspaceId, verdict: "reject", reason: "unclear_spec", specTemplateId: { not: null } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.specTemplateId as string, r._count._all]));
}

/** Every attempt on a task with its verdict and the round's comments, for the task view. */
export async function listAttemptsWithReviews(scope: WorkspaceScope, key: string): Promise<AttemptWithReview[]> {
  assertCan(scope, "workspace.read");
  const task = await findTaskRow(scope, key);
  const rows = await db().submission.findMany({
    where: { workspaceId: scope.workspaceId, taskId: task.id },
    orderBy: { attempt: "asc" },
    select: { ...submissionSelect, review: reviewSummarySelect },
  });
  return rows.map(({ review, ...row }) => ({ ...toSubmission(row), review: toReviewSummary(review) }));
}

/** The open unclear-spec notes of a task, by key: shown at the top of its spec editor. */
export async function listSpecNotes(scope: WorkspaceScope, key: string) {
  assertCan(scope, "workspace.read");
  const task = await findTaskRow(scope, key);
  return listOpenSpecNotes(scope, task.id, task.specRevision);
}
