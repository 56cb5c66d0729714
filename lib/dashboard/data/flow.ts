import "server-only";
import { db, Prisma } from "@/lib/core/db";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import type { Lane, Status } from "@/lib/task/schema";
import { checkFilter, inRange, liveTasks, type DashboardFilter, type Spread } from "./filter";

// How work flows: how long a reviewer takes to answer an attempt, how long tasks sit in each status,
// how long a task takes from Ready to Done in each lane, and how fast review sessions go.

export interface FlowMetrics {
  /** Attempt handed back → verdict, over every verdict given in the range. */
  reviewLatency: Spread;
  /** Stretches in each status that ended in the range (the task left the status then). */
  timeInStatus: ({ status: Status } & Spread)[];
  /** Tasks that entered Done in the range: from the first time they entered Ready (or a later status, if they skipped it). Per lane on entering Done. */
  cycleTime: ({ lane: Lane } & Spread)[];
  /** Verdicts given in review sessions in the range, and the time reviewers spent on them. */
  reviewThroughput: { sessions: number; reviews: number; seconds: number; perHour: number | null };
}

/** Median and p90 (seconds) of a number of seconds, from one sort: percentile_cont over an array of fractions. */
function percentiles(seconds: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${seconds})::float8[]`;
}

const seconds = (interval: Prisma.Sql) => Prisma.sql`extract(epoch FROM ${interval})`;

/** One statement; each figure a subquery answered as JSON. */
export async function flowMetrics(scope: WorkspaceScope, filter: DashboardFilter): Promise<FlowMetrics> {
  assertCan(scope, "metrics.read");
  checkFilter(filter);
  const ws = scope.workspaceId;
  const reviewed = liveTasks(scope, filter, Prisma.sql`r.task_id`);
  const spanned = liveTasks(scope, filter, Prisma.sql`sp.task_id`);
  // Two statements side by side: the stretches (the most rows) apart from the verdicts, so the
  // page's slowest part is split over two connections (decision 44).
  const reviewsPart = async () => {
    const [row] = await db().$queryRaw<[{ latency: Spread; throughput: { sessions: number; reviews: number; seconds: number } }]>`
      SELECT
        (SELECT json_build_object('count', q.n, 'median', q.p[1], 'p90', q.p[2]) FROM (
           SELECT count(*)::int AS n, ${percentiles(seconds(Prisma.sql`r.created_at - r.submitted_at`))} AS p
           FROM reviews r ${reviewed.join}
           WHERE r.workspace_id = ${ws} AND ${inRange(Prisma.sql`r.created_at`, filter)} AND r.submitted_at IS NOT NULL ${reviewed.where}) q) AS latency,
        -- Per session first (hashed), then summed: cheaper than count(DISTINCT …), which sorts every review.
        (SELECT json_build_object('sessions', count(*)::int, 'reviews', coalesce(sum(s.n), 0)::int, 'seconds', coalesce(sum(s.seconds), 0)::int) FROM (
           SELECT count(*) AS n, sum(r.seconds) AS seconds
           FROM reviews r ${reviewed.join}
           WHERE r.workspace_id = ${ws} AND r.session_id IS NOT NULL AND r.seconds IS NOT NULL
             AND ${inRange(Prisma.sql`r.created_at`, filter)} ${reviewed.where}
           GROUP BY r.session_id) s) AS throughput`;
    return row;
  };
  const spansPart = async () => {
    const [spans] = await db().$queryRaw<[{ statuses: FlowMetrics["timeInStatus"]; cycle: FlowMetrics["cycleTime"] }]>`
      SELECT
        (SELECT coalesce(json_agg(json_build_object('status', x.status, 'count', x.count, 'median', x.p[1], 'p90', x.p[2]) ORDER BY x.status), '[]') FROM (
           SELECT sp.status, count(*)::int AS count, ${percentiles(Prisma.sql`sp.seconds`)} AS p
           FROM task_status_spans sp ${spanned.join}
           WHERE sp.workspace_id = ${ws} AND ${inRange(Prisma.sql`sp.ended_at`, filter)} ${spanned.where}
           GROUP BY sp.status) x) AS statuses,
        (SELECT coalesce(json_agg(json_build_object('lane', x.lane, 'count', x.count, 'median', x.p[1], 'p90', x.p[2]) ORDER BY x.lane), '[]') FROM (
           SELECT sp.lane, count(*)::int AS count, ${percentiles(seconds(Prisma.sql`sp.started_at - sp.cycle_from`))} AS p
           FROM task_status_spans sp ${spanned.join}
           WHERE sp.workspace_id = ${ws} AND sp.status = 'done' AND ${inRange(Prisma.sql`sp.started_at`, filter)} AND sp.cycle_from IS NOT NULL ${spanned.where}
           GROUP BY sp.lane) x) AS cycle`;
    return spans;
  };
  const [row, spans] = await Promise.all([reviewsPart(), spansPart()]);
  const t = row.throughput;
  return {
    reviewLatency: row.latency,
    timeInStatus: spans.statuses,
    cycleTime: spans.cycle,
    reviewThroughput: { ...t, perHour: t.seconds > 0 ? (t.reviews * 3600) / t.seconds : null },
  };
}
