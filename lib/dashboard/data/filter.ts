import "server-only";
import { db, Prisma } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { rangeOf } from "../schema";

// What every dashboard figure is filtered by, and the SQL pieces the figures share.

export interface DashboardFilter {
  /** Inclusive start and exclusive end, as instants. */
  from: Date;
  to: Date;
  /** A board's id, or every board. */
  boardId?: string;
  /** IANA time zone whose Mondays start the weeks (the reader's). */
  timeZone: string;
}

/** Whether PostgreSQL (and the browser) know this IANA time zone; the filter's schema checks it. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length <= 64;
  } catch {
    return false;
  }
}

export function checkFilter(filter: DashboardFilter): void {
  if (!isTimeZone(filter.timeZone)) throw new AppError("invalid", "Some fields are not valid.", { tz: ["Send an IANA time zone, e.g. Europe/Berlin."] });
}

/** `AND t.board_id = …` when the filter names a board (the task table must be aliased `t`). */
export function onBoard(filter: DashboardFilter): Prisma.Sql {
  return filter.boardId ? Prisma.sql`AND t.board_id = ${filter.boardId}` : Prisma.empty;
}

/**
 * Rows of live tasks only, for a row whose task id is `taskId`: with a board, a join on the task
 * (aliased `t`); without one, an anti-join on the workspace's few deleted tasks, which spares
 * joining every task.
 */
export function liveTasks(scope: WorkspaceScope, filter: DashboardFilter, taskId: Prisma.Sql): { join: Prisma.Sql; where: Prisma.Sql } {
  return filter.boardId
    ? { join: Prisma.sql`JOIN tasks t ON t.id = ${taskId} AND t.deleted_at IS NULL AND t.board_id = ${filter.boardId}`, where: Prisma.empty }
    : { join: Prisma.empty, where: Prisma.sql`AND NOT EXISTS (SELECT 1 FROM tasks d WHERE d.workspace_id = ${scope.workspaceId} AND d.deleted_at IS NOT NULL AND d.id = ${taskId})` };
}

/** `col >= from AND col < to`. */
export function inRange(column: Prisma.Sql, filter: DashboardFilter): Prisma.Sql {
  return Prisma.sql`${column} >= ${filter.from} AND ${column} < ${filter.to}`;
}

/**
 * A delegated task's *outcome*: its last final verdict (accept or reject) in the range, with the
 * review loops it used by then (`reviews.loop_count`), the agent of the attempt decided on, what the
 * task took (attempts, cost, time, spec score at hand-off), its spec author and its board — all kept
 * on the final review, so that no task is joined (decision 44). One row per live task.
 */
export function outcomes(scope: WorkspaceScope, filter: DashboardFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (r.task_id) r.task_id, r.verdict::text AS verdict, r.loop_count, r.reason::text AS reason, r.created_at,
           r.agent_id, r.attempts, r.cost_cents, r.agent_seconds, r.handoff_score, r.submitted_at, r.spec_author_id, r.board_id
    FROM reviews r
    WHERE r.workspace_id = ${scope.workspaceId}
      AND r.verdict IN ('accept', 'reject')
      AND ${inRange(Prisma.sql`r.created_at`, filter)}
      ${filter.boardId ? Prisma.sql`AND r.board_id = ${filter.boardId}` : Prisma.empty}
      AND NOT EXISTS (SELECT 1 FROM tasks d WHERE d.workspace_id = ${scope.workspaceId} AND d.deleted_at IS NOT NULL AND d.id = r.task_id)
    ORDER BY r.task_id, r.created_at DESC`;
}

/** Counts of outcomes as columns: tasks, first_pass, after_loops, rejected, mean_loops (over `o`). */
export const OUTCOME_COUNTS = Prisma.sql`
  count(*)::int AS tasks,
  count(*) FILTER (WHERE o.verdict = 'accept' AND o.loop_count = 0)::int AS first_pass,
  count(*) FILTER (WHERE o.verdict = 'accept' AND o.loop_count > 0)::int AS after_loops,
  count(*) FILTER (WHERE o.verdict = 'reject')::int AS rejected,
  avg(o.loop_count)::float8 AS mean_loops`;

export interface OutcomeCounts {
  tasks: number;
  firstPass: number;
  afterLoops: number;
  rejected: number;
  /** Null without outcomes. */
  meanLoops: number | null;
}

export function toOutcomeCounts(row: { tasks: number; first_pass: number; after_loops: number; rejected: number; mean_loops: number | null }): OutcomeCounts {
  return { tasks: row.tasks, firstPass: row.first_pass, afterLoops: row.after_loops, rejected: row.rejected, meanLoops: row.mean_loops };
}

/** A spread of durations, in seconds (null without any). */
export interface Spread {
  count: number;
  median: number | null;
  p90: number | null;
}


export interface ResolvedFilter {
  filter: DashboardFilter;
  /** The days shown, as YYYY-MM-DD (to inclusive). */
  range: { from: string; to: string };
  board: { id: string; key: string; name: string } | null;
}

/**
 * The filter a dashboard query means (the page, its CSV and the metrics API share it): eight weeks
 * up to today by default, UTC days, every board unless one is named. `strict` refuses a board or time
 * zone it does not know (the API: 400 naming the field); the page falls back to the defaults instead.
 */
export async function resolveFilter(scope: WorkspaceScope, query: { from?: string; to?: string; board?: string; tz?: string }, strict: boolean): Promise<ResolvedFilter> {
  assertCan(scope, "metrics.read");
  const range = rangeOf(query);
  let timeZone = "UTC";
  if (query.tz) {
    if (isTimeZone(query.tz)) timeZone = query.tz;
    else if (strict) throw new AppError("invalid", "Some fields are not valid.", { tz: ["Send an IANA time zone, e.g. Europe/Berlin."] });
  }
  let board: ResolvedFilter["board"] = null;
  if (query.board) {
    board = await db().board.findFirst({ where: { workspaceId: scope.workspaceId, key: query.board.toUpperCase() }, select: { id: true, key: true, name: true } });
    if (!board && strict) throw new AppError("invalid", "Some fields are not valid.", { board: [`No board has the key ${query.board}.`] });
  }
  return {
    filter: { from: new Date(`${range.from}T00:00:00Z`), to: new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000), boardId: board?.id, timeZone },
    range,
    board,
  };
}
