import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import { keyBetween } from "@/lib/board/ordering";
import { eventCtes } from "@/lib/core/activity";
import { now } from "@/lib/core/clock";
import { db, Prisma } from "@/lib/core/db";
import { assertInTime } from "@/lib/core/deadline";
import { isDeadlock, isUniqueViolation, notFound } from "@/lib/core/errors";
import type { WorkspaceScope } from "@/lib/core/scope";
import { inCell, MAX_KEY_LENGTH, rebalanceCell, tryLockCell } from "./cell";
import { CARD_OF_CUR, cardOfRow, type CardRow } from "./card-sql";
import { laneChangeRequirements } from "../lane-rules";
import { parseTaskKey, type Lane, type Status } from "../schema";
import { readTriage } from "../triage";
import type { TaskCardData } from "../types";

// The card move, the board's hottest write, in two statements and no interactive transaction
// (decision 45): one read finds the task, the workspace's gate and the card's new neighbours; the
// key between them is computed here; one write moves the card, records the event and its status
// stretches and announces it — and does nothing if anything it relied on changed meanwhile (the
// task's version, the neighbours' keys, a card now between them), or if another mover took the
// same key (the cell's unique index). Then it reads again. Moves the lane rules have something to
// say about, and moves that keep losing races, take the locked path (`moveTaskLocked`).

/** Reads and writes before a move gives up on the fast path (races lost to other moves of the cell). */
const ATTEMPTS = 6;

export interface MoveInput {
  lane: Lane;
  status: Status;
  afterId: string | null;
}

interface MoveRead {
  id: string;
  board_id: string;
  number: number;
  lane: Lane;
  status: Status;
  position: string;
  version: number;
  triage: unknown;
  spec_score: number | null;
  threshold: number;
  anchor_position: string | null;
  next_position: string | null;
  last_position: string | null;
}

/** Tries the fast path; null when the move must take the locked path instead. */
export async function fastMove(scope: WorkspaceScope, key: string, data: MoveInput): Promise<TaskCardData | null> {
  const parsed = parseTaskKey(key);
  if (!parsed) throw notFound("Task not found.");
  let rebalanced = false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // Lost a race: the cell is busy with other moves. Wait a few milliseconds (more each time,
    // jittered so that the losers do not come back together) and read again.
    if (attempt > 0) await delay(attempt * (1 + Math.random() * 4));
    const current = await readMove(scope, parsed, data);
    if (!current) throw notFound("Task not found.");
    if (data.afterId === current.id) return null;
    const requirements = laneChangeRequirements({
      from: current,
      to: data,
      triage: readTriage(current.triage),
      // The stored score, kept by every spec save: a move does not lint the spec again.
      specScore: current.spec_score ?? 0,
      threshold: current.threshold,
    });
    if (requirements.length > 0) return null;
    // Dropped after a card that has left the cell meanwhile: keep the move, place it last.
    const anchored = data.afterId !== null && current.anchor_position !== null;
    const before = anchored ? current.anchor_position : data.afterId === null ? null : current.last_position;
    const after = anchored || data.afterId === null ? current.next_position : null;
    const position = keyBetween(before, after);
    if (position.length > MAX_KEY_LENGTH && !rebalanced) {
      await rebalanceCell(scope.workspaceId, current.board_id, data.lane, data.status);
      rebalanced = true;
      attempt--;
      continue;
    }
    assertInTime();
    try {
      const moved = await writeMove(scope, parsed.boardKey, current, data, { anchorId: anchored ? data.afterId : null, before, after, position });
      if (moved) return moved;
    } catch (error) {
      // Another mover took the same key, or this statement and a locked writer of the cell waited
      // on each other (the move holds the cell, the writer the card's row): read again.
      if (!isUniqueViolation(error) && !isDeadlock(error)) throw error;
    }
  }
  return null;
}

async function readMove(scope: WorkspaceScope, key: { boardKey: string; number: number }, data: MoveInput): Promise<MoveRead | null> {
  const cell = (alias: string) => inCell(alias, Prisma.sql`t.board_id`, data);
  const rows = await db().$queryRaw<MoveRead[]>`
    SELECT t.id, t.board_id, t.number, t.lane::text AS lane, t.status::text AS status, t.position, t.version, t.triage, t.spec_score,
           w.spec_threshold AS threshold, a.position AS anchor_position,
           (SELECT n.position FROM tasks n WHERE ${cell("n")} AND n.id <> t.id AND (a.position IS NULL OR n.position > a.position)
            ORDER BY n.position LIMIT 1) AS next_position,
           (SELECT l.position FROM tasks l WHERE ${cell("l")} AND l.id <> t.id ORDER BY l.position DESC LIMIT 1) AS last_position
    FROM tasks t
    JOIN boards b ON b.id = t.board_id
    JOIN workspaces w ON w.id = t.workspace_id
    LEFT JOIN tasks a ON a.id = ${data.afterId} AND a.id <> t.id AND ${cell("a")}
    WHERE t.workspace_id = ${scope.workspaceId} AND b.workspace_id = ${scope.workspaceId} AND b.key = ${key.boardKey} AND t.number = ${key.number}
      AND t.deleted_at IS NULL`;
  return rows[0] ?? null;
}

async function writeMove(
  scope: WorkspaceScope,
  boardKey: string,
  current: MoveRead,
  data: MoveInput,
  place: { anchorId: string | null; before: string | null; after: string | null; position: string },
): Promise<TaskCardData | null> {
  const at = now();
  const boardId = Prisma.sql`${current.board_id}`;
  const cell = (alias: string) => inCell(alias, boardId, data);
  const rows = await db().$queryRaw<CardRow[]>`
    -- The cell's lock, as lockCell takes it, if free: a locked writer of the cell (a create, a
    -- verdict) then waits for this move and sees it; if that writer holds it, this move waits for
    -- nothing and reads again. A writer that committed after this statement began but before the lock
    -- can still take the same key: the cell's unique index refuses one of the two, and this one reads again.
    WITH lock AS MATERIALIZED (${tryLockCell(current.board_id, data.lane, data.status)}),
    cur AS (
      UPDATE tasks t SET lane = ${data.lane}::"Lane", status = ${data.status}::"TaskStatus", position = ${place.position}, updated_at = ${at}, version = t.version + 1
      FROM lock
      WHERE lock.free AND t.id = ${current.id} AND t.version = ${current.version} AND t.deleted_at IS NULL
        -- The neighbours are where the read found them, and no card came between them.
        AND (${place.anchorId}::text IS NULL OR EXISTS (SELECT 1 FROM tasks a WHERE a.id = ${place.anchorId} AND a.position = ${place.before} AND ${cell("a")}))
        AND (${place.after}::text IS NULL OR EXISTS (SELECT 1 FROM tasks n WHERE n.position = ${place.after} AND ${cell("n")}))
        AND NOT EXISTS (
          SELECT 1 FROM tasks c WHERE ${cell("c")} AND c.id <> t.id
            AND (${place.before}::text IS NULL OR c.position > ${place.before}) AND (${place.after}::text IS NULL OR c.position < ${place.after}))
      RETURNING t.*
    ),
    ${eventCtes(scope, "moved", { lane: data.lane, status: data.status, position: place.position }, { lane: current.lane, status: current.status, position: current.position }, at)}
    SELECT ${CARD_OF_CUR}
    FROM cur CROSS JOIN (SELECT count(*) FROM recorded) AS announced`;
  const row = rows[0];
  return row ? cardOfRow(row, boardKey) : null;
}
