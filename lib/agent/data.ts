import "server-only";
import { db, Prisma } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { lintSpec } from "@/lib/spec/lint";
import { parseSections } from "@/lib/spec/sections";
import { BUILT_IN_TEMPLATES } from "@/lib/spec/templates";
import { taskKeyWhere } from "@/lib/task/data";
import type { Status } from "@/lib/task/schema";
import { rankRecords, type AgentRecords } from "./record";
import type { AgentKind } from "./schema";
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

/**
 * Each agent's record on work similar to this task — other tasks of the workspace that share its
 * spec template or one of its labels — for the hand-off: outcomes counted as on the dashboard (a
 * task's last final verdict, with the loops used by then; deleted tasks left out), credited to the
 * agent of the decided attempt. Every agent of the workspace is listed, best first.
 */
export async function agentRecords(scope: WorkspaceScope, key: string): Promise<AgentRecords> {
  assertCan(scope, "workspace.read");
  const task = await db().task.findFirst({ where: taskKeyWhere(scope, key), select: { id: true, labels: true, specTemplateId: true } });
  if (!task) throw notFound("Task not found.");
  const { specTemplateId: templateId, labels } = task;
  if (!templateId && labels.length === 0) return { similar: null, decided: 0, agents: [] };
  const ws = scope.workspaceId;
  const byTemplate = templateId ? Prisma.sql`t.spec_template_id = ${templateId}` : Prisma.sql`false`;
  const byLabels = labels.length > 0 ? Prisma.sql`t.labels && ${labels}::text[]` : Prisma.sql`false`;
  const [rows, templateName] = await Promise.all([
    db().$queryRaw<{ id: string; name: string; kind: AgentKind; outcomes: number; first_pass: number; rejected: number; mean_loops: number | null; accepted_cost_cents: number | null; decided: number }[]>`
      -- A final verdict keeps its attempt's agent and what the task cost over all its attempts
      -- (lib/review/mutations.ts), as the dashboard reads them.
      WITH o AS (
        SELECT DISTINCT ON (r.task_id) r.task_id, r.verdict::text AS verdict, r.loop_count, r.agent_id, r.cost_cents
        FROM reviews r
        JOIN tasks t ON t.id = r.task_id
        WHERE r.workspace_id = ${ws} AND t.workspace_id = ${ws}
          AND r.verdict IN ('accept', 'reject')
          AND t.deleted_at IS NULL AND t.id <> ${task.id}
          AND (${byTemplate} OR ${byLabels})
        ORDER BY r.task_id, r.created_at DESC
      )
      SELECT a.id, a.name, a.kind::text AS kind,
             count(o.task_id)::int AS outcomes,
             count(*) FILTER (WHERE o.verdict = 'accept' AND o.loop_count = 0)::int AS first_pass,
             count(*) FILTER (WHERE o.verdict = 'reject')::int AS rejected,
             avg(o.loop_count)::float8 AS mean_loops,
             avg(o.cost_cents) FILTER (WHERE o.verdict = 'accept')::float8 AS accepted_cost_cents,
             (SELECT count(*) FROM o)::int AS decided
      FROM agents a
      LEFT JOIN o ON o.agent_id = a.id
      WHERE a.workspace_id = ${ws}
      GROUP BY a.id`,
    templateId ? templateNameOf(scope, templateId) : null,
  ]);
  return {
    similar: { template: templateId ? { id: templateId, name: templateName } : null, labels },
    decided: rows[0]?.decided ?? 0,
    agents: rankRecords(
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        outcomes: r.outcomes,
        firstPass: r.first_pass,
        rejected: r.rejected,
        firstPassRate: r.outcomes === 0 ? null : r.first_pass / r.outcomes,
        meanLoops: r.mean_loops,
        acceptedCostCents: r.accepted_cost_cents,
      })),
    ),
  };
}

/** A built-in template's name, or this workspace's own; null once an own template is deleted. */
async function templateNameOf(scope: WorkspaceScope, id: string): Promise<string | null> {
  const builtIn = BUILT_IN_TEMPLATES.find((t) => t.id === id);
  if (builtIn) return builtIn.name;
  const own = await db().specTemplate.findFirst({ where: { id, workspaceId: scope.workspaceId }, select: { name: true } });
  return own?.name ?? null;
}
