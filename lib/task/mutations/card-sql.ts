import "server-only";
import { Prisma } from "@/lib/core/db";
import { toTaskCard, type TaskRow } from "../data";
import type { TaskCardData } from "../types";

// A write done in one statement (the move, a verdict) reads the card it changed in that statement
// too: these are the columns toTaskCard needs, selected from `cur` — the task's row as the write's
// UPDATE … RETURNING t.* left it.

export type CardRow = Omit<TaskRow, "_count" | "board" | "sessions"> & { submissions: number; session: TaskRow["sessions"][number] | null };

export const CARD_OF_CUR = Prisma.sql`
  cur.id, cur.number, cur.title, cur.lane::text AS lane, cur.status::text AS status, cur.position, cur.labels, cur.version, cur.triage,
  cur.spec_score AS "specScore", cur.loop_count AS "loopCount", cur.assigned_at AS "assignedAt", cur.claimed_at AS "claimedAt",
  cur.submitted_at AS "submittedAt", cur.reviewed_at AS "reviewedAt",
  (SELECT json_build_object('id', g.id, 'name', g.name, 'kind', g.kind) FROM agents g WHERE g.id = cur.agent_id) AS agent,
  (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = cur.owner_id) AS owner,
  (SELECT count(*)::int FROM submissions s WHERE s.task_id = cur.id) AS submissions,
  (SELECT json_build_object('id', ls.id, 'state', ls.state, 'phase', ls.phase, 'user', json_build_object('id', u.id, 'name', u.name, 'email', u.email))
   FROM leverage_sessions ls JOIN users u ON u.id = ls.user_id WHERE ls.task_id = cur.id AND ls.state <> 'finished' LIMIT 1) AS session`;

export function cardOfRow(row: CardRow, boardKey: string): TaskCardData {
  const { submissions, session, ...card } = row;
  return toTaskCard({ ...card, _count: { submissions }, board: { key: boardKey }, sessions: session ? [session] : [] });
}
