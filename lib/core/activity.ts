import "server-only";
import { randomUUID } from "node:crypto";
import { now } from "./clock";
import { db, Prisma, type Tx } from "./db";
import { assertCan, type WorkspaceScope } from "./scope";
import { CHANNEL, type LiveEvent } from "./realtime";

// The activity log: every change to a task is an event (who, what, when), recorded in the same
// transaction as the change and announced to open boards (delivered only if it commits). This is
// the one place that does both, so no write can record without announcing or the reverse.

export interface EventTask {
  id: string;
  boardId: string;
  /** The task's version after the change; open views refetch when it moves. */
  version: number;
}

export interface EventActor {
  workspaceId: string;
  /** The member who acted; null for agents and GitHub. */
  userId: string | null;
  /** The agent who acted (API token, MCP, GitHub); null for members. */
  agentId: string | null;
}

/**
 * The event, the task's status stretches and the announcement, as CTEs over `cur`: the task's row
 * as the change leaves it (id, workspace_id, board_id, number, lane, status, position, version, deleted_at). A write that changes
 * the task in the same statement (the card move) selects `cur` from its UPDATE … RETURNING; the
 * main query must read `recorded` so that the announcement runs.
 *
 * The stretch the task was in closes when its status changed, and the new one opens (a Done one
 * with when the task's cycle began). `closed` is read by the insert so that it runs first (the
 * one-open-stretch index would otherwise see two). The announcement is pg_notify: delivered to
 * every instance's listener only if the transaction commits.
 */
export function eventCtes(actor: EventActor, type: string, after: Prisma.InputJsonValue | Prisma.Sql | null, before: Prisma.InputJsonValue | null, at: Date): Prisma.Sql {
  const json = (value: Prisma.InputJsonValue | null) => (value === null ? null : JSON.stringify(value));
  // `after` may be a jsonb expression over the statement's other CTEs (what the write counted).
  const afterSql = after instanceof Prisma.Sql ? after : Prisma.sql`${json(after)}::jsonb`;
  return Prisma.sql`
    ev AS (
      INSERT INTO task_events (id, workspace_id, task_id, actor_id, agent_id, type, before, after, created_at)
      SELECT ${randomUUID()}, cur.workspace_id, cur.id, ${actor.userId}, ${actor.agentId}, ${type}, ${json(before)}::jsonb, ${afterSql}, ${at} FROM cur
      RETURNING 1
    ),
    open AS (SELECT s.status FROM task_status_spans s JOIN cur ON s.task_id = cur.id WHERE s.ended_at IS NULL),
    closed AS (
      UPDATE task_status_spans s SET ended_at = ${at} FROM cur
      WHERE s.task_id = cur.id AND s.ended_at IS NULL AND s.status <> cur.status
      RETURNING s.id
    ),
    opened AS (
      INSERT INTO task_status_spans (id, workspace_id, task_id, lane, status, started_at, cycle_from)
      SELECT ${randomUUID()}, cur.workspace_id, cur.id, cur.lane, cur.status, ${at},
             CASE WHEN cur.status = 'done' THEN (
               SELECT min(s.started_at) FROM task_status_spans s WHERE s.task_id = cur.id AND s.status IN ('ready', 'in_progress', 'in_review')
             ) END
      FROM cur CROSS JOIN (SELECT count(*) FROM closed) AS done
      WHERE NOT EXISTS (SELECT 1 FROM open WHERE open.status = cur.status)
      RETURNING 1
    ),
    recorded AS (
      SELECT pg_notify(${CHANNEL}, json_build_object(
        'workspaceId', cur.workspace_id, 'boardId', cur.board_id, 'taskId', cur.id, 'type', ${type}::text, 'actorId', ${actor.userId}::text, 'version', cur.version, 'at', ${at.toISOString()}::text,
        'card', json_build_object('number', cur.number, 'lane', cur.lane, 'status', cur.status, 'position', cur.position, 'deleted', cur.deleted_at IS NOT NULL)
      )::text) FROM cur
    )`;
}

/** Records a change the transaction has made to the task (its row as the transaction left it): one statement. */
export async function recordEvent(
  tx: Tx,
  actor: EventActor,
  task: EventTask,
  type: string,
  after: Prisma.InputJsonValue | null,
  before: Prisma.InputJsonValue | null = null,
): Promise<void> {
  await tx.$queryRaw`
    WITH cur AS (SELECT id, workspace_id, board_id, number, lane, status, position, version, deleted_at FROM tasks WHERE id = ${task.id}),
    ${eventCtes(actor, type, after, before, now())}
    SELECT count(*)::int AS recorded FROM recorded`;
}

/**
 * The changes recorded in a workspace from `since` on, oldest first, as the live events that
 * announced them, with where each card stands now: what a live stream that (re)connects replays so
 * that the board catches up without reading itself again. At most `limit` (the caller treats a full
 * page as a gap).
 */
export async function changesSince(scope: WorkspaceScope, since: Date, limit: number): Promise<LiveEvent[]> {
  assertCan(scope, "workspace.read");
  const rows = await db().$queryRaw<
    { taskId: string; boardId: string; type: string; actorId: string | null; at: Date; number: number; lane: string; status: string; position: string; version: number; deleted: boolean }[]
  >`
    SELECT e.task_id AS "taskId", t.board_id AS "boardId", e.type, e.actor_id AS "actorId", e.created_at AS at,
           t.number, t.lane::text AS lane, t.status::text AS status, t.position, t.version, t.deleted_at IS NOT NULL AS deleted
    FROM task_events e JOIN tasks t ON t.id = e.task_id
    -- From the same millisecond on: an event id is a time, and two changes can share one (the
    -- browser skips versions it has, so seeing one twice is harmless; missing one is not).
    WHERE e.workspace_id = ${scope.workspaceId} AND e.created_at >= ${since}
    ORDER BY e.created_at, e.id
    LIMIT ${limit}`;
  return rows.map((r) => ({
    workspaceId: scope.workspaceId,
    boardId: r.boardId,
    taskId: r.taskId,
    type: r.type,
    actorId: r.actorId,
    version: r.version,
    at: r.at.toISOString(),
    card: { number: r.number, lane: r.lane, status: r.status, position: r.position, deleted: r.deleted },
  }));
}
