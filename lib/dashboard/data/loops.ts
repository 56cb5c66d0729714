import "server-only";
import { db, Prisma } from "@/lib/core/db";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import type { RejectReason } from "@/lib/review/rules";
import { checkFilter, outcomes, type DashboardFilter } from "./filter";

// The team dashboard's figures, computed in PostgreSQL — exact, never sampled. The unit is a
// delegated task's *outcome*: its last final verdict (accept or reject) in the range, with the
// review loops it used by then (`reviews.loop_count`: the "request changes" rounds before it).

export interface LoopMetrics {
  outcomes: number;
  accepted: number;
  /** Accepted after 0 loops. */
  firstPass: number;
  /** Accepted after 1 loop or more. */
  afterLoops: number;
  rejected: number;
  /** Mean loops per outcome (rejected ones count the loops they used); null without outcomes. */
  meanLoops: number | null;
  /** Accepted tasks by loops used, then the rejected ones: [{ bucket: "0" | "1" | … | "rejected", tasks }]. */
  distribution: { bucket: string; tasks: number }[];
  reasons: { reason: RejectReason; tasks: number }[];
  /** Per week (Monday, in the filter's time zone, as YYYY-MM-DD). */
  weekly: { week: string; outcomes: number; firstPass: number; rejected: number; meanLoops: number }[];
}

export type Breakdown = "agent" | "author" | "board";

export interface BreakdownRow {
  /** The agent's, spec author's or board's id; null for outcomes without one. */
  id: string | null;
  name: string;
  outcomes: number;
  firstPass: number;
  rejected: number;
  meanLoops: number;
}

export interface LoopFigures {
  loops: LoopMetrics;
  breakdowns: Record<Breakdown, BreakdownRow[]>;
}

/** Per agent (of the decided attempt), spec author and board: the key, the name and the join. */
const BREAKDOWNS: Record<Breakdown, [Prisma.Sql, Prisma.Sql, Prisma.Sql]> = {
  agent: [Prisma.sql`o.agent_id`, Prisma.sql`coalesce(min(a.name), 'No agent')`, Prisma.sql`LEFT JOIN agents a ON a.id = o.agent_id`],
  author: [Prisma.sql`o.spec_author_id`, Prisma.sql`coalesce(min(u.name), min(u.email), 'No spec author')`, Prisma.sql`LEFT JOIN users u ON u.id = o.spec_author_id`],
  board: [Prisma.sql`o.board_id`, Prisma.sql`min(b.key) || ' · ' || min(b.name)`, Prisma.sql`JOIN boards b ON b.id = o.board_id`],
};

/**
 * The loop figures and their breakdowns in one statement: the outcomes are found once
 * (MATERIALIZED) and every figure is a subquery over them, each answered as JSON.
 */
export async function loopFigures(scope: WorkspaceScope, filter: DashboardFilter): Promise<LoopFigures> {
  assertCan(scope, "metrics.read");
  checkFilter(filter);
  // created_at is UTC without a zone: read it as UTC, then as the reader's local time.
  const week = Prisma.sql`date_trunc('week', (o.created_at AT TIME ZONE 'UTC') AT TIME ZONE ${filter.timeZone})`;
  const breakdown = (by: Breakdown) => {
    const [key, name, join] = BREAKDOWNS[by];
    return Prisma.sql`(SELECT coalesce(json_agg(x ORDER BY x.outcomes DESC, x.name), '[]') FROM (
      SELECT ${key} AS id, ${name} AS name, count(*)::int AS outcomes,
             count(*) FILTER (WHERE o.verdict = 'accept' AND o.loop_count = 0)::int AS "firstPass",
             count(*) FILTER (WHERE o.verdict = 'reject')::int AS rejected,
             avg(o.loop_count)::float8 AS "meanLoops"
      FROM o ${join} GROUP BY ${key}) x)`;
  };
  const [row] = await db().$queryRaw<[{ totals: Omit<LoopMetrics, "distribution" | "reasons" | "weekly">; distribution: LoopMetrics["distribution"]; reasons: LoopMetrics["reasons"]; weekly: LoopMetrics["weekly"]; agent: BreakdownRow[]; author: BreakdownRow[]; board: BreakdownRow[] }]>`
    WITH o AS MATERIALIZED (${outcomes(scope, filter)})
    SELECT
      (SELECT json_build_object(
         'outcomes', count(*)::int,
         'accepted', count(*) FILTER (WHERE verdict = 'accept')::int,
         'firstPass', count(*) FILTER (WHERE verdict = 'accept' AND loop_count = 0)::int,
         'afterLoops', count(*) FILTER (WHERE verdict = 'accept' AND loop_count > 0)::int,
         'rejected', count(*) FILTER (WHERE verdict = 'reject')::int,
         'meanLoops', avg(loop_count)::float8) FROM o) AS totals,
      (SELECT coalesce(json_agg(x ORDER BY x.rejected, x.loops), '[]') FROM (
         SELECT CASE WHEN verdict = 'reject' THEN 'rejected' ELSE loop_count::text END AS bucket, count(*)::int AS tasks,
                bool_or(verdict = 'reject') AS rejected, min(loop_count) AS loops
         FROM o GROUP BY 1) x) AS distribution,
      (SELECT coalesce(json_agg(x ORDER BY x.tasks DESC, x.reason), '[]') FROM (
         SELECT coalesce(reason, 'other') AS reason, count(*)::int AS tasks FROM o WHERE verdict = 'reject' GROUP BY 1) x) AS reasons,
      -- Weeks formatted once each, not once per outcome.
      (SELECT coalesce(json_agg(json_build_object('week', to_char(x.week, 'YYYY-MM-DD'), 'outcomes', x.outcomes, 'firstPass', x."firstPass", 'rejected', x.rejected, 'meanLoops', x."meanLoops") ORDER BY x.week), '[]') FROM (
         SELECT ${week} AS week, count(*)::int AS outcomes,
                count(*) FILTER (WHERE verdict = 'accept' AND loop_count = 0)::int AS "firstPass",
                count(*) FILTER (WHERE verdict = 'reject')::int AS rejected,
                avg(loop_count)::float8 AS "meanLoops"
         FROM o GROUP BY 1) x) AS weekly,
      ${breakdown("agent")} AS agent, ${breakdown("author")} AS author, ${breakdown("board")} AS board`;
  return {
    loops: { ...row.totals, distribution: row.distribution.map((d) => ({ bucket: d.bucket, tasks: d.tasks })), reasons: row.reasons, weekly: row.weekly },
    breakdowns: { agent: row.agent, author: row.author, board: row.board },
  };
}

export async function loopMetrics(scope: WorkspaceScope, filter: DashboardFilter): Promise<LoopMetrics> {
  return (await loopFigures(scope, filter)).loops;
}

/** The same figures per agent (of the decided attempt), per spec author or per board, most outcomes first. */
export async function loopBreakdown(scope: WorkspaceScope, filter: DashboardFilter, by: Breakdown): Promise<BreakdownRow[]> {
  return (await loopFigures(scope, filter)).breakdowns[by];
}
