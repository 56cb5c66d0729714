// The delegation-loop figures against PostgreSQL, on outcomes made through the real review loop
// with known answers: the distribution, first-pass and after-loop acceptance, rejections and their
// reasons, the mean, weeks in the reader's time zone, an empty range, open tasks and other boards.
import { beforeAll, describe, expect, it } from "vitest";
import { scopeForBearer } from "@/lib/agent/gate";
import { assignAgent, claimTask, createAgent, createSubmission, createToken } from "@/lib/agent/mutations";
import { atTime } from "@/lib/core/clock";
import { db } from "@/lib/core/db";
import { giveVerdict } from "@/lib/review/mutations";
import { CHECKLIST_IDS, type RejectReason } from "@/lib/review/rules";
import { createTask } from "@/lib/task/mutations";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import type { DashboardFilter } from "./filter";
import { loopBreakdown, loopMetrics } from "./loops";

let ws: TestWorkspace;
let agentScope: Awaited<ReturnType<typeof scopeForBearer>>["scope"];
let otherAgentScope: Awaited<ReturnType<typeof scopeForBearer>>["scope"];
let n = 0;

const diff = (line: string) => `diff --git a/src/a.ts b/src/a.ts\nindex 1111111..2222222 100644\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,1 +1,1 @@\n-const a = 1;\n+${line}\n`;

/** A delegated task through `loops` rounds of "request changes", then its final verdict (if any) at `at`. */
async function outcome(loops: number, final: "accept" | RejectReason | null, at: string, boardKey = ws.boardKey, agent = agentScope) {
  const time = Date.parse(at) - (loops + 1) * 60_000;
  const task = await atTime(time, () =>
    createTask(ws.scopes.member, { boardKey, title: `Loop fixture ${++n}`, lane: "delegate", status: "ready", overDelegationReason: "Fixture", gateOverrideReason: "Fixture" }),
  );
  await assignAgent(ws.scopes.member, task.key, { agentId: agent.agentId ?? "" });
  for (let round = 0; round <= loops; round++) {
    const stamp = time + round * 60_000;
    await atTime(stamp, () => claimTask(agent, task.key));
    const { submission } = await atTime(stamp, () => createSubmission(agent, task.key, { summary: `Try ${round + 1}`, diff: diff(`const a = ${round + 2};`) }, { source: "api" }));
    if (round < loops) await atTime(stamp + 1, () => giveVerdict(ws.scopes.owner, submission.id, { verdict: "request_changes", summary: "Again." }));
    else if (final === "accept") await atTime(Date.parse(at), () => giveVerdict(ws.scopes.owner, submission.id, { verdict: "accept", checklist: [...CHECKLIST_IDS] }));
    else if (final) await atTime(Date.parse(at), () => giveVerdict(ws.scopes.owner, submission.id, { verdict: "reject", reason: final, toLeverage: false }));
  }
  return task;
}

const NOVEMBER: DashboardFilter = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-15T00:00:00Z"), timeZone: "UTC" };

beforeAll(async () => {
  ws = await createTestWorkspace();
  const agent = await createAgent(ws.scopes.admin, { name: "Loop agent", kind: "devin" });
  const { token } = await createToken(ws.scopes.admin, agent.id);
  agentScope = (await scopeForBearer(`Bearer ${token}`)).scope;
  const other = await createAgent(ws.scopes.admin, { name: "Other agent", kind: "codex" });
  otherAgentScope = (await scopeForBearer(`Bearer ${(await createToken(ws.scopes.admin, other.id)).token}`)).scope;
  await db().board.create({ data: { workspaceId: ws.scopes.owner.workspaceId, name: "Other", key: "OTH" } });
  await outcome(0, "accept", "2026-11-02T10:00:00Z"); // week of Nov 2
  await outcome(1, "accept", "2026-11-04T10:00:00Z");
  await outcome(2, "accept", "2026-11-09T10:00:00Z"); // week of Nov 9
  await outcome(1, "unclear_spec", "2026-11-10T10:00:00Z");
  await outcome(0, "too_complex", "2026-11-08T23:30:00Z"); // Sunday in UTC, Monday 00:30 in Berlin
  await outcome(1, null, "2026-11-05T10:00:00Z"); // still open: no outcome
  await outcome(0, "accept", "2026-10-01T10:00:00Z"); // outside the range
  await outcome(0, "agent_error", "2026-11-03T10:00:00Z", "OTH", otherAgentScope); // another board, another agent
});

describe("loop metrics", () => {
  it("counts each task's final verdict once: distribution, first pass, after loops, rejections and their reasons, the mean", async () => {
    const board = await db().board.findFirstOrThrow({ where: { workspaceId: ws.scopes.owner.workspaceId, key: ws.boardKey } });
    const metrics = await loopMetrics(ws.scopes.viewer, { ...NOVEMBER, boardId: board.id });
    expect(metrics).toMatchObject({ outcomes: 5, accepted: 3, firstPass: 1, afterLoops: 2, rejected: 2 });
    expect(metrics.meanLoops).toBeCloseTo((0 + 1 + 2 + 1 + 0) / 5, 10);
    expect(metrics.distribution).toEqual([
      { bucket: "0", tasks: 1 },
      { bucket: "1", tasks: 1 },
      { bucket: "2", tasks: 1 },
      { bucket: "rejected", tasks: 2 },
    ]);
    expect(metrics.reasons).toEqual([
      { reason: "too_complex", tasks: 1 },
      { reason: "unclear_spec", tasks: 1 },
    ]);
  });

  it("starts weeks on Monday in the reader's time zone", async () => {
    const board = await db().board.findFirstOrThrow({ where: { workspaceId: ws.scopes.owner.workspaceId, key: ws.boardKey } });
    const utc = await loopMetrics(ws.scopes.viewer, { ...NOVEMBER, boardId: board.id });
    expect(utc.weekly).toEqual([
      { week: "2026-11-02", outcomes: 3, firstPass: 1, rejected: 1, meanLoops: 1 / 3 },
      { week: "2026-11-09", outcomes: 2, firstPass: 0, rejected: 1, meanLoops: 1.5 },
    ]);
    const berlin = await loopMetrics(ws.scopes.viewer, { ...NOVEMBER, boardId: board.id, timeZone: "Europe/Berlin" });
    expect(berlin.weekly.map((w) => [w.week, w.outcomes])).toEqual([
      ["2026-11-02", 2],
      ["2026-11-09", 3],
    ]);
  });

  it("takes every board when none is named, and answers an empty range with zeros", async () => {
    const all = await loopMetrics(ws.scopes.viewer, NOVEMBER);
    expect(all).toMatchObject({ outcomes: 6, rejected: 3 });
    expect(all.reasons.map((r) => r.reason).sort()).toEqual(["agent_error", "too_complex", "unclear_spec"]);
    const empty = await loopMetrics(ws.scopes.viewer, { from: new Date("2020-01-01T00:00:00Z"), to: new Date("2020-02-01T00:00:00Z"), timeZone: "UTC" });
    expect(empty).toEqual({ outcomes: 0, accepted: 0, firstPass: 0, afterLoops: 0, rejected: 0, meanLoops: null, distribution: [], reasons: [], weekly: [] });
  });

  it("refuses a time zone PostgreSQL would not know, and another workspace sees none of it", async () => {
    await expect(loopMetrics(ws.scopes.viewer, { ...NOVEMBER, timeZone: "Mars/Olympus" })).rejects.toMatchObject({ code: "invalid", fields: { tz: [expect.any(String)] } });
    const other = await createTestWorkspace();
    expect((await loopMetrics(other.scopes.owner, NOVEMBER)).outcomes).toBe(0);
  });

  it("breaks the same figures down by agent, by spec author and by board", async () => {
    expect(await loopBreakdown(ws.scopes.viewer, NOVEMBER, "agent")).toEqual([
      { id: agentScope.agentId, name: "Loop agent", outcomes: 5, firstPass: 1, rejected: 2, meanLoops: 0.8 },
      { id: otherAgentScope.agentId, name: "Other agent", outcomes: 1, firstPass: 0, rejected: 1, meanLoops: 0 },
    ]);
    const boards = await loopBreakdown(ws.scopes.viewer, NOVEMBER, "board");
    expect(boards.map((b) => [b.name, b.outcomes, b.rejected])).toEqual([
      ["TST · Test board", 5, 2],
      ["OTH · Other", 1, 1],
    ]);
    // No spec was saved on these tasks: every outcome is under "No spec author".
    expect(await loopBreakdown(ws.scopes.viewer, NOVEMBER, "author")).toEqual([{ id: null, name: "No spec author", outcomes: 6, firstPass: 1, rejected: 3, meanLoops: 4 / 6 }]);
  });
});
