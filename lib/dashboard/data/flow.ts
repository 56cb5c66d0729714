import "server-only";
import { db, Prisma } from "@/lib/core/db";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import type { Lane, Status } from "@/lib/task/schema";
import { checkFilter, inRange, onBoard, spreadOf, type DashboardFilter, type Spread } from "./filter";

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

type SpreadRow = { count: number; median: number | null; p90: number | null };
const spread = (row: SpreadRow | undefined): Spread => ({ count: row?.count ?? 0, median: row?.median ?? null, p90: row?.p90 ?? null });

export async function flowMetrics(scope: WorkspaceScope, filter: DashboardFilter): Promise<FlowMetrics> {
  assertCan(scope, "metrics.read");
  checkFilter(filter);
  const ws = scope.workspaceId;
  const [latency, statuses, cycle, throughput] = await Promise.all([
    db().$queryRaw<SpreadRow[]>`
      SELECT ${spreadOf(Prisma.sql`r.created_at - s.created_at`)}
      FROM reviews r
      JOIN submissions s ON s.id = r.submission_id
      JOIN tasks t ON t.id = r.task_id
      WHERE r.workspace_id = ${ws} AND ${inRange(Prisma.sql`r.created_at`, filter)} AND t.deleted_at IS NULL ${onBoard(filter)}`,
    db().$queryRaw<(SpreadRow & { status: Status })[]>`
      SELECT sp.status, ${spreadOf(Prisma.sql`sp.ended_at - sp.started_at`)}
      FROM task_status_spans sp
      JOIN tasks t ON t.id = sp.task_id
      WHERE sp.workspace_id = ${ws} AND ${inRange(Prisma.sql`sp.ended_at`, filter)} AND t.deleted_at IS NULL ${onBoard(filter)}
      GROUP BY sp.status ORDER BY sp.status`,
    db().$queryRaw<(SpreadRow & { lane: Lane })[]>`
      WITH done AS (
        SELECT sp.task_id, sp.lane, sp.started_at,
               (SELECT min(s2.started_at) FROM task_status_spans s2
                WHERE s2.task_id = sp.task_id AND s2.status IN ('ready', 'in_progress', 'in_review') AND s2.started_at < sp.started_at) AS began
        FROM task_status_spans sp
        JOIN tasks t ON t.id = sp.task_id
        WHERE sp.workspace_id = ${ws} AND sp.status = 'done' AND ${inRange(Prisma.sql`sp.started_at`, filter)} AND t.deleted_at IS NULL ${onBoard(filter)}
      )
      SELECT lane, ${spreadOf(Prisma.sql`started_at - began`)}
      FROM done WHERE began IS NOT NULL
      GROUP BY lane ORDER BY lane`,
    db().$queryRaw<{ sessions: number; reviews: number; seconds: number }[]>`
      SELECT count(DISTINCT r.session_id)::int AS sessions, count(*)::int AS reviews, coalesce(sum(r.seconds), 0)::int AS seconds
      FROM reviews r
      JOIN tasks t ON t.id = r.task_id
      WHERE r.workspace_id = ${ws} AND r.session_id IS NOT NULL AND r.seconds IS NOT NULL
        AND ${inRange(Prisma.sql`r.created_at`, filter)} AND t.deleted_at IS NULL ${onBoard(filter)}`,
  ]);
  const t = throughput[0] ?? { sessions: 0, reviews: 0, seconds: 0 };
  return {
    reviewLatency: spread(latency[0]),
    timeInStatus: statuses.map((row) => ({ status: row.status, ...spread(row) })),
    cycleTime: cycle.map((row) => ({ lane: row.lane, ...spread(row) })),
    reviewThroughput: { ...t, perHour: t.seconds > 0 ? (t.reviews * 3600) / t.seconds : null },
  };
}
