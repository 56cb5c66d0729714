import "server-only";
import { insertSubmission } from "@/lib/agent/mutations";
import { db, type Prisma, type Tx } from "@/lib/core/db";
import { AppError, conflictOnUnique, notFound, parseInput } from "@/lib/core/errors";
import { recordEvent } from "@/lib/core/activity";
import { now } from "@/lib/core/clock";
import { assertCan, memberId, type WorkspaceScope } from "@/lib/core/scope";
import { sealSecret } from "@/lib/core/secrets";
import { agentStepRefusal } from "@/lib/task/lane-rules";
import { accountOf, defaultBranchOf } from "./api";
import { sendInTransaction } from "@/lib/jobs/send";
import { QUEUES } from "@/lib/jobs/queues";
import { splitDiff } from "@/lib/review/diff-files";
import { DIFF_LIMIT_BYTES } from "@/lib/agent/schema";
import { publish } from "@/lib/core/realtime";
import type { PullRequestFile } from "./api";
import type { FetchDiffData, PostReviewData } from "./jobs";
import { readCheckEvent } from "./checks";
import { connectionCredentials, findAttemptsAtCommit, findCodeSnapshot, type CodeSnapshotView, findLinkedBoard, isConnected, findTasksByKeys, findTasksByPrUrl, specThreshold, webhookTaskSelect, type DeliveryDetail, type GitHubConnectionView } from "./data";
import { scopeForGitHub, type WebhookWorkspace } from "./gate";
import { connectGitHubSchema, linkBoardSchema } from "./schema";
import { DIFF_NOTES, findTaskKeys, isSubmittingAction, pullRequestEventSchema, pullRequestSummary, type PullRequestEvent } from "./pull-request";

// GitHub deliveries, after the gate (lib/github/gate.ts) verified the signature. Each delivery is
// handled once: its id is recorded in the same transaction as everything it changes, so a
// redelivery (GitHub's "Redeliver", or a retry after a timeout) is a no-op.

export type DeliveryStatus = "processed" | "ignored" | "duplicate";
export interface DeliveryResult {
  status: DeliveryStatus;
  /** Keys of the tasks the delivery changed, in the order the pull request names them. */
  tasks: string[];
}

/** A pull request naming more keys than this is read for the first ones only. */
export const MAX_KEYS_PER_PULL_REQUEST = 50;

type WebhookTask = Awaited<ReturnType<typeof findTasksByKeys>>[number];
const keyOf = (task: { number: number; board: { key: string } }) => `${task.board.key}-${task.number}`;

/** One verified delivery: GitHub's id for it, and the SHA-256 of the signed body. */
export interface Delivery {
  id: string;
  bodySha256: string;
}

/**
 * GitHub's own redeliveries keep their X-GitHub-Delivery id; the same signed body under a new id
 * within this window is someone replaying a captured delivery, and changes nothing.
 */
export const REPLAY_WINDOW_DAYS = 7;

/**
 * Records the delivery; false when it was handled before: the same id (by a committed
 * transaction), or the same signed body under another id within the replay window. ON CONFLICT DO
 * NOTHING keeps the transaction usable, a concurrent first delivery with the same id makes this
 * wait for it, and an advisory lock on the body's hash does the same for replays under new ids, so
 * two copies never both go through.
 */
async function recordDelivery(tx: Tx, workspace: WebhookWorkspace, delivery: Delivery, event: string, action: string | null, result: "processed" | "ignored") {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${workspace.id}:${delivery.bodySha256}`}, 0))`;
  const replayed = await tx.webhookDelivery.findFirst({
    where: { workspaceId: workspace.id, bodySha256: delivery.bodySha256, createdAt: { gt: new Date(now().getTime() - REPLAY_WINDOW_DAYS * 24 * 60 * 60 * 1000) } },
    select: { id: true },
  });
  if (replayed) return false;
  const { count } = await tx.webhookDelivery.createMany({
    data: [{ id: delivery.id, workspaceId: workspace.id, event, action, result, bodySha256: delivery.bodySha256, createdAt: now() }],
    skipDuplicates: true,
  });
  return count === 1;
}

/** An event Baton does not act on (check_suite, push, …): recorded, so a redelivery is a duplicate. */
export async function recordIgnoredDelivery(workspace: WebhookWorkspace, delivery: Delivery, event: string, action: string | null): Promise<DeliveryResult> {
  const fresh = await db().$transaction((tx) => recordDelivery(tx, workspace, delivery, event, action, "ignored"));
  return { status: fresh ? "ignored" : "duplicate", tasks: [] };
}

/**
 * A `pull_request` delivery. opened, reopened, ready_for_review and synchronize add an attempt
 * (source "github") to each task of this workspace the pull request names, and move it to In
 * review; closed marks the pull request's attempts merged (or records that it was closed
 * unmerged); other actions are recorded and ignored.
 */
export async function handlePullRequestEvent(workspace: WebhookWorkspace, delivery: Delivery, payload: unknown): Promise<DeliveryResult> {
  const event = parseInput(pullRequestEventSchema, payload);
  const acts = isSubmittingAction(event.action) || event.action === "closed";
  return db().$transaction(async (tx): Promise<DeliveryResult> => {
    const fresh = await recordDelivery(tx, workspace, delivery, "pull_request", event.action, acts ? "processed" : "ignored");
    if (!fresh) return { status: "duplicate", tasks: [] };
    if (!acts) return { status: "ignored", tasks: [] };
    // Only the board linked to the pull request's repository takes work from it.
    const repository = event.repository.full_name.toLowerCase();
    const board = await findLinkedBoard(tx, workspace.id, repository);
    if (!board) {
      const reason = `No board of this workspace is linked to ${repository}: link one in Settings → GitHub.`;
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { result: "ignored", reason } });
      return { status: "ignored", tasks: [] };
    }
    const keys = findTaskKeys(event.pull_request).slice(0, MAX_KEYS_PER_PULL_REQUEST);
    const found = await findTasksByKeys(tx, workspace.id, keys);
    const named = found.filter((task) => task.boardId === board.id);
    const details: DeliveryDetail[] = keys
      .filter((key) => !named.some((task) => keyOf(task) === key))
      .map((key) =>
        found.some((task) => keyOf(task) === key)
          ? { key, outcome: "ignored", reason: `${key} is not on board ${board.key}, the board ${repository} is linked to.` }
          : { key, outcome: "ignored", reason: `No task ${key} in this workspace.` },
      );
    const tasks = event.action === "closed" ? await withPrTasks(tx, workspace, named, event.pull_request.html_url, board.id) : named;
    const locked = await lockTasks(tx, tasks);
    const threshold = await specThreshold(tx, workspace.id);
    const eligible: WebhookTask[] = [];
    for (const task of locked) {
      // The board's rules for agents: Delegate lane, an agent assigned, past the readiness gate.
      const refusal = agentStepRefusal(
        { lane: task.lane, status: task.status, hasAgent: task.agentId !== null, specScore: task.specScore, threshold },
        "submit",
      );
      const ignoredForClose = task.lane !== "delegate" || task.agentId === null;
      if (event.action === "closed" ? ignoredForClose : refusal) details.push({ key: keyOf(task), outcome: "ignored", reason: refusal ?? "Not a delegate task with an agent." });
      else eligible.push(task);
    }
    const changed = event.action === "closed" ? await close(tx, workspace, eligible, event) : await submit(tx, workspace, eligible, event);
    for (const key of changed) details.push({ key, outcome: event.action === "closed" ? "closed" : "submitted" });
    const result = changed.length > 0 ? "processed" : "ignored";
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { result, details: details as unknown as Prisma.InputJsonValue } });
    return { status: changed.length > 0 ? "processed" : "ignored", tasks: changed };
  });
}

/**
 * A `check_suite` or `check_run` delivery: a completed one sets the checks of the attempts at its
 * commit (on the board linked to its repository). A failed run marks them failed at once; a
 * passed run only fills checks that say nothing yet, since other runs may still fail; a finished
 * suite has the last word.
 */
export async function handleCheckEvent(workspace: WebhookWorkspace, delivery: Delivery, event: "check_suite" | "check_run", payload: unknown): Promise<DeliveryResult> {
  const { action, repository, outcome } = readCheckEvent(event, payload);
  return db().$transaction(async (tx): Promise<DeliveryResult> => {
    const fresh = await recordDelivery(tx, workspace, delivery, event, action, outcome ? "processed" : "ignored");
    if (!fresh) return { status: "duplicate", tasks: [] };
    const board = outcome && (await findLinkedBoard(tx, workspace.id, repository));
    const attempts = outcome && board ? await findAttemptsAtCommit(tx, workspace.id, board.id, outcome.headSha) : [];
    const reason = !outcome
      ? "Not a completed check with a conclusion."
      : !board
        ? `No board of this workspace is linked to ${repository}: link one in Settings → GitHub.`
        : attempts.length === 0
          ? `No attempt on board ${board.key} is at commit ${outcome.headSha.slice(0, 12)}.`
          : null;
    if (!outcome || reason) {
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { result: "ignored", reason } });
      return { status: "ignored", tasks: [] };
    }
    const changed: string[] = [];
    for (const attempt of attempts) {
      if (outcome.onlyIfNone && attempt.checksStatus !== "none") continue;
      await tx.submission.update({ where: { id: attempt.id }, data: { checksStatus: outcome.status, checksUrl: outcome.url, checksLog: outcome.log } });
      await touchTask(tx, workspace.id, attempt.task.id, "checks");
      changed.push(keyOf(attempt.task));
    }
    const details: DeliveryDetail[] = changed.map((key) => ({ key, outcome: "checks", reason: `Checks ${outcome.status}.` }));
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { result: changed.length ? "processed" : "ignored", details: details as unknown as Prisma.InputJsonValue, ...(changed.length === 0 && { reason: "The attempts at this commit already have a result; a passed run does not override it." }) } });
    return { status: changed.length ? "processed" : "ignored", tasks: changed };
  });
}

/** The named tasks, then any other task that already holds an attempt with this pull request. */
async function withPrTasks(tx: Tx, workspace: WebhookWorkspace, named: WebhookTask[], prUrl: string, boardId: string) {
  const seen = new Set(named.map((t) => t.id));
  const more = (await findTasksByPrUrl(tx, workspace.id, prUrl)).filter((t) => !seen.has(t.id) && t.boardId === boardId).sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  return [...named, ...more];
}

/**
 * Locks the tasks' rows for the rest of the transaction (like lib/agent/mutations.ts does for one
 * task), in id order so that two deliveries naming the same tasks cannot deadlock, then re-reads
 * them: a task may have been finished or deleted while this waited.
 */
async function lockTasks(tx: Tx, tasks: WebhookTask[]): Promise<WebhookTask[]> {
  if (tasks.length === 0) return [];
  const ids = tasks.map((t) => t.id);
  await tx.$queryRaw`SELECT id FROM tasks WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  const rows = await tx.task.findMany({ where: { id: { in: ids }, deletedAt: null }, select: webhookTaskSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is WebhookTask => row !== undefined);
}

/**
 * One attempt per task. With a GitHub connection, each attempt's diff is fetched by a job sent in
 * this transaction (so it exists exactly when the attempt does); without one, the attempt says so.
 */
async function submit(tx: Tx, workspace: WebhookWorkspace, tasks: WebhookTask[], event: PullRequestEvent): Promise<string[]> {
  const changed: string[] = [];
  const data = { summary: pullRequestSummary(event), prUrl: event.pull_request.html_url, branch: event.pull_request.head.ref, diff: "" };
  const connected = await isConnected(tx, workspace.id);
  for (const task of tasks) {
    const scope = scopeForGitHub(workspace, task.agentId);
    assertCan(scope, "agent.work");
    const submission = await insertSubmission(tx, scope, task, data, {
      source: "github",
      prNumber: event.number,
      headSha: event.pull_request.head.sha?.toLowerCase() ?? null,
      ...(connected ? { diffFetch: "pending", diffNote: DIFF_NOTES.fetching } : { diffNote: DIFF_NOTES.notConnected }),
    });
    if (connected) await sendInTransaction(tx, QUEUES.fetchDiff, { submissionId: submission.id, try: 1 } satisfies FetchDiffData);
    changed.push(keyOf(task));
  }
  return changed;
}

async function close(tx: Tx, workspace: WebhookWorkspace, tasks: WebhookTask[], event: PullRequestEvent): Promise<string[]> {
  const prUrl = event.pull_request.html_url;
  const type = event.pull_request.merged ? "pr_merged" : "pr_closed";
  for (const task of tasks) {
    if (event.pull_request.merged) {
      await tx.submission.updateMany({ where: { workspaceId: workspace.id, taskId: task.id, prUrl }, data: { merged: true } });
    }
    // Every write bumps the version, so open task views refetch and show the event.
    const updated = await tx.task.update({ where: { id: task.id }, data: { version: { increment: 1 } }, select: { id: true, boardId: true, version: true } });
    await recordEvent(tx, { workspaceId: workspace.id, userId: null, agentId: task.agentId }, updated, type, { prUrl });
  }
  return tasks.map(keyOf);
}

// --- The connection ------------------------------------------------------------------------------
// Connecting a workspace to GitHub (a token for its REST API) and linking boards to repositories.
// Admins do both in Settings; operators with `npm run baton -- github connect` / `board link`,
// which call the operator functions below (they act on a workspace by its slug, as the other
// operator commands do). Both paths share one implementation.

async function saveConnection(workspaceId: string, connectedById: string | null, input: unknown): Promise<GitHubConnectionView> {
  const { token, apiUrl } = parseInput(connectGitHubSchema, input);
  const login = await accountOf({ apiUrl, token });
  const data = { apiUrl, token: sealSecret(token), login, connectedById };
  const row = await db().gitHubConnection.upsert({
    where: { workspaceId },
    create: { workspaceId, ...data },
    update: data,
    select: { apiUrl: true, login: true, updatedAt: true },
  });
  return { apiUrl: row.apiUrl, login: row.login, connectedAt: row.updatedAt.toISOString() };
}

export async function connectGitHub(scope: WorkspaceScope, input: unknown): Promise<GitHubConnectionView> {
  assertCan(scope, "workspace.settings");
  return saveConnection(scope.workspaceId, memberId(scope), input);
}

/** Forgets the token. Links stay: deliveries keep being matched; diffs are no longer fetched. */
export async function disconnectGitHub(scope: WorkspaceScope): Promise<void> {
  assertCan(scope, "workspace.settings");
  await db().gitHubConnection.deleteMany({ where: { workspaceId: scope.workspaceId } });
}

export interface BoardLink {
  board: string;
  repository: string | null;
  defaultBranch: string | null;
}

/**
 * Links a board to a repository, or unlinks it (null). With a connection, GitHub is asked first:
 * the repository must exist and be visible to the token, and its default branch is kept (spec
 * references are checked there). Without one the link is stored as given, so that deliveries can
 * be matched before a token is set up.
 */
async function saveLink(workspaceId: string, boardKey: string, input: unknown): Promise<BoardLink> {
  const { repository } = parseInput(linkBoardSchema, input);
  const board = await db().board.findUnique({ where: { workspaceId_key: { workspaceId, key: boardKey.toUpperCase() } }, select: { id: true, key: true } });
  if (!board) throw notFound("Board not found.");
  let defaultBranch: string | null = null;
  if (repository) {
    const credentials = await connectionCredentials(workspaceId);
    if (credentials) defaultBranch = await defaultBranchOf(credentials, repository);
  }
  const linked = await conflictOnUnique(
    db().board.update({ where: { id: board.id }, data: { repository, defaultBranch }, select: { key: true, repository: true, defaultBranch: true } }),
    () => new AppError("conflict", "That repository is linked to another board.", { repository: [`${repository} is already linked to another board of this workspace: unlink it there first.`] }),
  );
  return { board: linked.key, repository: linked.repository, defaultBranch: linked.defaultBranch };
}

export async function linkBoard(scope: WorkspaceScope, boardKey: string, input: unknown): Promise<BoardLink> {
  assertCan(scope, "board.write");
  return saveLink(scope.workspaceId, boardKey, input);
}

// --- For `npm run baton` (an operator on the server, acting on a workspace by its slug) ---------

async function workspaceIdOf(slug: string): Promise<string> {
  const workspace = await db().workspace.findUnique({ where: { slug }, select: { id: true } });
  if (!workspace) throw notFound(`No workspace with the slug "${slug}".`);
  return workspace.id;
}

export async function operatorConnectGitHub(input: { workspace: string; token: string; apiUrl?: string }): Promise<GitHubConnectionView> {
  return saveConnection(await workspaceIdOf(input.workspace), null, { token: input.token, ...(input.apiUrl && { apiUrl: input.apiUrl }) });
}

export async function operatorLinkBoard(input: { workspace: string; board: string; repository: string | null }): Promise<BoardLink> {
  return saveLink(await workspaceIdOf(input.workspace), input.board, { repository: input.repository });
}

// --- Diffs fetched by the job (lib/github/jobs.ts) -----------------------------------------------

/** Updates an attempt whose fetch is still pending (a duplicate job finds nothing to do) and tells open views. */
async function updatePendingAttempt(tx: Tx, scope: WorkspaceScope, submissionId: string, data: Prisma.SubmissionUpdateManyMutationInput): Promise<boolean> {
  assertCan(scope, "agent.work");
  const { count } = await tx.submission.updateMany({ where: { id: submissionId, workspaceId: scope.workspaceId, diffFetch: "pending" }, data });
  if (count === 0) return false;
  const submission = await tx.submission.findUniqueOrThrow({ where: { id: submissionId }, select: { taskId: true } });
  await touchTask(tx, scope.workspaceId, submission.taskId, "diff");
  return true;
}

/** Every write bumps the task's version and announces it, so open views (the review page, the task) refetch. */
async function touchTask(tx: Tx, workspaceId: string, taskId: string, type: string): Promise<void> {
  const task = await tx.task.update({ where: { id: taskId }, data: { version: { increment: 1 } }, select: { id: true, boardId: true, version: true } });
  await publish(tx, { workspaceId, boardId: task.boardId, taskId: task.id, type, actorId: null, version: task.version });
}

/** The diff arrived: stored with its size, and GitHub's file list. A diff over the limit is not stored, and the attempt says why. */
export async function recordFetchedDiff(scope: WorkspaceScope, submissionId: string, fetched: { diff: string; files: PullRequestFile[] }, tries: number) {
  const tooLarge = Buffer.byteLength(fetched.diff) > DIFF_LIMIT_BYTES;
  const diff = tooLarge ? "" : fetched.diff;
  const files = splitDiff(diff);
  return db().$transaction((tx) =>
    updatePendingAttempt(tx, scope, submissionId, {
      diff,
      filesChanged: tooLarge ? fetched.files.length : files.length,
      additions: tooLarge ? fetched.files.reduce((n, f) => n + f.additions, 0) : files.reduce((n, f) => n + f.added, 0),
      deletions: tooLarge ? fetched.files.reduce((n, f) => n + f.deletions, 0) : files.reduce((n, f) => n + f.removed, 0),
      files: fetched.files as unknown as Prisma.InputJsonValue,
      diffNote: tooLarge ? `The diff is larger than ${DIFF_LIMIT_BYTES / 1024 / 1024} MB, more than a review page can show: open the pull request to review it.` : null,
      diffFetch: "fetched",
      diffFetchTries: tries,
    }),
  );
}

/** A try failed and another is due: the attempt says what happened and when, and the next job is sent with it. */
export async function scheduleDiffRetry(scope: WorkspaceScope, submissionId: string, tries: number, note: string, delaySeconds: number) {
  return db().$transaction(async (tx) => {
    const pending = await updatePendingAttempt(tx, scope, submissionId, { diffNote: note, diffFetchTries: tries });
    if (pending) await sendInTransaction(tx, QUEUES.fetchDiff, { submissionId, try: tries + 1 } satisfies FetchDiffData, { startAfter: delaySeconds });
    return pending;
  });
}

/** No more tries: the attempt says why and points to the pull request. */
export async function recordDiffFailure(scope: WorkspaceScope, submissionId: string, tries: number, note: string) {
  return db().$transaction((tx) => updatePendingAttempt(tx, scope, submissionId, { diffNote: note, diffFetch: "failed", diffFetchTries: tries }));
}

// --- Verdicts posted back to pull requests (lib/github/jobs.ts) ---------------------------------

/** Posting waits out the undo window (and a margin), so an undone verdict never reaches GitHub. */
export const reviewPostDelaySeconds = () => Number(process.env.BATON_REVIEW_POST_DELAY_SECONDS ?? 65);

export const REVIEW_NOTES = {
  waiting: "Goes to the pull request as a GitHub review once the undo window has passed.",
} as const;

/**
 * Called in the verdict's transaction when it was given on a pull request's attempt in a workspace
 * connected to GitHub (the verdict's read tells; its review row is written `pending` with
 * REVIEW_NOTES.waiting): queues it to be posted back as one review.
 */
export async function queueReviewPost(tx: Tx, review: { id: string; submissionId: string }): Promise<void> {
  await sendInTransaction(tx, QUEUES.postReview, { reviewId: review.id, submissionId: review.submissionId, try: 1 } satisfies PostReviewData, { startAfter: reviewPostDelaySeconds() });
}

/** Updates a review whose post is still pending (an undone verdict or a repeated job finds nothing) and tells open views. */
async function updatePendingReview(tx: Tx, scope: WorkspaceScope, reviewId: string, data: Prisma.ReviewUpdateManyMutationInput): Promise<boolean> {
  assertCan(scope, "agent.work");
  const { count } = await tx.review.updateMany({ where: { id: reviewId, workspaceId: scope.workspaceId, githubPost: "pending" }, data });
  if (count === 0) return false;
  const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { taskId: true } });
  await touchTask(tx, scope.workspaceId, review.taskId, "github_review");
  return true;
}

export async function recordReviewPosted(scope: WorkspaceScope, reviewId: string, posted: { id: string; url: string }, tries: number) {
  return db().$transaction((tx) =>
    updatePendingReview(tx, scope, reviewId, { githubPost: "posted", githubReviewId: posted.id, githubReviewUrl: posted.url, githubNote: null, githubTries: tries }),
  );
}

export async function scheduleReviewRetry(scope: WorkspaceScope, job: PostReviewData, note: string, delaySeconds: number) {
  return db().$transaction(async (tx) => {
    const pending = await updatePendingReview(tx, scope, job.reviewId, { githubNote: note, githubTries: job.try });
    if (pending) await sendInTransaction(tx, QUEUES.postReview, { ...job, try: job.try + 1 } satisfies PostReviewData, { startAfter: delaySeconds });
    return pending;
  });
}

export async function recordReviewPostFailure(scope: WorkspaceScope, reviewId: string, tries: number, note: string) {
  return db().$transaction((tx) => updatePendingReview(tx, scope, reviewId, { githubPost: "failed", githubNote: note, githubTries: tries }));
}

// What was read of a linked repository, cached per commit for checking spec references
// (lib/github/code.ts). Anyone who may read a spec may have its references checked, so these
// cache writes need only the read permission; they hold nothing a reader could not see.

/** Rows of commits older than a day go when a newer commit of the repository is stored. */
const SNAPSHOT_KEEP_MS = 24 * 60 * 60 * 1000;

/** Stores a repository's paths at a commit; a concurrent store of the same commit keeps the first. */
export async function saveCodeSnapshot(scope: WorkspaceScope, repository: string, commitSha: string, tree: { paths: string[]; truncated: boolean }): Promise<CodeSnapshotView> {
  assertCan(scope, "workspace.read");
  const { workspaceId } = scope;
  await db().codeSnapshot.createMany({ data: [{ workspaceId, repository, commitSha, paths: tree.paths, truncated: tree.truncated }], skipDuplicates: true });
  await db().codeSnapshot.deleteMany({ where: { workspaceId, repository, commitSha: { not: commitSha }, createdAt: { lt: new Date(now().getTime() - SNAPSHOT_KEEP_MS) } } });
  const saved = await findCodeSnapshot(scope, repository, commitSha);
  if (!saved) throw new Error("The code snapshot just stored was not found.");
  return saved;
}

/** Adds files' line counts to a snapshot (merged in one statement, so concurrent adds all stay). */
export async function addLineCounts(scope: WorkspaceScope, snapshotId: string, counts: Record<string, number>): Promise<void> {
  assertCan(scope, "workspace.read");
  await db().$executeRaw`UPDATE code_snapshots SET line_counts = line_counts || ${JSON.stringify(counts)}::jsonb WHERE id = ${snapshotId} AND workspace_id = ${scope.workspaceId}`;
}
