// The dashboard's flow, delegation and leverage figures against PostgreSQL, on a story made through
// the real mutations at known moments (atTime), so every figure has an answer worked out by hand:
//
//   T1  Agent A, a well-written spec. Ready 09:00, claimed 09:30, attempt 10:00 ($4.50, 30 min),
//       accepted 12:00 in a review session that started 11:50.               (Nov 2)
//   T2  Agent A, a poor spec. Attempt 10:00 ($1), changes requested 11:00, attempt 13:00 ($2,
//       10 min), accepted 17:00.                                              (Nov 3)
//   T3  Agent B, no spec. Attempt 10:00, rejected (too complex, to Leverage) 10:30. (Nov 4)
//   T4  Agent B. Attempt 10:00, not reviewed yet.                             (Nov 5)
//   U1  untriaged, in the backlog.                                            (Nov 5)
//   L1  member's session (Nov 6): discovery 09:00–09:20, design –09:50 (two approaches, one chosen,
//       an interrupt), implementation –10:10, paused, resumed 10:40, –11:00 (an interrupt),
//       refinement –11:30, finished; linked to Claude Code, three prompts.
//   L2  owner's session (Nov 7): discovery 09:00–09:30, finished.
// T1–T4 were put straight into Ready in the delegate lane without a triage or a spec: each is both
// over-delegated and past the spec gate.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scopeForBearer } from "@/lib/agent/gate";
import { assignAgent, claimTask, createAgent, createSubmission, createToken } from "@/lib/agent/mutations";
import { atTime } from "@/lib/core/clock";
import { giveVerdict, startSession as startReviewSession } from "@/lib/review/mutations";
import { CHECKLIST_IDS } from "@/lib/review/rules";
import { scopeForSessionToken } from "@/lib/session/gate";
import { addApproach, addInterrupt, createAiToken, recordAiEvent, startSession, updateApproach, updateSession } from "@/lib/session/mutations";
import { lintSpec } from "@/lib/spec/lint";
import { saveSpec } from "@/lib/spec/mutations";
import { createTask } from "@/lib/task/mutations";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { delegationMetrics, SCORE_BUCKETS } from "./delegation";
import type { DashboardFilter } from "./filter";
import { flowMetrics } from "./flow";
import { leverageMetrics } from "./leverage";
import { loopFigures } from "./loops";
import { csvField, taskRows, toCsv } from "./rows";
import { assertCan } from "@/lib/core/scope";

let ws: TestWorkspace;
let agentA: { id: string; scope: Awaited<ReturnType<typeof scopeForBearer>>["scope"] };
let agentB: typeof agentA;

const NOVEMBER: DashboardFilter = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-15T00:00:00Z"), timeZone: "UTC" };
const HOUR = 3600;
const corpus = (name: string) => readFileSync(path.join(import.meta.dirname, "../../spec/corpus", name), "utf8");
const GOOD_SPEC = corpus("api-webhook-retries.md");
const POOR_SPEC = corpus("dump-meeting-notes.md");
const bucketOf = (score: number) => [...SCORE_BUCKETS].reverse().find((b) => score >= b.min)!.label;
const diff = (line: string) => `diff --git a/src/a.ts b/src/a.ts\nindex 1111111..2222222 100644\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,1 +1,1 @@\n-const a = 1;\n+${line}\n`;
const at = (day: number, time: string) => Date.parse(`2026-11-${String(day).padStart(2, "0")}T${time}:00Z`);

async function agent(name: string) {
  const created = await createAgent(ws.scopes.admin, { name, kind: "devin" });
  const { token } = await createToken(ws.scopes.admin, created.id);
  return { id: created.id, scope: (await scopeForBearer(`Bearer ${token}`)).scope };
}

/** A delegate task put into Ready at 09:00 of `day`, assigned and claimed at 09:30. */
async function delegated(day: number, by: typeof agentA, spec?: string) {
  const task = await atTime(at(day, "09:00"), () =>
    createTask(ws.scopes.member, { boardKey: ws.boardKey, title: `Flow ${day}`, lane: "delegate", status: "ready", overDelegationReason: "Fixture", gateOverrideReason: "Fixture" }),
  );
  if (spec) await atTime(at(day, "09:05"), () => saveSpec(ws.scopes.member, task.key, { markdown: spec, baseRevision: 0 }));
  await atTime(at(day, "09:10"), () => assignAgent(ws.scopes.member, task.key, { agentId: by.id }));
  await atTime(at(day, "09:30"), () => claimTask(by.scope, task.key));
  return task.key;
}

async function attempt(key: string, by: typeof agentA, when: number, extra: { costUsd?: number; durationSeconds?: number } = {}) {
  const { submission } = await atTime(when, () => createSubmission(by.scope, key, { summary: "Done.", diff: diff(`const a = ${when};`), ...extra }, { source: "api" }));
  return submission.id;
}

beforeAll(async () => {
  ws = await createTestWorkspace();
  agentA = await agent("Agent A");
  agentB = await agent("Agent B");

  const t1 = await delegated(2, agentA, GOOD_SPEC);
  const t1a = await attempt(t1, agentA, at(2, "10:00"), { costUsd: 4.5, durationSeconds: 1800 });
  const review = await atTime(at(2, "11:50"), () => startReviewSession(ws.scopes.owner));
  await atTime(at(2, "12:00"), () => giveVerdict(ws.scopes.owner, t1a, { verdict: "accept", checklist: [...CHECKLIST_IDS], sessionId: review.id }));

  const t2 = await delegated(3, agentA, POOR_SPEC);
  const t2a = await attempt(t2, agentA, at(3, "10:00"), { costUsd: 1 });
  await atTime(at(3, "11:00"), () => giveVerdict(ws.scopes.owner, t2a, { verdict: "request_changes", summary: "Again." }));
  const t2b = await attempt(t2, agentA, at(3, "13:00"), { costUsd: 2, durationSeconds: 600 });
  await atTime(at(3, "17:00"), () => giveVerdict(ws.scopes.owner, t2b, { verdict: "accept", checklist: [...CHECKLIST_IDS] }));

  const t3 = await delegated(4, agentB);
  const t3a = await attempt(t3, agentB, at(4, "10:00"));
  await atTime(at(4, "10:30"), () => giveVerdict(ws.scopes.owner, t3a, { verdict: "reject", reason: "too_complex", toLeverage: true }));

  const t4 = await delegated(5, agentB);
  await attempt(t4, agentB, at(5, "10:00"));
  await atTime(at(5, "11:00"), () => createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Untriaged" }));

  const l1 = await atTime(at(6, "08:00"), () => createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Explore", lane: "leverage", status: "ready" }));
  const { session } = await atTime(at(6, "09:00"), () => startSession(ws.scopes.member, { taskKey: l1.key }));
  let version = session.version;
  const phase = async (when: number, change: Record<string, unknown>) => {
    version = (await atTime(when, () => updateSession(ws.scopes.member, session.id, { version, ...change }))).version;
  };
  await phase(at(6, "09:20"), { phase: "design" });
  await atTime(at(6, "09:21"), () => addApproach(ws.scopes.member, session.id, { name: "Cache it", pros: "Fast", cons: "Stale" }));
  const second = await atTime(at(6, "09:22"), () => addApproach(ws.scopes.member, session.id, { name: "Index it", pros: "Fresh", cons: "Work" }));
  await atTime(at(6, "09:23"), () => updateApproach(ws.scopes.member, session.id, second.approaches.find((a) => a.name === "Index it")!.id, { chosen: true }));
  await atTime(at(6, "09:25"), () => addInterrupt(ws.scopes.member, session.id, { category: "wrong_pattern", note: "Not like this." }));
  await phase(at(6, "09:50"), { phase: "implementation" });
  await atTime(at(6, "10:00"), () => addInterrupt(ws.scopes.member, session.id, { category: "security", note: "Escape it." }));
  await phase(at(6, "10:10"), { state: "paused" });
  await phase(at(6, "10:40"), { state: "active" });
  await phase(at(6, "11:00"), { phase: "refinement" });
  const { token } = await atTime(at(6, "09:01"), () => createAiToken(ws.scopes.member, session.id));
  const hook = await scopeForSessionToken(`Bearer ${token}`);
  for (const minute of ["11:05", "11:10", "11:15"]) {
    await atTime(at(6, minute), () => recordAiEvent(hook.scope, hook.sessionId, { session_id: "claude-1", hook_event_name: "UserPromptSubmit", prompt: `Prompt at ${minute}` }));
  }
  await atTime(at(6, "11:20"), () => recordAiEvent(hook.scope, hook.sessionId, { session_id: "claude-1", hook_event_name: "Stop" }));
  await phase(at(6, "11:30"), { state: "finished", outcome: "Indexed.", leaveOpenNotes: true });

  const l2 = await atTime(at(7, "08:00"), () => createTask(ws.scopes.owner, { boardKey: ws.boardKey, title: "Diagnose", lane: "leverage", status: "ready" }));
  const other = await atTime(at(7, "09:00"), () => startSession(ws.scopes.owner, { taskKey: l2.key }));
  await atTime(at(7, "09:30"), () => updateSession(ws.scopes.owner, other.session.id, { version: other.session.version, state: "finished", outcome: "Found it." }));
});

describe("flow figures", () => {
  it("review latency over every verdict: 2 h, 1 h, 4 h and 30 min", async () => {
    const flow = await flowMetrics(ws.scopes.viewer, NOVEMBER);
    // Sorted 0.5, 1, 2, 4 h: the median between 1 and 2; p90 at 2.7 of 3 steps, between 2 and 4.
    expect(flow.reviewLatency).toEqual({ count: 4, median: 1.5 * HOUR, p90: 3.4 * HOUR });
  });

  it("time in each status, from the stretches that ended in the range", async () => {
    const flow = await flowMetrics(ws.scopes.viewer, NOVEMBER);
    expect(flow.timeInStatus).toEqual([
      // Every delegated task waited 30 min in Ready; L1 and L2 an hour each, until their
      // sessions took them to In progress (where they still are: not counted there).
      { status: "ready", count: 6, median: 0.5 * HOUR, p90: HOUR },
      // 30 min from claim to attempt, four times, and T2's second round: 11:00 → 13:00.
      { status: "in_progress", count: 5, median: 0.5 * HOUR, p90: 0.5 * HOUR + 0.6 * 1.5 * HOUR },
      // T1 2 h, T2 1 h then 4 h, T3 30 min (T4 is still in review).
      { status: "in_review", count: 4, median: 1.5 * HOUR, p90: 2 * HOUR + 0.7 * 2 * HOUR },
    ]);
  });

  it("cycle time per lane, Ready → Done, for the tasks done in the range", async () => {
    const flow = await flowMetrics(ws.scopes.viewer, NOVEMBER);
    expect(flow.cycleTime).toEqual([{ lane: "delegate", count: 2, median: 5.5 * HOUR, p90: 3 * HOUR + 0.9 * 5 * HOUR }]);
  });

  it("review-session throughput from the time reviewers spent on each verdict", async () => {
    const flow = await flowMetrics(ws.scopes.viewer, NOVEMBER);
    expect(flow.reviewThroughput).toEqual({ sessions: 1, reviews: 1, seconds: 600, perHour: 6 });
  });
});

describe("delegation figures", () => {
  it("outcomes by the spec's score when the agent took the work", async () => {
    const good = lintSpec(GOOD_SPEC).score;
    const poor = lintSpec(POOR_SPEC).score;
    expect(good).toBeGreaterThanOrEqual(70);
    expect(poor).toBeLessThan(70);
    const { specScore } = await delegationMetrics(ws.scopes.viewer, NOVEMBER);
    expect(specScore).toEqual([
      { bucket: "No spec", tasks: 1, firstPass: 0, afterLoops: 0, rejected: 1, meanLoops: 0 },
      { bucket: bucketOf(poor), tasks: 1, firstPass: 0, afterLoops: 1, rejected: 0, meanLoops: 1 },
      { bucket: bucketOf(good), tasks: 1, firstPass: 1, afterLoops: 0, rejected: 0, meanLoops: 0 },
    ]);
  });

  it("cost and duration per accepted task by agent, summing every attempt", async () => {
    const { costByAgent } = await delegationMetrics(ws.scopes.viewer, NOVEMBER);
    // T1: 450 ¢ and 1,800 s; T2: 100 + 200 ¢ over two attempts, 600 s reported for one of them.
    expect(costByAgent).toEqual([
      { id: agentA.id, name: "Agent A", accepted: 2, meanAttempts: 1.5, meanCostCents: 375, costReported: 2, meanSeconds: 1200, timeReported: 2 },
    ]);
  });

  it("the lane mix of the tasks created, and what became of over-delegated and gate-overridden tasks", async () => {
    const { mix, flagged } = await delegationMetrics(ws.scopes.viewer, NOVEMBER);
    // T3 went to the Leverage lane when it was rejected.
    expect(mix).toEqual([
      { lane: "untriaged", tasks: 1 },
      { lane: "delegate", tasks: 3 },
      { lane: "leverage", tasks: 3 },
    ]);
    const outcome = { tasks: 4, open: 1, firstPass: 1, afterLoops: 1, rejected: 1, meanLoops: 1 / 3 };
    expect(flagged).toEqual([
      { kind: "over_delegated", ...outcome },
      { kind: "gate_overridden", ...outcome },
    ]);
  });
});

describe("leverage figures", () => {
  it("time per phase, interrupts by category, approaches, people and prompts", async () => {
    const lev = await leverageMetrics(ws.scopes.viewer, NOVEMBER);
    expect(lev).toMatchObject({ sessions: 2, finished: 2, interruptsPerSession: 1, approachesPerSession: 1 });
    expect(lev.phases).toEqual([
      { phase: "discovery", seconds: 3000, perSession: 1500 },
      { phase: "design", seconds: 1800, perSession: 900 },
      { phase: "implementation", seconds: 2400, perSession: 1200 },
      { phase: "refinement", seconds: 1800, perSession: 900 },
    ]);
    expect(lev.interrupts).toEqual([
      { category: "wrong_pattern", count: 1, perSession: 0.5 },
      { category: "security", count: 1, perSession: 0.5 },
    ]);
    expect([...lev.people].sort((a, b) => a.seconds - b.seconds)).toEqual([
      { id: ws.users.owner.id, name: expect.stringMatching(/^owner /), sessions: 1, seconds: 1800, interrupts: 0 },
      { id: ws.users.member.id, name: expect.stringMatching(/^member /), sessions: 1, seconds: 7200, interrupts: 2 },
    ]);
    expect(lev.linked).toEqual({ sessions: 1, prompts: 3, perSession: 3 });
  });
});

describe("every figure", () => {
  it("is empty for an empty range and for another workspace", async () => {
    const empty: DashboardFilter = { from: new Date("2020-01-01T00:00:00Z"), to: new Date("2020-02-01T00:00:00Z"), timeZone: "UTC" };
    expect(await flowMetrics(ws.scopes.viewer, empty)).toEqual({
      reviewLatency: { count: 0, median: null, p90: null },
      timeInStatus: [],
      cycleTime: [],
      reviewThroughput: { sessions: 0, reviews: 0, seconds: 0, perHour: null },
    });
    expect(await delegationMetrics(ws.scopes.viewer, empty)).toEqual({ specScore: [], costByAgent: [], mix: [], flagged: [] });
    const other = await createTestWorkspace();
    const lev = await leverageMetrics(other.scopes.owner, NOVEMBER);
    expect(lev).toMatchObject({ sessions: 0, phases: [], interrupts: [], people: [], interruptsPerSession: null, linked: { sessions: 0, prompts: 0, perSession: null } });
    expect((await flowMetrics(other.scopes.owner, NOVEMBER)).reviewLatency.count).toBe(0);
  });
});

describe("a task rejected at the loop limit", () => {
  it("counts as rejected with the two loops it used, and its attempts and cost are the three tries'", async () => {
    // October: its own range, apart from the story above.
    const october = (time: string) => Date.parse(`2026-10-05T${time}:00Z`);
    const task = await atTime(october("09:00"), () =>
      createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "At the cap", lane: "delegate", status: "ready", overDelegationReason: "Fixture", gateOverrideReason: "Fixture" }),
    );
    await atTime(october("09:10"), () => assignAgent(ws.scopes.member, task.key, { agentId: agentB.id }));
    for (const [i, hour] of ["10", "12", "14"].entries()) {
      await atTime(october(`${hour}:00`), () => claimTask(agentB.scope, task.key));
      const id = await attempt(task.key, agentB, october(`${hour}:30`), { costUsd: 1 });
      const verdict = i < 2 ? { verdict: "request_changes", summary: "Again." } : { verdict: "reject", reason: "agent_error", toLeverage: false };
      await atTime(october(`${hour}:45`), () => giveVerdict(ws.scopes.owner, id, verdict));
    }
    const range: DashboardFilter = { from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-10-08T00:00:00Z"), timeZone: "UTC" };
    const { loops } = await loopFigures(ws.scopes.viewer, range);
    expect(loops).toMatchObject({ outcomes: 1, rejected: 1, firstPass: 0, afterLoops: 0, meanLoops: 2, distribution: [{ bucket: "rejected", tasks: 1 }], reasons: [{ reason: "agent_error", tasks: 1 }] });
    const [row] = await taskRows(ws.scopes.viewer, range);
    expect(row).toMatchObject({ title: "At the cap", attempts: 3, loops: 2, outcome: "rejected", reason: "agent_error", costUsd: 3 });
  });
});

describe("the per-task rows (CSV export)", () => {
  it("one row per decided task, with its attempts, loops, cost, time and overrides", async () => {
    const rows = await taskRows(ws.scopes.viewer, NOVEMBER);
    expect(rows.map((r) => [r.title, r.agent, r.attempts, r.loops, r.outcome, r.reason, r.costUsd, r.agentSeconds, r.overDelegated, r.gateOverridden])).toEqual([
      ["Flow 2", "Agent A", 1, 0, "accepted", "", 4.5, 1800, true, true],
      ["Flow 3", "Agent A", 2, 1, "accepted", "", 3, 600, true, true],
      ["Flow 4", "Agent B", 1, 0, "rejected", "too_complex", null, null, true, true],
    ]);
    expect(rows[0]).toMatchObject({ board: "TST", specScore: lintSpec(GOOD_SPEC).score, lastAttemptAt: "2026-11-02T10:00:00.000Z", decidedAt: "2026-11-02T12:00:00.000Z" });
    expect(rows[2]?.specScore).toBeNull();
    const csv = toCsv(rows).split("\r\n");
    expect(csv[0]).toBe("task,title,board,agent,spec_author,spec_score_at_handoff,attempts,review_loops,outcome,reject_reason,last_attempt_at,decided_at,cost_usd,agent_seconds,over_delegated,gate_overridden");
    expect(csv[3]).toMatch(/^TST-\d+,Flow 4,TST,Agent B,,,1,0,rejected,too_complex,2026-11-04T10:00:00.000Z,2026-11-04T10:30:00.000Z,,,true,true$/);
    expect(csv).toHaveLength(5); // header, three rows, and the empty string after the last line break
  });

  it("quotes what CSV must quote, and defuses what a spreadsheet would run as a formula", () => {
    expect(csvField('Say "hi", then leave\nnow')).toBe('"Say ""hi"", then leave\nnow"');
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
    expect(csvField(true)).toBe("true");
  });
});

describe("who may read the figures", () => {
  it("members from viewer up, and tokens made with metrics:read; other tokens are refused", async () => {
    const metricsToken = (await createToken(ws.scopes.admin, agentA.id, { access: "read_metrics" })).token;
    const reporting = (await scopeForBearer(`Bearer ${metricsToken}`)).scope;
    expect(() => assertCan(reporting, "metrics.read")).not.toThrow();
    expect(() => assertCan(reporting, "workspace.read")).toThrow();
    expect((await flowMetrics(reporting, NOVEMBER)).reviewLatency.count).toBe(4);
    await expect(flowMetrics(agentA.scope, NOVEMBER)).rejects.toMatchObject({ code: "forbidden" });
  });
});
