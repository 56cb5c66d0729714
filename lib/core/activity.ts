import "server-only";
import { now } from "./clock";
import { Prisma, type Tx } from "./db";
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
  await tx.taskEvent.create({
    data: {
      workspaceId: actor.workspaceId,
      taskId: task.id,
      actorId: actor.userId,
      agentId: actor.agentId,
      type,
      before: before ?? Prisma.DbNull,
      after: after ?? Prisma.DbNull,
      createdAt: now(),
    },
  });
  await publish(tx, { workspaceId: actor.workspaceId, boardId: task.boardId, taskId: task.id, type, actorId: actor.userId, version: task.version });
}
