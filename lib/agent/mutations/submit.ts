import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { keyBetween } from "@/lib/board/ordering";
import { eventCtes } from "@/lib/core/activity";
import { now } from "@/lib/core/clock";
import { Prisma, type DbClient, type Tx } from "@/lib/core/db";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { splitDiff } from "@/lib/review/diff-files";
import { inCell, lockCell, tryLockCell, writeLastInCell } from "@/lib/task/mutations/cell";
import { parseTaskKey, type Lane, type Status } from "@/lib/task/schema";
import { submissionSelect, toSubmission } from "../data";
import { assertAgentStep } from "./agent-step";
import { DIFF_LIMIT_BYTES, idempotencyKeySchema, submissionSchema, type SubmissionInput } from "../schema";
import type { SubmissionData } from "../types";

// An agent's attempt, the hot write of the agent API, in two statements and no interactive
// transaction (decision 46), as the card move and the verdict: one read finds the agent's task,
// its attempts, the last card of its In review cell and a submission already made with the
// request's Idempotency-Key; one write records the attempt, moves the task to In review (last) and
// records and announces the event — and does nothing if the task changed meanwhile (its version)
// or a card landed after that last one. Then it reads again, under the cell's lock
// (writeLastInCell): a racing twin with the same key is then found and replayed. The GitHub webhook records attempts inside its own transaction, under
// the task's and the cell's locks, with the same write (insertSubmission).

export interface SubmitOptions {
  idempotencyKey?: string | null;
  source: "api" | "mcp" | "github";
  /** For GitHub: the PR number, and whether this event is the merge. */
  prNumber?: number;
  merged?: boolean;
  diffNote?: string;
  /** For GitHub: the diff is fetched afterwards by a job (pending), and the head commit. */
  diffFetch?: "pending";
  headSha?: string | null;
}

type WriteOptions = SubmitOptions & { idempotencyKey?: string | null; requestHash?: string | null };

/**
 * Records an attempt and moves the task to In review. With an Idempotency-Key, the same key and
 * body return the first submission (201 then 200), and the same key with another body is a 422.
 */
export async function createSubmission(scope: WorkspaceScope, key: string, input: unknown, options: SubmitOptions): Promise<{ submission: SubmissionData; created: boolean }> {
  assertCan(scope, "agent.work");
  const agentId = scope.agentId;
  if (!agentId) throw new AppError("forbidden", "Only an agent can do this.");
  const data = parseInput(submissionSchema, input);
  if (data.diff && Buffer.byteLength(data.diff) > DIFF_LIMIT_BYTES) {
    throw new AppError("payload_too_large", `The diff is larger than ${DIFF_LIMIT_BYTES} bytes. Link the pull request instead, or split the change.`);
  }
  const idempotencyKey = options.idempotencyKey ? parseInput(idempotencyKeySchema, options.idempotencyKey) : null;
  const requestHash = createHash("sha256").update(JSON.stringify(data)).digest("hex");
  const parsed = parseTaskKey(key);
  if (!parsed) throw notFound("Task not found.");
  // Only the agent's own task: another agent's, or a person's, is "not found".
  const where = Prisma.sql`b.key = ${parsed.boardKey} AND t.number = ${parsed.number} AND t.agent_id = ${agentId}`;
  const write: WriteOptions = { ...options, idempotencyKey, requestHash };

  const result = await writeLastInCell(async (client, aim) => {
    const read = await readSubmit(client, scope, where, idempotencyKey);
    if (!read) throw notFound("Task not found.");
    if (read.replay_id) return replay(client, read.replay_id, read.id, requestHash);
    // hasAgent: the read found the task by its agent.
    assertAgentStep({ lane: read.lane, status: read.status, hasAgent: true, specScore: read.spec_score, threshold: read.threshold }, "submit");
    aim({ boardId: read.board_id, lane: read.lane, status: "in_review" });
    const submission = await writeSubmission(client, scope, read, data, write);
    return submission && { submission, created: true };
  });
  // A racing twin with the same Idempotency-Key is found by the next read and replayed.
  if (!result) throw new AppError("conflict", "The task kept changing while the attempt was being recorded. Send it again with the same Idempotency-Key.");
  return result;
}

async function replay(client: DbClient, id: string, taskId: string, requestHash: string) {
  const existing = await client.submission.findUniqueOrThrow({ where: { id }, select: { ...submissionSelect, requestHash: true, taskId: true } });
  if (existing.requestHash !== requestHash || existing.taskId !== taskId) {
    throw new AppError("unprocessable", "This Idempotency-Key was already used with a different request. Use a new key for a new submission.");
  }
  return { submission: toSubmission(existing), created: false };
}

interface SubmitRead {
  id: string;
  board_id: string;
  lane: Lane;
  status: Status;
  position: string;
  version: number;
  spec_score: number | null;
  threshold: number;
  attempts: number;
  last_position: string | null;
  replay_id: string | null;
}

/** The task (`where` over t and its board b), its attempts and its In review cell's last card, in one statement. */
async function readSubmit(client: DbClient, scope: WorkspaceScope, where: Prisma.Sql, idempotencyKey: string | null): Promise<SubmitRead | null> {
  const rows = await client.$queryRaw<SubmitRead[]>`
    SELECT t.id, t.board_id, t.lane::text AS lane, t.status::text AS status, t.position, t.version, t.spec_score, w.spec_threshold AS threshold,
           (SELECT count(*)::int FROM submissions s WHERE s.task_id = t.id) AS attempts,
           (SELECT l.position FROM tasks l
            WHERE l.board_id = t.board_id AND l.lane = t.lane AND l.status = 'in_review' AND l.deleted_at IS NULL AND l.id <> t.id
            ORDER BY l.position DESC LIMIT 1) AS last_position,
           (SELECT s.id FROM submissions s WHERE s.agent_id = ${scope.agentId} AND s.idempotency_key = ${idempotencyKey}) AS replay_id
    FROM tasks t
    JOIN boards b ON b.id = t.board_id
    JOIN workspaces w ON w.id = t.workspace_id
    WHERE t.workspace_id = ${scope.workspaceId} AND b.workspace_id = ${scope.workspaceId} AND t.deleted_at IS NULL AND ${where}`;
  return rows[0] ?? null;
}

type SubmissionRow = Parameters<typeof toSubmission>[0];

/**
 * The attempt's write, in one statement: the task to In review (last in its cell, unless it is
 * there already), the submission, the event. Null when the task's version or the cell's last card
 * moved since `read`.
 */
async function writeSubmission(client: DbClient, scope: WorkspaceScope, read: SubmitRead, data: SubmissionInput, options: WriteOptions): Promise<SubmissionData | null> {
  const at = now();
  const moves = read.status !== "in_review";
  const cell = { lane: read.lane, status: "in_review" } as const;
  const position = moves ? keyBetween(read.last_position, null) : read.position;
  const files = splitDiff(data.diff ?? "");
  const attempt = read.attempts + 1;
  const rows = await client.$queryRaw<SubmissionRow[]>`
    -- A task already in review keeps its place: no cell to lock then.
    WITH lock AS MATERIALIZED (${moves ? tryLockCell(read.board_id, cell.lane, cell.status) : Prisma.sql`SELECT true AS free`}),
    cur AS (
      UPDATE tasks t SET status = 'in_review', position = ${position}, submitted_at = ${at}, updated_at = ${at}, version = t.version + 1
      FROM lock
      WHERE lock.free AND t.id = ${read.id} AND t.version = ${read.version} AND t.deleted_at IS NULL
        AND (NOT ${moves} OR NOT EXISTS (
          SELECT 1 FROM tasks c WHERE ${inCell("c", Prisma.sql`t.board_id`, cell)} AND c.id <> t.id AND (${read.last_position}::text IS NULL OR c.position > ${read.last_position})))
      RETURNING t.*
    ),
    sub AS (
      INSERT INTO submissions (id, workspace_id, task_id, agent_id, attempt, source, summary, pr_url, pr_number, branch, diff, files_changed, additions, deletions,
                               diff_note, diff_fetch, head_sha, checks_status, checks_url, checks_log, duration_seconds, cost_cents, merged,
                               idempotency_key, request_hash, created_at, updated_at)
      SELECT ${randomUUID()}, cur.workspace_id, cur.id, ${scope.agentId}, ${attempt}::int, ${options.source}::"SubmissionSource", ${data.summary},
             ${data.prUrl ?? null}, ${options.prNumber ?? null}::int, ${data.branch ?? null}, ${data.diff ?? ""},
             ${files.length}::int, ${files.reduce((n, f) => n + f.added, 0)}::int, ${files.reduce((n, f) => n + f.removed, 0)}::int,
             ${options.diffNote ?? null}, ${options.diffFetch ?? null}::"DiffFetch", ${options.headSha ?? null},
             ${data.checks?.status ?? "none"}::"ChecksStatus", ${data.checks?.url ?? null}, ${data.checks?.log ?? null},
             ${data.durationSeconds ?? null}::int, ${data.costUsd === undefined ? null : Math.round(data.costUsd * 100)}::int, ${options.merged ?? false},
             ${options.idempotencyKey ?? null}, ${options.requestHash ?? null}, ${at}, ${at}
      FROM cur
      RETURNING *
    ),
    ${eventCtes(scope, "submitted", { attempt, source: options.source, prUrl: data.prUrl ?? null }, null, at)}
    SELECT sub.id, sub.attempt, sub.source::text AS source, sub.summary, sub.pr_url AS "prUrl", sub.pr_number AS "prNumber", sub.branch, sub.diff,
           sub.diff_note AS "diffNote", sub.diff_fetch::text AS "diffFetch", sub.checks_status::text AS "checksStatus", sub.checks_url AS "checksUrl",
           sub.checks_log AS "checksLog", sub.duration_seconds AS "durationSeconds", sub.cost_cents AS "costCents", sub.merged, sub.created_at AS "createdAt",
           (SELECT json_build_object('id', g.id, 'name', g.name, 'kind', g.kind) FROM agents g WHERE g.id = sub.agent_id) AS agent
    FROM sub CROSS JOIN (SELECT count(*) FROM recorded) AS announced`;
  const row = rows[0];
  return row ? toSubmission(row) : null;
}

/**
 * An attempt recorded inside the caller's transaction, which holds the task's row (the GitHub
 * webhook): under the In review cell's lock the write cannot lose a race.
 */
export async function insertSubmission(
  tx: Tx,
  scope: WorkspaceScope,
  task: { id: string; boardId: string; lane: Lane; status: Status },
  data: SubmissionInput,
  options: WriteOptions,
): Promise<SubmissionData> {
  if (task.status !== "in_review") await lockCell(tx, task.boardId, task.lane, "in_review");
  const read = await readSubmit(tx, scope, Prisma.sql`t.id = ${task.id}`, null);
  if (!read) throw notFound("Task not found.");
  const submission = await writeSubmission(tx, scope, read, data, options);
  // Under both locks nothing can move the task or take the cell's last place meanwhile.
  if (!submission) throw new Error(`The attempt on task ${task.id} was not recorded although its row and cell were locked.`);
  return submission;
}
