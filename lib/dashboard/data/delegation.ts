import "server-only";
import { db, Prisma } from "@/lib/core/db";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import type { Lane } from "@/lib/task/schema";
import { checkFilter, inRange, liveTasks, onBoard, OUTCOME_COUNTS, outcomes, toOutcomeCounts, type DashboardFilter, type OutcomeCounts } from "./filter";

// Whether delegation pays: does the spec lint predict the loops, what an accepted task costs with
// each agent, how work splits between the lanes, and what became of tasks delegated against the
// triage or past the spec gate.

/** Spec score buckets, by lower bound; the gate's default threshold (70) starts one. */
export const SCORE_BUCKETS = [
  { label: "0–49", min: 0 },
  { label: "50–69", min: 50 },
  { label: "70–84", min: 70 },
  { label: "85–100", min: 85 },
] as const;

export type ScoreBucket = (typeof SCORE_BUCKETS)[number]["label"] | "No spec";

export interface AgentCost {
  id: string | null;
  name: string;
  /** Tasks accepted in the range whose accepted attempt was this agent's. */
  accepted: number;
  /** Mean attempts per accepted task. */
  meanAttempts: number;
  /** Mean of each task's summed reported cost (cents) over the tasks with any; null if none reported. */
  meanCostCents: number | null;
  costReported: number;
  /** Mean of each task's summed reported working time (seconds); null if none reported. */
  meanSeconds: number | null;
  timeReported: number;
}

export interface DelegationMetrics {
  /** Outcomes by the spec's score when the agent took the work (its revision at the first attempt). */
  specScore: ({ bucket: ScoreBucket } & OutcomeCounts)[];
  costByAgent: AgentCost[];
  /** Tasks created in the range, by their lane now. */
  mix: { lane: Lane; tasks: number }[];
  /** Tasks delegated against the triage's recommendation, or past the spec gate, in the range, and their outcome so far (open: not decided yet). */
  flagged: ({ kind: "over_delegated" | "gate_overridden"; open: number } & OutcomeCounts)[];
}

export async function delegationMetrics(scope: WorkspaceScope, filter: DashboardFilter): Promise<DelegationMetrics> {
  assertCan(scope, "metrics.read");
  checkFilter(filter);
  const ws = scope.workspaceId;
  const o = outcomes(scope, filter);
  const flaggedTask = liveTasks(scope, filter, Prisma.sql`e.task_id`);
  const bucket = Prisma.sql`CASE ${Prisma.join(
    [...SCORE_BUCKETS].reverse().map((b) => Prisma.sql`WHEN score >= ${b.min} THEN ${b.label}`),
    " ",
  )} ELSE 'No spec' END`;
  const [row] = await db().$queryRaw<[{
    scores: ({ bucket: ScoreBucket } & Parameters<typeof toOutcomeCounts>[0])[];
    costs: { id: string | null; name: string; accepted: number; mean_attempts: number; mean_cost: number | null; cost_reported: number; mean_seconds: number | null; time_reported: number }[];
    mix: { lane: Lane; tasks: number }[];
    flagged: ({ kind: "over_delegated" | "gate_overridden"; open: number } & Parameters<typeof toOutcomeCounts>[0])[];
  }]>`
    WITH o AS MATERIALIZED (${o})
    SELECT
      (SELECT coalesce(json_agg(x), '[]') FROM (
         SELECT ${bucket} AS bucket, ${OUTCOME_COUNTS} FROM (SELECT o.*, o.handoff_score AS score FROM o) o GROUP BY 1) x) AS scores,
      (SELECT coalesce(json_agg(x ORDER BY x.accepted DESC, x.name), '[]') FROM (
         SELECT acc.agent_id AS id, coalesce(min(a.name), 'No agent') AS name, count(*)::int AS accepted,
                avg(acc.attempts)::float8 AS mean_attempts,
                avg(acc.cost)::float8 AS mean_cost, count(acc.cost)::int AS cost_reported,
                avg(acc.seconds)::float8 AS mean_seconds, count(acc.seconds)::int AS time_reported
         FROM (SELECT o.agent_id, o.attempts, o.cost_cents AS cost, o.agent_seconds AS seconds FROM o WHERE o.verdict = 'accept') acc LEFT JOIN agents a ON a.id = acc.agent_id
         GROUP BY acc.agent_id) x) AS costs,
      (SELECT coalesce(json_agg(x ORDER BY x.lane), '[]') FROM (
         SELECT t.lane, count(*)::int AS tasks FROM tasks t
         WHERE t.workspace_id = ${ws} AND ${inRange(Prisma.sql`t.created_at`, filter)} AND t.deleted_at IS NULL ${onBoard(filter)}
         GROUP BY t.lane) x) AS mix,
      (SELECT coalesce(json_agg(x ORDER BY x.kind DESC), '[]') FROM (
         SELECT f.kind, count(*) FILTER (WHERE last.verdict IS NULL)::int AS open,
                count(*)::int AS tasks,
                count(*) FILTER (WHERE last.verdict = 'accept' AND last.loop_count = 0)::int AS first_pass,
                count(*) FILTER (WHERE last.verdict = 'accept' AND last.loop_count > 0)::int AS after_loops,
                count(*) FILTER (WHERE last.verdict = 'reject')::int AS rejected,
                avg(last.loop_count)::float8 AS mean_loops
         FROM (
           SELECT DISTINCT e.type AS kind, e.task_id FROM task_events e ${flaggedTask.join}
           WHERE e.workspace_id = ${ws} AND e.type IN ('over_delegated', 'gate_overridden')
             AND ${inRange(Prisma.sql`e.created_at`, filter)} ${flaggedTask.where}
         ) f
         LEFT JOIN LATERAL (
           SELECT r.verdict::text AS verdict, r.loop_count FROM reviews r
           WHERE r.task_id = f.task_id AND r.verdict IN ('accept', 'reject') ORDER BY r.created_at DESC LIMIT 1
         ) last ON true
         GROUP BY f.kind) x) AS flagged`;
  const { scores, costs, mix, flagged } = row;
  const order: ScoreBucket[] = ["No spec", ...SCORE_BUCKETS.map((b) => b.label)];
  return {
    specScore: scores.map((row) => ({ bucket: row.bucket, ...toOutcomeCounts(row) })).sort((a, b) => order.indexOf(a.bucket) - order.indexOf(b.bucket)),
    costByAgent: costs.map((row) => ({
      id: row.id,
      name: row.name,
      accepted: row.accepted,
      meanAttempts: row.mean_attempts,
      meanCostCents: row.mean_cost,
      costReported: row.cost_reported,
      meanSeconds: row.mean_seconds,
      timeReported: row.time_reported,
    })),
    mix,
    flagged: flagged.map((row) => ({ kind: row.kind, open: row.open, ...toOutcomeCounts(row) })),
  };
}
