// The Acme history (prisma/demo-data/history.yaml, replayed by prisma/seed-history.ts) in the
// database the test run seeded: everything in it is finished and nothing is in the future; the
// outcomes tell the story the file promises (every loop count, every rejection reason, rejections
// at the loop limit, first-pass acceptance climbing, the agents' strengths); reviews belong to
// review sessions; the leverage sessions have their phases, approaches, interrupts, notes and AI.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { REJECT_REASONS } from "@/lib/review/rules";
import { INTERRUPT_CATEGORIES } from "@/lib/session/rules";
import { API_TASKS, HISTORY, HISTORY_DAYS, WEB_TASKS } from "./demo-data-loader";

interface Outcome {
  title: string;
  labels: string[];
  verdict: "accept" | "reject";
  loops: number;
  reason: string | null;
  at: Date;
  agent: string;
}

let workspaceId: string;
let outcomes: Outcome[];
const titles = HISTORY.delegated.map((t) => t.title);
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  ({ id: workspaceId } = await db().workspace.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } }));
  // Each delegated task's last final verdict, as the dashboard counts them.
  outcomes = await db().$queryRaw<Outcome[]>`
    SELECT DISTINCT ON (r.task_id) t.title, t.labels, r.verdict::text AS verdict, r.loop_count AS loops, r.reason::text AS reason, r.created_at AS at, a.name AS agent
    FROM reviews r JOIN tasks t ON t.id = r.task_id JOIN submissions s ON s.id = r.submission_id JOIN agents a ON a.id = s.agent_id
    WHERE r.workspace_id = ${workspaceId} AND r.verdict IN ('accept', 'reject') AND t.title = ANY(${titles})
    ORDER BY r.task_id, r.created_at DESC`;
});

describe("the Acme history", () => {
  it("is finished: every task Done, no session open, nothing waiting for review, nothing in the future or before the dashboard's eight weeks", async () => {
    const all = [...titles, ...HISTORY.leverage.map((t) => t.title)];
    const tasks = await db().task.findMany({ where: { workspaceId, title: { in: all } }, select: { title: true, status: true, agentId: true, createdAt: true, updatedAt: true } });
    expect(tasks).toHaveLength(all.length);
    expect(tasks.filter((t) => t.status !== "done").map((t) => t.title)).toEqual([]);
    expect(await db().leverageSession.count({ where: { workspaceId, state: { not: "finished" } } })).toBe(0);
    expect(await db().reviewSession.count({ where: { workspaceId, endedAt: null } })).toBe(0);
    const now = Date.now();
    for (const task of tasks) {
      expect(task.updatedAt.getTime(), task.title).toBeLessThan(now);
      expect(task.createdAt.getTime(), task.title).toBeGreaterThan(now - (HISTORY_DAYS + 10) * DAY);
    }
    expect(outcomes).toHaveLength(titles.length);
    for (const o of outcomes) expect(o.at.getTime(), o.title).toBeGreaterThan(now - (HISTORY_DAYS + 1) * DAY);
  });

  it("numbers its tasks after the boards' listed ones", async () => {
    const rows = await db().task.findMany({ where: { workspaceId, title: { in: titles } }, select: { number: true, board: { select: { key: true } } } });
    const listed: Record<string, number> = { WEB: WEB_TASKS.length, API: API_TASKS.length };
    for (const row of rows) expect(row.number).toBeGreaterThan(listed[row.board.key] as number);
  });

  it("has outcomes at every loop count, rejections for every reason and at the loop limit, and over-delegations and gate overrides on record", async () => {
    const accepted = outcomes.filter((o) => o.verdict === "accept");
    expect(new Set(accepted.map((o) => o.loops))).toEqual(new Set([0, 1, 2]));
    const rejected = outcomes.filter((o) => o.verdict === "reject");
    expect(new Set(rejected.map((o) => o.reason))).toEqual(new Set(REJECT_REASONS));
    expect(rejected.some((o) => o.loops === 2)).toBe(true);
    const events = await db().taskEvent.groupBy({ by: ["type"], where: { workspaceId, type: { in: ["over_delegated", "gate_overridden"] }, task: { title: { in: titles } } }, _count: { _all: true } });
    const count = (type: string) => events.find((e) => e.type === type)?._count._all ?? 0;
    expect(count("over_delegated")).toBe(HISTORY.delegated.filter((t) => t.overDelegated).length);
    expect(count("gate_overridden")).toBe(HISTORY.delegated.filter((t) => t.gateOverride).length);
    // The over-delegated tasks came back as too complex.
    for (const task of HISTORY.delegated.filter((t) => t.overDelegated)) expect(outcomes.find((o) => o.title === task.title)).toMatchObject({ verdict: "reject", reason: "too_complex" });
  });

  it("gets better over the weeks, and each agent has its strength", () => {
    const sorted = [...outcomes].sort((a, b) => a.at.getTime() - b.at.getTime());
    const firstPass = (list: Outcome[]) => list.filter((o) => o.verdict === "accept" && o.loops === 0).length / list.length;
    const half = Math.floor(sorted.length / 2);
    expect(firstPass(sorted.slice(half))).toBeGreaterThan(firstPass(sorted.slice(0, half)) + 0.2);

    const of = (agent: string, label?: string) => outcomes.filter((o) => o.agent === agent && (!label || o.labels.includes(label)));
    const meanLoops = (list: Outcome[]) => list.reduce((sum, o) => sum + o.loops, 0) / list.length;
    expect(firstPass(of("Claude Code", "bug"))).toBe(1);
    expect(firstPass(of("Copilot", "tests"))).toBeGreaterThan(0.8);
    expect(meanLoops(of("Devin", "frontend"))).toBeGreaterThan(2 * meanLoops(of("Claude Code")));
    expect(meanLoops(of("Devin", "frontend"))).toBeGreaterThan(2 * meanLoops(of("Copilot")));
  });

  it("costs most with Devin and least with Copilot, per attempt", async () => {
    const rows = await db().$queryRaw<{ agent: string; cents: number }[]>`
      SELECT a.name AS agent, avg(s.cost_cents)::float8 AS cents FROM submissions s JOIN agents a ON a.id = s.agent_id JOIN tasks t ON t.id = s.task_id
      WHERE s.workspace_id = ${workspaceId} AND t.title = ANY(${titles}) GROUP BY a.name ORDER BY cents DESC`;
    expect(rows.map((r) => r.agent)).toEqual(["Devin", "Claude Code", "Copilot"]);
  });

  it("reviews every attempt in a review session, with the time it took", async () => {
    const reviews = await db().review.findMany({ where: { workspaceId, task: { title: { in: titles } } }, select: { sessionId: true, seconds: true } });
    expect(reviews).toHaveLength(HISTORY.delegated.reduce((sum, t) => sum + t.attempts.length, 0));
    for (const review of reviews) {
      expect(review.sessionId).not.toBeNull();
      expect(review.seconds).toBeGreaterThan(60);
    }
  });

  it("has its leverage sessions, each finished with its phases, approaches, interrupts of every category, notes and AI events", async () => {
    const sessions = await db().leverageSession.findMany({
      where: { workspaceId },
      select: { outcome: true, finishedAt: true, spans: { select: { phase: true } }, approaches: { select: { chosen: true } }, interrupts: { select: { category: true } }, notes: { select: { doneAt: true } }, aiEvents: { select: { kind: true } } },
    });
    expect(sessions).toHaveLength(HISTORY.sessions.length);
    for (const s of sessions) {
      expect(s.finishedAt).not.toBeNull();
      expect(s.outcome).toBeTruthy();
      expect(s.spans.length).toBeGreaterThanOrEqual(2);
      expect(s.approaches.filter((a) => a.chosen)).toHaveLength(1);
    }
    expect(new Set(sessions.flatMap((s) => s.interrupts.map((i) => i.category)))).toEqual(new Set(INTERRUPT_CATEGORIES));
    const notes = sessions.flatMap((s) => s.notes);
    expect(notes.filter((n) => n.doneAt).length).toBeGreaterThan(notes.length / 2);
    const linked = sessions.filter((s) => s.aiEvents.length > 0);
    expect(linked).toHaveLength(HISTORY.sessions.filter((s) => s.ai).length);
    for (const s of linked) expect(s.aiEvents.filter((e) => e.kind === "prompt").length).toBe(s.aiEvents.filter((e) => e.kind === "stop").length);
  });
});
