import "server-only";
import { randomUUID } from "node:crypto";
import { now } from "./clock";
import { Prisma, type Tx } from "./db";
import { CHANNEL } from "./realtime";

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
 * as the change leaves it (id, workspace_id, board_id, lane, status, version). A write that changes
 * the task in the same statement (the card move) selects `cur` from its UPDATE … RETURNING; the
 * main query must read `recorded` so that the announcement runs.
 *
 * The stretch the task was in closes when its status changed, and the new one opens (a Done one
 * with when the task's cycle began). `closed` is read by the insert so that it runs first (the
 * one-open-stretch index would otherwise see two). The announcement is pg_notify: delivered to
 * every instance's listener only if the transaction commits.
 */
export function eventCtes(actor: EventActor, type: string, after: Prisma.InputJsonValue | null, before: Prisma.InputJsonValue | null, at: Date): Prisma.Sql {
  const json = (value: Prisma.InputJsonValue | null) => (value === null ? null : JSON.stringify(value));
  return Prisma.sql`
    ev AS (
      INSERT INTO task_events (id, workspace_id, task_id, actor_id, agent_id, type, before, after, created_at)
      SELECT ${randomUUID()}, cur.workspace_id, cur.id, ${actor.userId}, ${actor.agentId}, ${type}, ${json(before)}::jsonb, ${json(after)}::jsonb, ${at} FROM cur
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
        'workspaceId', cur.workspace_id, 'boardId', cur.board_id, 'taskId', cur.id, 'type', ${type}::text, 'actorId', ${actor.userId}::text, 'version', cur.version
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
    WITH cur AS (SELECT id, workspace_id, board_id, lane, status, version FROM tasks WHERE id = ${task.id}),
    ${eventCtes(actor, type, after, before, now())}
    SELECT count(*)::int AS recorded FROM recorded`;
}
