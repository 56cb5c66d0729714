import "server-only";
import { randomUUID } from "node:crypto";
import { now } from "./clock";
import type { Prisma, Tx } from "./db";
import { publish } from "./realtime";

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

export async function recordEvent(
  tx: Tx,
  actor: EventActor,
  task: EventTask,
  type: string,
  after: Prisma.InputJsonValue | null,
  before: Prisma.InputJsonValue | null = null,
): Promise<void> {
  const at = now();
  const json = (value: Prisma.InputJsonValue | null) => (value === null ? null : JSON.stringify(value));
  // One statement: the event, and the task's status stretches (task_status_spans) brought up to
  // date from the row as this transaction left it — the stretch it was in closes when its status
  // changed, and the new one opens (a Done one with when the task's cycle began). `closed` is read
  // by the insert so that it runs first (the one-open-stretch index would otherwise see two).
  await tx.$executeRaw`
    WITH cur AS (SELECT id, workspace_id, lane, status FROM tasks WHERE id = ${task.id}),
    ev AS (
      INSERT INTO task_events (id, workspace_id, task_id, actor_id, agent_id, type, before, after, created_at)
      VALUES (${randomUUID()}, ${actor.workspaceId}, ${task.id}, ${actor.userId}, ${actor.agentId}, ${type}, ${json(before)}::jsonb, ${json(after)}::jsonb, ${at})
      RETURNING 1
    ),
    open AS (SELECT status FROM task_status_spans WHERE task_id = ${task.id} AND ended_at IS NULL),
    closed AS (
      UPDATE task_status_spans s SET ended_at = ${at} FROM cur
      WHERE s.task_id = cur.id AND s.ended_at IS NULL AND s.status <> cur.status
      RETURNING s.id
    )
    INSERT INTO task_status_spans (id, workspace_id, task_id, lane, status, started_at, cycle_from)
    SELECT ${randomUUID()}, cur.workspace_id, cur.id, cur.lane, cur.status, ${at},
           CASE WHEN cur.status = 'done' THEN (
             SELECT min(s.started_at) FROM task_status_spans s WHERE s.task_id = cur.id AND s.status IN ('ready', 'in_progress', 'in_review')
           ) END
    FROM cur CROSS JOIN (SELECT count(*) FROM closed) AS done
    WHERE NOT EXISTS (SELECT 1 FROM open WHERE open.status = cur.status)`;
  await publish(tx, { workspaceId: actor.workspaceId, boardId: task.boardId, taskId: task.id, type, actorId: actor.userId, version: task.version });
}
