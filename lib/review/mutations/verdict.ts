import "server-only";
import { randomUUID } from "node:crypto";
import { keyBetween } from "@/lib/board/ordering";
import { eventCtes } from "@/lib/core/activity";
import { now } from "@/lib/core/clock";
import { db, Prisma, type DbClient, type Tx } from "@/lib/core/db";
import { AppError, notFound, parseInput } from "@/lib/core/errors";
import { assertCan, memberId, type WorkspaceScope } from "@/lib/core/scope";
import { queueReviewPost, REVIEW_NOTES } from "@/lib/github/mutations";
import { CARD_OF_CUR, cardOfRow, type CardRow } from "@/lib/task/mutations/card-sql";
import { inCell, tryLockCell, writeLastInCell } from "@/lib/task/mutations/cell";
import type { Lane, Status } from "@/lib/task/schema";
import { reviewTransition, verdictCell, type TaskAfterVerdict, type VerdictDecision } from "../rules";
import { verdictSchema } from "../schema";
import type { VerdictResult } from "../types";

// A verdict, a hot write of the review page, in two statements and no interactive transaction
// (decision 46), as the card move: one read finds the attempt, its task, the loop limit, the
// reviewer's session, what the task took and the last card of the cell it goes to; the rules
// decide here; one write moves the task, records the review, publishes the reviewer's draft
// comments, counts the verdict in the session and records and announces the event — and does
// nothing if the task changed meanwhile (its version) or a card landed after the last one. Then it
// reads again (under the cell's lock, see writeLastInCell) and is told, for instance, that someone
// else reviewed the attempt. A pull request's verdict also queues its post to GitHub, so it runs in
// a transaction with that job.

/** Who reviews: only people, never an agent's token. */
export function assertPerson(scope: WorkspaceScope) {
  if (scope.agentId) throw new AppError("forbidden", "Only people review agent work: an agent token cannot give or undo a verdict.");
  assertCan(scope, "review.write");
}

/** The task as it was before a verdict: everything undo must put back. */
export interface TaskSnapshot {
  lane: Lane;
  status: Status;
  position: string;
  loopCount: number;
  agentId: string | null;
  ownerId: string | null;
  version: number;
  reviewedAt: string | null;
  claimedAt: string | null;
}

type ParsedVerdict = ReturnType<typeof verdictSchema.parse>;

/** The session counter a verdict moves. */
export function sessionCounter(verdict: ParsedVerdict["verdict"]): "accepted" | "changesRequested" | "rejected" {
  return verdict === "accept" ? "accepted" : verdict === "request_changes" ? "changesRequested" : "rejected";
}

const SESSION_COLUMN = { accepted: "accepted", changesRequested: "changes_requested", rejected: "rejected" } as const;

/** The page sent a review session that is over or someone else's. */
export function sessionOver(): AppError {
  return new AppError("invalid", "Some fields are not valid.", { sessionId: ["This review session is over or not yours. Reload the queue to start a new one."] });
}

interface Person {
  name: string | null;
  email: string;
}

function alreadyReviewed(review: { verdict: string; reviewer: Person | null }): AppError {
  const who = review.reviewer?.name ?? review.reviewer?.email ?? "someone else";
  const what = review.verdict === "accept" ? "accepted" : review.verdict === "reject" ? "rejected" : "sent back";
  return new AppError("conflict", `This attempt was already reviewed by ${who} (${what}). Moving on to the next one.`, undefined, { reviewedBy: who });
}

/**
 * Gives a verdict on an attempt (see lib/review/rules.ts for what each does). Only members review:
 * an agent's scope is refused with 403 before anything is read. Of two reviewers on one attempt the
 * second is told who won (the task's version, and the unique index on reviews.submission_id).
 */
export async function giveVerdict(scope: WorkspaceScope, submissionId: string, input: unknown): Promise<VerdictResult> {
  assertPerson(scope);
  const data = parseInput(verdictSchema, input);
  const ask: Ask = { scope, reviewerId: memberId(scope), submissionId, data, cell: verdictCell(decisionOf(data)) };
  const result = await writeLastInCell(async (client, aim, inTransaction) => {
    const plan = planVerdict(ask, await readVerdict(client, ask));
    aim({ boardId: plan.read.board_id, ...ask.cell });
    // A pull request's verdict queues its post to GitHub in the same transaction.
    if (!plan.read.github) return writeVerdict(client, ask, plan);
    const writeAndQueue = async (tx: Tx) => {
      const written = await writeVerdict(tx, ask, plan);
      if (written) await queueReviewPost(tx, { id: written.review.id, submissionId });
      return written;
    };
    return inTransaction ? writeAndQueue(client as Tx) : db().$transaction(writeAndQueue);
  });
  if (!result) throw new AppError("conflict", "The task kept changing while the verdict was being recorded. Reload it and try again.");
  return result;
}

interface Ask {
  scope: WorkspaceScope;
  reviewerId: string;
  submissionId: string;
  data: ParsedVerdict;
  /** Where the task goes. */
  cell: { lane: Lane; status: Status };
}

function decisionOf(data: ParsedVerdict): VerdictDecision {
  return data.verdict === "accept"
    ? { verdict: "accept", checklist: data.checklist }
    : data.verdict === "request_changes"
      ? { verdict: "request_changes" }
      : { verdict: "reject", assigneeId: data.assigneeId, toLeverage: data.toLeverage };
}

interface VerdictRead {
  task_id: string;
  attempt: number;
  submission_agent_id: string | null;
  submitted_at: Date;
  github: boolean;
  board_id: string;
  board_key: string;
  lane: Lane;
  status: Status;
  position: string;
  loop_count: number;
  agent_id: string | null;
  owner_id: string | null;
  version: number;
  reviewed_at: Date | null;
  claimed_at: Date | null;
  spec_revision: number;
  spec_template_id: string | null;
  spec_author_id: string | null;
  loop_limit: number;
  latest: number;
  existing: { verdict: string; reviewer: Person | null } | null;
  assignee_ok: boolean;
  session_started_at: Date | null;
  session_last_at: Date | null;
  attempts: number;
  cost: number | null;
  seconds: number | null;
  score: number | null;
  last_position: string | null;
}

/** Everything the verdict depends on, in one statement. */
async function readVerdict(client: DbClient, ask: Ask): Promise<VerdictRead | null> {
  const { scope, data } = ask;
  const assigneeId = data.verdict === "reject" ? data.assigneeId : null;
  const sessionId = data.sessionId ?? null;
  const rows = await client.$queryRaw<VerdictRead[]>`
    SELECT s.task_id, s.attempt, s.agent_id AS submission_agent_id, s.created_at AS submitted_at,
           (s.source = 'github' AND s.pr_url IS NOT NULL AND EXISTS (SELECT 1 FROM github_connections g WHERE g.workspace_id = s.workspace_id)) AS github,
           t.board_id, b.key AS board_key, t.lane::text AS lane, t.status::text AS status, t.position, t.loop_count, t.agent_id, t.owner_id,
           t.version, t.reviewed_at, t.claimed_at, t.spec_revision, t.spec_template_id, t.spec_author_id, w.loop_limit,
           (SELECT max(x.attempt) FROM submissions x WHERE x.task_id = t.id) AS latest,
           (SELECT json_build_object('verdict', r.verdict, 'reviewer', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('name', u.name, 'email', u.email) END)
            FROM reviews r LEFT JOIN users u ON u.id = r.reviewer_id WHERE r.submission_id = s.id) AS existing,
           (${assigneeId}::text IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.workspace_id = s.workspace_id AND m.user_id = ${assigneeId})) AS assignee_ok,
           rs.started_at AS session_started_at, (SELECT max(r.created_at) FROM reviews r WHERE r.session_id = rs.id) AS session_last_at,
           -- What the task took (decision 44), kept by a final verdict: its attempts, their cost and
           -- time, and the spec's score when the first came.
           f.attempts, f.cost, f.seconds,
           (SELECT sr.score FROM spec_revisions sr WHERE sr.task_id = t.id AND sr.created_at <= f.first_at ORDER BY sr.number DESC LIMIT 1) AS score,
           (SELECT l.position FROM tasks l WHERE ${inCell("l", Prisma.sql`t.board_id`, ask.cell)} AND l.id <> t.id ORDER BY l.position DESC LIMIT 1) AS last_position
    FROM submissions s
    JOIN tasks t ON t.id = s.task_id AND t.deleted_at IS NULL
    JOIN boards b ON b.id = t.board_id
    JOIN workspaces w ON w.id = s.workspace_id
    LEFT JOIN review_sessions rs ON rs.id = ${sessionId} AND rs.workspace_id = s.workspace_id AND rs.reviewer_id = ${ask.reviewerId} AND rs.ended_at IS NULL
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS attempts, sum(a.cost_cents)::int AS cost, sum(a.duration_seconds)::int AS seconds, min(a.created_at) AS first_at
      FROM submissions a WHERE a.task_id = t.id
    ) f
    WHERE s.id = ${ask.submissionId} AND s.workspace_id = ${scope.workspaceId}`;
  return rows[0] ?? null;
}

interface VerdictPlan {
  read: VerdictRead;
  next: TaskAfterVerdict;
  position: string;
  at: Date;
  /** The reviewer's open session the verdict counts in, if the page sent one. */
  sessionId: string | null;
  seconds: number | null;
  before: TaskSnapshot;
}

/** The rules applied to what was read; refuses with the reason the reviewer should see. */
function planVerdict(ask: Ask, read: VerdictRead | null): VerdictPlan {
  const { data } = ask;
  if (!read) throw notFound("Attempt not found.");
  if (read.existing) throw alreadyReviewed(read.existing);
  if (read.latest !== read.attempt) throw new AppError("conflict", `Attempt ${read.latest} replaced this one. Review attempt ${read.latest} instead.`);
  const task = { lane: read.lane, status: read.status, loopCount: read.loop_count, agentId: read.agent_id, ownerId: read.owner_id };
  const transition = reviewTransition(task, decisionOf(data), read.loop_limit, ask.reviewerId);
  if (!transition.ok) {
    throw new AppError(transition.code, transition.message, transition.field ? { [transition.field]: [transition.message] } : undefined);
  }
  if (!read.assignee_ok) throw new AppError("invalid", "Some fields are not valid.", { assigneeId: ["Hand the task to a member of this workspace."] });
  if (data.sessionId && !read.session_started_at) {
    throw sessionOver();
  }
  const at = now();
  // Time on this review: since the session's previous verdict, or since it started.
  const from = read.session_started_at ? Math.max(read.session_started_at.getTime(), read.session_last_at?.getTime() ?? 0) : null;
  return {
    read,
    next: transition.next,
    position: keyBetween(read.last_position, null),
    at,
    sessionId: from === null ? null : (data.sessionId ?? null),
    seconds: from === null ? null : Math.max(0, Math.round((at.getTime() - from) / 1000)),
    before: {
      lane: read.lane,
      status: read.status,
      position: read.position,
      loopCount: read.loop_count,
      agentId: read.agent_id,
      ownerId: read.owner_id,
      version: read.version,
      reviewedAt: read.reviewed_at?.toISOString() ?? null,
      claimedAt: read.claimed_at?.toISOString() ?? null,
    },
  };
}

type WrittenRow = CardRow & { review_id: string; review_created_at: Date; comments: number };

/** The verdict's write, in one statement; null when what the plan relied on changed. */
async function writeVerdict(client: DbClient, ask: Ask, plan: VerdictPlan): Promise<VerdictResult | null> {
  const { scope, data, reviewerId, submissionId } = ask;
  const { read, next, at } = plan;
  const final = data.verdict !== "request_changes";
  const reject = data.verdict === "reject" ? data : null;
  const after = {
    attempt: read.attempt,
    verdict: data.verdict,
    loopCount: next.loopCount,
    loopLimit: read.loop_limit,
    ...(reject && { reason: reject.reason, lane: next.lane, status: next.status }),
  };
  const counter = Prisma.raw(SESSION_COLUMN[sessionCounter(data.verdict)]);
  const rows = await client.$queryRaw<WrittenRow[]>`
    WITH lock AS MATERIALIZED (${tryLockCell(read.board_id, next.lane, next.status)}),
    cur AS (
      UPDATE tasks t SET lane = ${next.lane}::"Lane", status = ${next.status}::"TaskStatus", position = ${plan.position},
             loop_count = ${next.loopCount}, agent_id = ${next.agentId}, owner_id = ${next.ownerId}, reviewed_at = ${at}, updated_at = ${at},
             -- Sent back: the agent has not picked the feedback up yet, so its next claim is a new step.
             claimed_at = ${data.verdict === "request_changes" ? null : read.claimed_at}, version = t.version + 1
      FROM lock
      WHERE lock.free AND t.id = ${read.task_id} AND t.version = ${read.version} AND t.deleted_at IS NULL
        -- Still the last card of its new cell once it lands.
        AND NOT EXISTS (SELECT 1 FROM tasks c WHERE ${inCell("c", Prisma.sql`t.board_id`, next)} AND c.id <> t.id AND (${read.last_position}::text IS NULL OR c.position > ${read.last_position}))
      RETURNING t.*
    ),
    rv AS (
      INSERT INTO reviews (id, workspace_id, task_id, submission_id, agent_id, submitted_at, attempts, cost_cents, agent_seconds, handoff_score, board_id, spec_author_id,
                           reviewer_id, session_id, verdict, feedback, reason, checklist, handoff_to_id, to_leverage, loop_count, loop_limit, seconds,
                           spec_revision, spec_template_id, before, task_version, github_post, github_note, created_at)
      SELECT ${randomUUID()}, cur.workspace_id, cur.id, ${submissionId},
             -- The attempt's agent and when it came, kept with the verdict: the dashboard reads
             -- outcomes and review latency from reviews alone.
             ${read.submission_agent_id}, ${read.submitted_at},
             ${final ? read.attempts : null}::int, ${final ? read.cost : null}::int, ${final ? read.seconds : null}::int, ${final ? read.score : null}::int,
             ${final ? read.board_id : null}, ${final ? read.spec_author_id : null},
             ${reviewerId}, ${plan.sessionId}, ${data.verdict}::"Verdict", ${data.verdict === "reject" ? data.note : data.summary},
             ${reject?.reason ?? null}::"RejectReason", ${data.checklist}::text[], ${reject ? next.ownerId : null}, ${reject?.toLeverage ?? false},
             ${next.loopCount}, ${read.loop_limit}, ${plan.seconds}::int, ${read.spec_revision}, ${read.spec_template_id},
             ${JSON.stringify(plan.before)}::jsonb, cur.version,
             -- A pull request's attempt: the verdict goes back to it as one GitHub review, after the undo window.
             ${read.github ? "pending" : null}::"GitHubPost", ${read.github ? REVIEW_NOTES.waiting : null}, ${at}
      FROM cur
      RETURNING id, created_at
    ),
    -- The reviewer's drafts on this attempt are the batch: all of them go out with the verdict.
    published AS (
      UPDATE review_comments c SET review_id = rv.id, updated_at = ${at} FROM rv
      WHERE c.workspace_id = ${scope.workspaceId} AND c.submission_id = ${submissionId} AND c.author_id = ${reviewerId} AND c.review_id IS NULL
      RETURNING 1
    ),
    counted AS (
      UPDATE review_sessions s SET ${counter} = s.${counter} + 1, last_active_at = ${at}, updated_at = ${at} FROM rv
      WHERE s.id = ${plan.sessionId}
      RETURNING 1
    ),
    ${eventCtes(scope, "reviewed", Prisma.sql`${JSON.stringify(after)}::jsonb || jsonb_build_object('comments', (SELECT count(*)::int FROM published))`, null, at)}
    SELECT ${CARD_OF_CUR}, rv.id AS review_id, rv.created_at AS review_created_at, (SELECT count(*)::int FROM published) AS comments
    FROM cur CROSS JOIN rv CROSS JOIN (SELECT count(*) FROM recorded) AS announced CROSS JOIN (SELECT count(*) FROM counted) AS sessions`;
  const row = rows[0];
  if (!row) return null;
  const { review_id, review_created_at, comments, ...card } = row;
  return { review: { id: review_id, verdict: data.verdict, createdAt: review_created_at.toISOString(), comments }, task: cardOfRow(card, read.board_key) };
}
