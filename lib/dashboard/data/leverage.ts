import "server-only";
import { db, Prisma } from "@/lib/core/db";
import { now } from "@/lib/core/clock";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import type { InterruptCategory, Phase } from "@/lib/session/rules";
import { checkFilter, inRange, onBoard, type DashboardFilter } from "./filter";

// Leverage sessions started in the range: where the time goes, how often people stop the AI and
// why, how many approaches they weigh, who pairs how much, and how many prompts a linked session takes.

export interface LeverageMetrics {
  sessions: number;
  finished: number;
  /** Seconds in each phase, summed over the sessions (a running stretch counts up to now). */
  phases: { phase: Phase; seconds: number; perSession: number }[];
  interrupts: { category: InterruptCategory; count: number; perSession: number }[];
  interruptsPerSession: number | null;
  approachesPerSession: number | null;
  people: { id: string; name: string; sessions: number; seconds: number; interrupts: number }[];
  /** Sessions linked to a coding assistant, and the prompts it reported. */
  linked: { sessions: number; prompts: number; perSession: number | null };
}

export async function leverageMetrics(scope: WorkspaceScope, filter: DashboardFilter): Promise<LeverageMetrics> {
  assertCan(scope, "metrics.read");
  checkFilter(filter);
  const sessions = Prisma.sql`
    SELECT ls.id, ls.user_id, ls.state, ls.ai_linked_at FROM leverage_sessions ls JOIN tasks t ON t.id = ls.task_id
    WHERE ls.workspace_id = ${scope.workspaceId} AND ${inRange(Prisma.sql`ls.started_at`, filter)} AND t.deleted_at IS NULL ${onBoard(filter)}`;
  const until = now();
  const [row] = await db().$queryRaw<[{
    totals: { sessions: number; finished: number; approaches: number; interrupts: number };
    phases: { phase: Phase; seconds: number }[];
    interrupts: { category: InterruptCategory; count: number }[];
    people: LeverageMetrics["people"];
    linked: { sessions: number; prompts: number };
  }]>`
    WITH s AS MATERIALIZED (${sessions})
    SELECT
      (SELECT json_build_object(
         'sessions', count(*)::int,
         'finished', count(*) FILTER (WHERE s.state = 'finished')::int,
         'approaches', (SELECT count(*) FROM session_approaches a WHERE a.session_id IN (SELECT id FROM s))::int,
         'interrupts', (SELECT count(*) FROM session_interrupts i WHERE i.session_id IN (SELECT id FROM s))::int) FROM s) AS totals,
      (SELECT coalesce(json_agg(x ORDER BY x.phase), '[]') FROM (
         SELECT sp.phase, sum(extract(epoch FROM coalesce(sp.ended_at, ${until}) - sp.started_at))::float8 AS seconds
         FROM session_spans sp WHERE sp.session_id IN (SELECT id FROM s) GROUP BY sp.phase) x) AS phases,
      (SELECT coalesce(json_agg(x ORDER BY x.count DESC, x.category), '[]') FROM (
         SELECT i.category, count(*)::int AS count FROM session_interrupts i WHERE i.session_id IN (SELECT id FROM s) GROUP BY i.category) x) AS interrupts,
      (SELECT coalesce(json_agg(x ORDER BY x.sessions DESC, x.name), '[]') FROM (
         SELECT u.id, coalesce(u.name, u.email) AS name, count(*)::int AS sessions,
                coalesce(sum((SELECT sum(extract(epoch FROM coalesce(sp.ended_at, ${until}) - sp.started_at)) FROM session_spans sp WHERE sp.session_id = s.id)), 0)::float8 AS seconds,
                coalesce(sum((SELECT count(*) FROM session_interrupts i WHERE i.session_id = s.id)), 0)::int AS interrupts
         FROM s JOIN users u ON u.id = s.user_id GROUP BY u.id) x) AS people,
      (SELECT json_build_object('sessions', count(*)::int,
         'prompts', coalesce(sum((SELECT count(*) FROM session_ai_events e WHERE e.session_id = s.id AND e.kind = 'prompt')), 0)::int)
       FROM s WHERE s.ai_linked_at IS NOT NULL) AS linked`;
  const { totals, phases, interrupts, people, linked } = row;
  const t = totals;
  const per = (value: number) => (t.sessions > 0 ? value / t.sessions : 0);
  const l = linked;
  return {
    sessions: t.sessions,
    finished: t.finished,
    phases: phases.map((p) => ({ phase: p.phase, seconds: p.seconds, perSession: per(p.seconds) })),
    interrupts: interrupts.map((i) => ({ category: i.category, count: i.count, perSession: per(i.count) })),
    interruptsPerSession: t.sessions > 0 ? t.interrupts / t.sessions : null,
    approachesPerSession: t.sessions > 0 ? t.approaches / t.sessions : null,
    people,
    linked: { sessions: l.sessions, prompts: l.prompts, perSession: l.sessions > 0 ? l.prompts / l.sessions : null },
  };
}
