import "server-only";
import { keysBetween } from "@/lib/board/ordering";
import { publish } from "@/lib/core/realtime";
import { db, Prisma, type DbClient, type Tx } from "@/lib/core/db";
import { isDeadlock, isUniqueViolation } from "@/lib/core/errors";
import type { Lane, Status } from "../schema";

// A cell (board × lane × status) and its cards' position keys: the lock its writers share, and
// the rebalance that keeps keys short when cards keep landing at one spot.

/** Keys longer than this are rewritten with the rest of their cell (see rebalanceCell). */
export const MAX_KEY_LENGTH = 24;

/** The advisory lock key of a cell; the fast move takes the same one (./move.ts). */
export function cellLockKey(boardId: string, lane: Lane, status: Status): string {
  return `${boardId}:${lane}:${status}`;
}

/** `alias` (a row of tasks) is a live card of the cell: for the WHERE of a statement's subqueries. */
export function inCell(alias: string, boardId: Prisma.Sql, cell: { lane: Lane; status: Status }): Prisma.Sql {
  const t = Prisma.raw(alias);
  return Prisma.sql`${t}.board_id = ${boardId} AND ${t}.lane = ${cell.lane}::"Lane" AND ${t}.status = ${cell.status}::"TaskStatus" AND ${t}.deleted_at IS NULL`;
}

/**
 * The cell's lock for a write done in one statement, as a query to put in a MATERIALIZED CTE that
 * the write reads (`free`): taken if free, so that a locked writer of the cell (lockCell) then
 * waits for this write and sees it; if that writer holds it, the write changes nothing and reads
 * again. Not waiting matters: the statement's snapshot is older than the wait, so it would not see
 * what the holder wrote.
 */
export function tryLockCell(boardId: string, lane: Lane, status: Status): Prisma.Sql {
  return Prisma.sql`SELECT pg_try_advisory_xact_lock(hashtext(${cellLockKey(boardId, lane, status)})) AS free`;
}

export interface CellRef {
  boardId: string;
  lane: Lane;
  status: Status;
}

/** Tries of a write that puts its card last in a cell (writeLastInCell). */
const LAST_IN_CELL_TRIES = 4;

/**
 * Runs a write that puts a card last in a cell in one statement (a verdict, an agent's attempt):
 * `write` reads, decides and writes with `client`, tells through `aim` which cell it lands in,
 * and returns null when its write changed nothing (the task or the cell moved since its read).
 * The first try waits for nothing. Writers appending to one cell at once all read the same last
 * card, so after a lost race trying again unlocked would mostly lose again: the next tries run in
 * a transaction that first waits for the cell's lock (`inTransaction`), as the locked writers do,
 * and cannot lose to another appender. A unique violation (two writers, one key) or a deadlock
 * with a locked writer counts as a lost race. Null after every try lost.
 */
export async function writeLastInCell<T>(write: (client: DbClient, aim: (cell: CellRef) => void, inTransaction: boolean) => Promise<T | null>): Promise<T | null> {
  const aimed: { cell: CellRef | null } = { cell: null };
  const aim = (target: CellRef) => {
    aimed.cell = target;
  };
  for (let attempt = 0; attempt < LAST_IN_CELL_TRIES; attempt++) {
    const target = aimed.cell;
    try {
      const result =
        target === null
          ? await write(db(), aim, false)
          : await db().$transaction(async (tx) => {
              await lockCell(tx, target.boardId, target.lane, target.status);
              return write(tx, aim, true);
            });
      if (result !== null) return result;
    } catch (error) {
      if (!isUniqueViolation(error) && !isDeadlock(error)) throw error;
    }
  }
  return null;
}

/** Serialises writers of one cell so that two cards never get the same position key. */
export async function lockCell(tx: Tx, boardId: string, lane: Lane, status: Status) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${cellLockKey(boardId, lane, status)}))`;
}

/**
 * Gives every live card of a cell a fresh, short key, in the order they have (fractional keys
 * grow by about a character every six inserts at one spot: 10,000 drops after the same card would
 * make keys of ~1,700 characters). Under the cell's lock; open boards re-read on the announcement.
 * Versions do not move: a card's place is not something an edit can be stale about.
 */
export async function rebalanceCell(workspaceId: string, boardId: string, lane: Lane, status: Status): Promise<void> {
  await db().$transaction(async (tx) => {
    await lockCell(tx, boardId, lane, status);
    const cards = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM tasks WHERE board_id = ${boardId} AND lane = ${lane}::"Lane" AND status = ${status}::"TaskStatus" AND deleted_at IS NULL
      ORDER BY position, id`;
    if (cards.length === 0) return;
    const ids = cards.map((c) => c.id);
    const keys = keysBetween(null, null, ids.length);
    // Keys are unique per cell at every row, so first move every card out of the key space (a '~'
    // sorts after every key character), then give each its new key.
    await tx.$executeRaw`UPDATE tasks SET position = '~' || id WHERE id = ANY(${ids}::text[])`;
    await tx.$executeRaw`UPDATE tasks t SET position = k.key FROM unnest(${ids}::text[], ${keys}::text[]) AS k(id, key) WHERE t.id = k.id`;
    await publish(tx, { workspaceId, boardId, taskId: ids[0]!, type: "rebalanced", actorId: null, version: 0 });
  });
}
