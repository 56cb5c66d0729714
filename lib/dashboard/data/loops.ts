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

export async function loopMetrics(scope: WorkspaceScope, filter: DashboardFilter): Promise<LoopMetrics> {
  assertCan(scope, "metrics.read");
  checkFilter(filter);
  const o = outcomes(scope, filter);
  // created_at is UTC without a zone: read it as UTC, then as the reader's local time.
  const week = Prisma.sql`to_char(date_trunc('week', (o.created_at AT TIME ZONE 'UTC') AT TIME ZONE ${filter.timeZone}), 'YYYY-MM-DD')`;
  const [totals, distribution, reasons, weekly] = await Promise.all([
    db().$queryRaw<{ outcomes: number; accepted: number; first_pass: number; after_loops: number; rejected: number; mean_loops: number | null }[]>`
      WITH o AS (${o})
      SELECT count(*)::int AS outcomes,
             count(*) FILTER (WHERE verdict = 'accept')::int AS accepted,
             count(*) FILTER (WHERE verdict = 'accept' AND loop_count = 0)::int AS first_pass,
             count(*) FILTER (WHERE verdict = 'accept' AND loop_count > 0)::int AS after_loops,
             count(*) FILTER (WHERE verdict = 'reject')::int AS rejected,
             avg(loop_count)::float8 AS mean_loops
      FROM o`,
    db().$queryRaw<{ bucket: string; tasks: number }[]>`
      WITH o AS (${o})
      SELECT CASE WHEN verdict = 'reject' THEN 'rejected' ELSE loop_count::text END AS bucket, count(*)::int AS tasks
      FROM o GROUP BY 1
      ORDER BY bool_or(verdict = 'reject'), min(loop_count)`,
    db().$queryRaw<{ reason: RejectReason; tasks: number }[]>`
      WITH o AS (${o})
      SELECT coalesce(reason, 'other') AS reason, count(*)::int AS tasks FROM o WHERE verdict = 'reject' GROUP BY 1 ORDER BY 2 DESC, 1`,
    db().$queryRaw<{ week: string; outcomes: number; first_pass: number; rejected: number; mean_loops: number }[]>`
      WITH o AS (${o})
      SELECT ${week} AS week, count(*)::int AS outcomes,
             count(*) FILTER (WHERE verdict = 'accept' AND loop_count = 0)::int AS first_pass,
             count(*) FILTER (WHERE verdict = 'reject')::int AS rejected,
             avg(loop_count)::float8 AS mean_loops
      FROM o GROUP BY 1 ORDER BY 1`,
  ]);
  const t = totals[0] ?? { outcomes: 0, accepted: 0, first_pass: 0, after_loops: 0, rejected: 0, mean_loops: null };
  return {
    outcomes: t.outcomes,
    accepted: t.accepted,
    firstPass: t.first_pass,
    afterLoops: t.after_loops,
    rejected: t.rejected,
    meanLoops: t.mean_loops,
    distribution,
    reasons,
    weekly: weekly.map((w) => ({ week: w.week, outcomes: w.outcomes, firstPass: w.first_pass, rejected: w.rejected, meanLoops: w.mean_loops })),
  };
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

/** The same figures per agent (of the decided attempt), per spec author or per board, most outcomes first. */
export async function loopBreakdown(scope: WorkspaceScope, filter: DashboardFilter, by: Breakdown): Promise<BreakdownRow[]> {
  assertCan(scope, "metrics.read");
  const o = outcomes(scope, filter);
  const [key, name, join] = {
    agent: [Prisma.sql`o.agent_id`, Prisma.sql`coalesce(min(a.name), 'No agent')`, Prisma.sql`LEFT JOIN agents a ON a.id = o.agent_id`],
    author: [Prisma.sql`o.spec_author_id`, Prisma.sql`coalesce(min(u.name), min(u.email), 'No spec author')`, Prisma.sql`LEFT JOIN users u ON u.id = o.spec_author_id`],
    board: [Prisma.sql`o.board_id`, Prisma.sql`min(b.key) || ' · ' || min(b.name)`, Prisma.sql`JOIN boards b ON b.id = o.board_id`],
  }[by];
  const rows = await db().$queryRaw<{ id: string | null; name: string; outcomes: number; first_pass: number; rejected: number; mean_loops: number }[]>`
    WITH o AS (${o})
    SELECT ${key} AS id, ${name} AS name, count(*)::int AS outcomes,
           count(*) FILTER (WHERE o.verdict = 'accept' AND o.loop_count = 0)::int AS first_pass,
           count(*) FILTER (WHERE o.verdict = 'reject')::int AS rejected,
           avg(o.loop_count)::float8 AS mean_loops
    FROM o ${join}
    GROUP BY ${key}
    ORDER BY outcomes DESC, name`;
  return rows.map((r) => ({ id: r.id, name: r.name, outcomes: r.outcomes, firstPass: r.first_pass, rejected: r.rejected, meanLoops: r.mean_loops }));
}
