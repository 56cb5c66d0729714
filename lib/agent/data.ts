import "server-only";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { lintSpec } from "@/lib/spec/lint";
import { parseSections } from "@/lib/spec/sections";
import { taskKeyWhere } from "@/lib/task/data";
import type { Status } from "@/lib/task/schema";
import type { AgentSummary, AgentTask, AgentTaskSummary, ReviewData, SubmissionData, TokenSummary } from "./types";

/** Token lookup for the token gate (lib/agent/gate.ts): by prefix, before any scope exists. */
export async function findTokenByPrefix(prefix: string) {
  return db().apiToken.findUnique({
    where: { prefix },
    select: {
      id: true,
      tokenHash: true,
      scopes: true,
      revokedAt: true,
      lastUsedAt: true,
      agent: { select: { id: true, name: true } },
      workspace: { select: { id: true, slug: true, name: true } },
    },
  });
}

export async function listAgents(scope: WorkspaceScope): Promise<AgentSummary[]> {
  assertCan(scope, "workspace.read");
  const agents = await db().agent.findMany({
    where: { workspaceId: scope.workspaceId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      kind: true,
      mention: true,
      createdAt: true,
      _count: { select: { tasks: { where: { deletedAt: null } } } },
      tokens: {
        orderBy: { createdAt: "desc" },
        select: { id: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, scopes: true },
      },
    },
  });
  return agents.map((a) => ({
    id: a.id,
    name: a.name,
    kind: a.kind,
    mention: a.mention,
    createdAt: a.createdAt.toISOString(),
    taskCount: a._count.tasks,
    tokens: a.tokens.map(toTokenSummary),
  }));
}

function toTokenSummary(t: { id: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; scopes: string[] }): TokenSummary {
  return {
    id: t.id,
    prefix: t.prefix,
    readOnly: !t.scopes.includes("write"),
    metrics: t.scopes.includes("metrics:read"),
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

const agentTaskSelect = {
  id: true,
  number: true,
  title: true,
  lane: true,
  status: true,
  loopCount: true,
  specScore: true,
  updatedAt: true,
  assignedAt: true,
  claimedAt: true,
  submittedAt: true,
  reviewedAt: true,
  board: { select: { key: true } },
} as const;

/** Tasks assigned to the calling agent. */
export async function listAssignedTasks(scope: WorkspaceScope, status?: Status): Promise<AgentTaskSummary[]> {
  assertCan(scope, "agent.read");
  if (!scope.agentId) return [];
  const tasks = await db().task.findMany({
    where: { workspaceId: scope.workspaceId, agentId: scope.agentId, deletedAt: null, ...(status && { status }) },
    orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
    select: agentTaskSelect,
  });
  return tasks.map((t) => ({
    key: `${t.board.key}-${t.number}`,
    title: t.title,
    status: t.status,
    specScore: t.specScore,
    loopCount: t.loopCount,
    updatedAt: t.updatedAt.toISOString(),
  }));
}

/**
 * A task as its agent sees it. An agent sees only the tasks assigned to it: anything else in the
 * workspace is "not found", like another workspace's tasks.
 */
export async function getAgentTask(scope: WorkspaceScope, key: string): Promise<AgentTask> {
  assertCan(scope, "agent.read");
  const task = await db().task.findFirst({
    where: { ...taskKeyWhere(scope, key), ...(scope.agentId && { agentId: scope.agentId }) },
    select: {
      ...agentTaskSelect,
      description: true,
      spec: true,
      specRevision: true,
      workspace: { select: { loopLimit: true } },
      agent: { select: { id: true, name: true } },
      reviews: { orderBy: { createdAt: "desc" }, take: 1, select: { verdict: true, feedback: true, createdAt: true } },
      _count: { select: { submissions: true } },
    },
  });
  if (!task) throw notFound("Task not found.");
  const parsed = parseSections(task.spec);
  const sections = Object.fromEntries(Object.entries(parsed.sections).map(([id, section]) => [id, section ? section.body.trim() : null]));
  const latest = task.reviews[0];
  return {
    key: `${task.board.key}-${task.number}`,
    title: task.title,
    description: task.description,
    status: task.status,
    agent: task.agent,
    spec: { markdown: task.spec, revision: task.specRevision, score: lintSpec(task.spec).score, sections },
    loop: { count: task.loopCount, limit: task.workspace.loopLimit },
    attempts: task._count.submissions,
    latestReview: latest ? { verdict: latest.verdict, feedback: latest.feedback, createdAt: latest.createdAt.toISOString() } : null,
    lifecycle: {
      assignedAt: task.assignedAt?.toISOString() ?? null,
      claimedAt: task.claimedAt?.toISOString() ?? null,
      submittedAt: task.submittedAt?.toISOString() ?? null,
      reviewedAt: task.reviewedAt?.toISOString() ?? null,
    },
  };
}

export async function listReviews(scope: WorkspaceScope, key: string): Promise<ReviewData[]> {
  assertCan(scope, "agent.read");
  const task = await getAgentTaskId(scope, key);
  const reviews = await db().review.findMany({
    where: { workspaceId: scope.workspaceId, taskId: task },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      verdict: true,
      feedback: true,
      reason: true,
      createdAt: true,
      submission: { select: { attempt: true } },
      comments: {
        orderBy: [{ path: "asc" }, { line: "asc" }, { createdAt: "asc" }],
        select: { target: true, path: true, side: true, line: true, endLine: true, criterion: true, body: true },
      },
    },
  });
  return reviews.map((r) => ({
    id: r.id,
    attempt: r.submission.attempt,
    verdict: r.verdict,
    feedback: r.feedback,
    reason: r.reason,
    comments: r.comments,
    createdAt: r.createdAt.toISOString(),
  }));
}

async function getAgentTaskId(scope: WorkspaceScope, key: string): Promise<string> {
  const task = await db().task.findFirst({
    where: { ...taskKeyWhere(scope, key), ...(scope.agentId && { agentId: scope.agentId }) },
    select: { id: true },
  });
  if (!task) throw notFound("Task not found.");
  return task.id;
}

export const submissionSelect = {
  id: true,
  attempt: true,
  source: true,
  summary: true,
  prUrl: true,
  prNumber: true,
  branch: true,
  diff: true,
  diffNote: true,
  diffFetch: true,
  checksStatus: true,
  checksUrl: true,
  checksLog: true,
  durationSeconds: true,
  costCents: true,
  merged: true,
  createdAt: true,
  agent: { select: { id: true, name: true, kind: true } },
} as const;

type SubmissionRow = {
  id: string;
  attempt: number;
  source: SubmissionData["source"];
  summary: string;
  prUrl: string | null;
  prNumber: number | null;
  branch: string | null;
  diff: string;
  diffNote: string | null;
  diffFetch: SubmissionData["diffFetch"];
  checksStatus: SubmissionData["checks"]["status"];
  checksUrl: string | null;
  checksLog: string | null;
  durationSeconds: number | null;
  costCents: number | null;
  merged: boolean;
  createdAt: Date;
  agent: SubmissionData["agent"];
};

export function toSubmission(row: SubmissionRow): SubmissionData {
  return {
    id: row.id,
    attempt: row.attempt,
    source: row.source,
    summary: row.summary,
    prUrl: row.prUrl,
    prNumber: row.prNumber,
    branch: row.branch,
    diff: row.diff,
    diffNote: row.diffNote,
    diffFetch: row.diffFetch,
    checks: { status: row.checksStatus, url: row.checksUrl, log: row.checksLog },
    durationSeconds: row.durationSeconds,
    costUsd: row.costCents === null ? null : row.costCents / 100,
    merged: row.merged,
    agent: row.agent,
    createdAt: row.createdAt.toISOString(),
  };
}
