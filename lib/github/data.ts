import "server-only";
import { db, type Tx } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { taskKeyWhere } from "@/lib/task/data";
import { openSecret } from "@/lib/core/secrets";
import { parseTaskKey } from "@/lib/task/schema";

// Reads for the GitHub webhook. A delivery has no session and no token: the gate
// (lib/github/gate.ts) finds the workspace by the slug in the URL and checks the signature.

/** The workspace a webhook URL names, with its secret, for the gate only. */
export async function findWorkspaceForWebhook(slug: string) {
  return db().workspace.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, webhookSecret: true } });
}

export async function specThreshold(tx: Tx, workspaceId: string): Promise<number> {
  return (await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { specThreshold: true } })).specThreshold;
}

/** The latest deliveries, with what each did per task key, for the delivery log in Settings. */
export async function listDeliveries(scope: WorkspaceScope, take = 20) {
  assertCan(scope, "workspace.read");
  const rows = await db().webhookDelivery.findMany({
    where: { workspaceId: scope.workspaceId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, event: true, action: true, result: true, reason: true, details: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, details: readDetails(r.details), createdAt: r.createdAt.toISOString() }));
}

export interface DeliveryDetail {
  key: string;
  outcome: "submitted" | "closed" | "checks" | "ignored";
  reason?: string;
}

function readDetails(value: unknown): DeliveryDetail[] {
  return Array.isArray(value) ? (value as DeliveryDetail[]) : [];
}

export const webhookTaskSelect = {
  id: true,
  boardId: true,
  number: true,
  lane: true,
  status: true,
  position: true,
  specScore: true,
  agentId: true,
  version: true,
  deletedAt: true,
  board: { select: { key: true } },
} as const;

/**
 * The live (not deleted) tasks of one workspace that these keys name, in the keys' order.
 * Keys of other workspaces, or of boards this workspace does not have, find nothing.
 */
export async function findTasksByKeys(tx: Tx, workspaceId: string, keys: string[]) {
  const parsed = keys.map(parseTaskKey).filter((k): k is NonNullable<typeof k> => k !== null);
  if (parsed.length === 0) return [];
  const rows = await tx.task.findMany({
    where: {
      workspaceId,
      deletedAt: null,
      OR: parsed.map((k) => ({ number: k.number, board: { key: k.boardKey, workspaceId } })),
    },
    select: webhookTaskSelect,
  });
  const order = new Map(keys.map((key, index) => [key.toUpperCase(), index]));
  const keyOf = (row: (typeof rows)[number]) => `${row.board.key}-${row.number}`;
  return rows.sort((a, b) => (order.get(keyOf(a)) ?? 0) - (order.get(keyOf(b)) ?? 0));
}

/** Live tasks of the workspace that already hold a submission of this pull request. */
export async function findTasksByPrUrl(tx: Tx, workspaceId: string, prUrl: string) {
  return tx.task.findMany({
    where: { workspaceId, deletedAt: null, submissions: { some: { workspaceId, prUrl } } },
    select: webhookTaskSelect,
  });
}

/** What Settings shows of a workspace's GitHub connection: never the token. */
export interface GitHubConnectionView {
  apiUrl: string;
  login: string;
  connectedAt: string;
}

export async function findGitHubConnection(scope: WorkspaceScope): Promise<GitHubConnectionView | null> {
  assertCan(scope, "workspace.read");
  const row = await db().gitHubConnection.findUnique({ where: { workspaceId: scope.workspaceId }, select: { apiUrl: true, login: true, updatedAt: true } });
  return row && { apiUrl: row.apiUrl, login: row.login, connectedAt: row.updatedAt.toISOString() };
}

/** The boards and the repositories they are linked to, for Settings. */
export async function listBoardLinks(scope: WorkspaceScope) {
  assertCan(scope, "workspace.read");
  return db().board.findMany({
    where: { workspaceId: scope.workspaceId },
    orderBy: { key: "asc" },
    select: { key: true, name: true, repository: true, defaultBranch: true },
  });
}

/**
 * The connection's address and token, decrypted: for the code that talks to GitHub on the
 * workspace's behalf (linking, the jobs), never for a response.
 */
export async function connectionCredentials(workspaceId: string): Promise<{ apiUrl: string; token: string } | null> {
  const row = await db().gitHubConnection.findUnique({ where: { workspaceId }, select: { apiUrl: true, token: true } });
  return row && { apiUrl: row.apiUrl, token: openSecret(row.token) };
}

/** The board a repository ("owner/name", lower case) is linked to in this workspace, if any. */
export async function findLinkedBoard(tx: Tx, workspaceId: string, repository: string) {
  return tx.board.findUnique({ where: { workspaceId_repository: { workspaceId, repository } }, select: { id: true, key: true } });
}

/** The workspace and agent of an attempt, for the job gate only (lib/github/gate.ts). */
export async function findWorkspaceForJob(submissionId: string) {
  return db().submission.findUnique({ where: { id: submissionId }, select: { agentId: true, workspace: { select: { id: true, slug: true, name: true } } } });
}

/** What the diff job needs: the attempt's pull request and where its fetch stands. */
export async function findDiffJobTarget(scope: WorkspaceScope, submissionId: string) {
  assertCan(scope, "agent.work");
  return db().submission.findFirst({
    where: { id: submissionId, workspaceId: scope.workspaceId },
    select: { id: true, prUrl: true, prNumber: true, diffFetch: true, diffFetchTries: true },
  });
}

export async function isConnected(tx: Tx, workspaceId: string): Promise<boolean> {
  return (await tx.gitHubConnection.count({ where: { workspaceId } })) > 0;
}

/** The GitHub attempts on a board at one commit (a pull request's head), newest first, for check events. */
export async function findAttemptsAtCommit(tx: Tx, workspaceId: string, boardId: string, headSha: string) {
  return tx.submission.findMany({
    where: { workspaceId, headSha: headSha.toLowerCase(), source: "github", task: { boardId, deletedAt: null } },
    orderBy: { createdAt: "desc" },
    select: { id: true, checksStatus: true, task: { select: { id: true, boardId: true, number: true, board: { select: { key: true } } } } },
  });
}

/** What the review job posts: the verdict, its published comments, the pull request and the agent's mention. */
export async function findReviewPostTarget(scope: WorkspaceScope, reviewId: string) {
  assertCan(scope, "agent.work");
  return db().review.findFirst({
    where: { id: reviewId, workspaceId: scope.workspaceId },
    select: {
      id: true,
      verdict: true,
      feedback: true,
      reason: true,
      githubPost: true,
      reviewer: { select: { name: true, email: true } },
      submission: { select: { prUrl: true, headSha: true, agent: { select: { mention: true } } } },
      comments: { orderBy: { createdAt: "asc" }, select: { target: true, path: true, side: true, line: true, endLine: true, criterion: true, body: true } },
    },
  });
}

/** The repository and default branch of a task's board (null when the board is not linked). */
export async function findTaskRepository(scope: WorkspaceScope, key: string) {
  assertCan(scope, "workspace.read");
  const row = await db().task.findFirst({ where: taskKeyWhere(scope, key), select: { board: { select: { repository: true, defaultBranch: true } } } });
  if (!row) throw notFound("Task not found.");
  return row.board;
}

export interface CodeSnapshotView {
  id: string;
  paths: string[];
  truncated: boolean;
  lineCounts: Record<string, number>;
}

/** What was read of a repository at a commit, if it was read before. */
export async function findCodeSnapshot(scope: WorkspaceScope, repository: string, commitSha: string): Promise<CodeSnapshotView | null> {
  assertCan(scope, "workspace.read");
  const row = await db().codeSnapshot.findUnique({
    where: { workspaceId_repository_commitSha: { workspaceId: scope.workspaceId, repository, commitSha } },
    select: { id: true, paths: true, truncated: true, lineCounts: true },
  });
  return row && { ...row, lineCounts: readLineCounts(row.lineCounts) };
}

function readLineCounts(value: unknown): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [path, lines] of Object.entries(value)) if (typeof lines === "number") counts[path] = lines;
  }
  return counts;
}
