import "server-only";
import { Prisma } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import type { WorkspaceScope } from "@/lib/core/scope";

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

/** `col >= from AND col < to`. */
export function inRange(column: Prisma.Sql, filter: DashboardFilter): Prisma.Sql {
  return Prisma.sql`${column} >= ${filter.from} AND ${column} < ${filter.to}`;
}

/**
 * A delegated task's *outcome*: its last final verdict (accept or reject) in the range, with the
 * review loops it used by then (`reviews.loop_count`), the agent of the attempt decided on, the
 * spec author and the board. One row per task.
 */
export function outcomes(scope: WorkspaceScope, filter: DashboardFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (r.task_id) r.task_id, r.verdict::text AS verdict, r.loop_count, r.reason::text AS reason, r.created_at,
           s.agent_id, t.spec_author_id, t.board_id
    FROM reviews r
    JOIN submissions s ON s.id = r.submission_id
    JOIN tasks t ON t.id = r.task_id
    WHERE r.workspace_id = ${scope.workspaceId}
      AND r.verdict IN ('accept', 'reject')
      AND ${inRange(Prisma.sql`r.created_at`, filter)}
      AND t.deleted_at IS NULL
      ${onBoard(filter)}
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

/** count, median, p90 of an interval expression, as columns `count`, `median`, `p90` (seconds). */
export function spreadOf(interval: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    count(*)::int AS count,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${interval}))::float8 AS median,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ${interval}))::float8 AS p90`;
}
