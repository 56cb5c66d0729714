// Agents' records on similar work against PostgreSQL, on tasks decided through the real review
// loop with known answers: similar by label and by template, an unrelated task, a deleted one, an
// open one, a task decided twice, the task itself, costs summed over attempts, an agent without
// similar work and another workspace. Then the ranking and the wording, as plain functions.
import { beforeAll, describe, expect, it } from "vitest";
import { scopeForBearer } from "@/lib/agent/gate";
import { assignAgent, claimTask, createAgent, createSubmission, createToken } from "@/lib/agent/mutations";
import { atTime } from "@/lib/core/clock";
import type { WorkspaceScope } from "@/lib/core/scope";
import { giveVerdict } from "@/lib/review/mutations";
import { CHECKLIST_IDS } from "@/lib/review/rules";
import { createTemplate, deleteTemplate, saveSpec } from "@/lib/spec/mutations";
import { createTask, deleteTask, moveTask } from "@/lib/task/mutations";
import { caught, createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { agentRecords } from "./data";
import { describeSimilar, rankRecords, type AgentRecord } from "./record";

let ws: TestWorkspace;
let ada: WorkspaceScope;
let bob: WorkspaceScope;
let target: string;
let templateOnly: string;
// Every write at its own minute, so "the last verdict" never depends on two landing in one millisecond.
let clock = Date.parse("2026-10-01T09:00:00Z");
const tick = <T>(run: () => Promise<T>) => atTime((clock += 60_000), run);

async function agentScope(t: TestWorkspace, name: string, kind: "devin" | "codex" | "custom") {
  const agent = await createAgent(t.scopes.admin, { name, kind });
  const { token } = await createToken(t.scopes.admin, agent.id);
  return (await scopeForBearer(`Bearer ${token}`)).scope;
}

interface Work {
  labels?: string[];
  template?: string;
  /** Each attempt's cost in dollars (undefined: not reported); the attempts are loops + 1. */
  costs?: (number | undefined)[];
  final: "accept" | "reject" | null;
  loops?: number;
}

/** A delegate task through `loops` rounds of changes by `agent`, then its final verdict (if any). */
async function work(agent: WorkspaceScope, { labels = [], template, costs = [], final, loops = 0 }: Work, t = ws, key?: string) {
  const taskKey =
    key ??
    (await tick(() => createTask(t.scopes.member, { boardKey: t.boardKey, title: "Record fixture", lane: "delegate", status: "ready", labels, overDelegationReason: "Fixture", gateOverrideReason: "Fixture" })))
      .key;
  if (template && !key) await tick(() => saveSpec(t.scopes.member, taskKey, { markdown: "## Outcome\nFixed.", baseRevision: 0, templateId: template }));
  await tick(() => assignAgent(t.scopes.member, taskKey, { agentId: agent.agentId }));
  for (let round = 0; round <= loops; round++) {
    await tick(() => claimTask(agent, taskKey));
    const cost = costs[round];
    const { submission } = await tick(() => createSubmission(agent, taskKey, { summary: `Try ${round + 1}`, ...(cost !== undefined && { costUsd: cost }) }, { source: "api" }));
    if (round < loops) await tick(() => giveVerdict(t.scopes.owner, submission.id, { verdict: "request_changes", summary: "Again." }));
    else if (final === "accept") await tick(() => giveVerdict(t.scopes.owner, submission.id, { verdict: "accept", checklist: [...CHECKLIST_IDS] }));
    else if (final === "reject") await tick(() => giveVerdict(t.scopes.owner, submission.id, { verdict: "reject", reason: "too_complex", toLeverage: false }));
  }
  return taskKey;
}

beforeAll(async () => {
  ws = await createTestWorkspace();
  ada = await agentScope(ws, "Ada", "devin");
  bob = await agentScope(ws, "Bob", "codex");
  await agentScope(ws, "Cy", "custom"); // no similar work at all

  // The task being handed off: template "Diagnosed bug fix", labels billing and bug. It was
  // rejected once already (Bob's): its own outcome never counts in its record.
  target = await work(bob, { labels: ["Billing", "bug"], template: "diagnosed-bug-fix", final: "reject" });

  // Ada: first pass ($1), accepted after a loop (two attempts, $2 + $1), rejected ($4, not an
  // accepted task's cost; similar by template only).
  await work(ada, { labels: ["billing"], costs: [1], final: "accept" });
  await work(ada, { labels: ["bug", "ui"], costs: [2, 1], loops: 1, final: "accept" });
  templateOnly = await work(ada, { template: "diagnosed-bug-fix", costs: [4], final: "reject" });
  // Bob: first pass without a known cost; accepted after two loops ($0.50 each attempt).
  await work(bob, { labels: ["billing"], final: "accept" });
  await work(bob, { labels: ["bug"], costs: [0.5, 0.5, 0.5], loops: 2, final: "accept" });
  // Decided twice: Ada's attempt ($1) rejected, then Bob's ($2) accepted — the last verdict is Bob's,
  // and the accepted task cost both attempts.
  const twice = await work(ada, { labels: ["billing"], costs: [1], final: "reject" });
  await tick(() => moveTask(ws.scopes.member, twice, { lane: "delegate", status: "ready", afterId: null, overDelegationReason: "Fixture", gateOverrideReason: "Fixture" }));
  await work(bob, { costs: [2], final: "accept" }, ws, twice);

  // Never counted: an unrelated label, a deleted task, a task still open.
  await work(bob, { labels: ["frontend"], final: "reject" });
  await work(bob, { labels: ["frontend"], template: "unit-tests", final: "reject" });
  const deleted = await work(bob, { labels: ["billing"], final: "reject" });
  await deleteTask(ws.scopes.member, deleted);
  await work(ada, { labels: ["billing"], final: null });

  // Another workspace with the same label and template, decided by its own agent.
  const other = await createTestWorkspace();
  const eve = await agentScope(other, "Eve", "devin");
  await work(eve, { labels: ["billing"], template: "diagnosed-bug-fix", final: "reject" }, other);
});

describe("agentRecords", () => {
  it("counts each similar task's last final verdict for the agent of that attempt, with costs summed over attempts", async () => {
    const record = await agentRecords(ws.scopes.viewer, target);
    expect(record.similar).toEqual({ template: { id: "diagnosed-bug-fix", name: "Diagnosed bug fix" }, labels: ["billing", "bug"] });
    expect(record.decided).toBe(6);
    expect(record.agents).toEqual([
      // Bob: first pass, two loops, first pass after Ada's rejection → 2 of 3, (0 + 2 + 0) / 3 loops;
      // costs: unknown, $1.50, $1 + $2 → the mean of the two known.
      { id: bob.agentId, name: "Bob", kind: "codex", outcomes: 3, firstPass: 2, rejected: 0, firstPassRate: 2 / 3, meanLoops: 2 / 3, acceptedCostCents: 225, best: true },
      // Ada: first pass, one loop, rejected → 1 of 3, 1/3 loops; ($1 + $3) / 2.
      { id: ada.agentId, name: "Ada", kind: "devin", outcomes: 3, firstPass: 1, rejected: 1, firstPassRate: 1 / 3, meanLoops: 1 / 3, acceptedCostCents: 200, best: false },
      { id: expect.any(String), name: "Cy", kind: "custom", outcomes: 0, firstPass: 0, rejected: 0, firstPassRate: null, meanLoops: null, acceptedCostCents: null, best: false },
    ]);
  });

  it("takes the template alone when the task has no labels, and leaves the task itself out", async () => {
    const record = await agentRecords(ws.scopes.member, templateOnly);
    expect(record.similar).toEqual({ template: { id: "diagnosed-bug-fix", name: "Diagnosed bug fix" }, labels: [] });
    // The only other task with the template is the target, rejected on Bob's attempt.
    expect(record.decided).toBe(1);
    expect(record.agents.map((a) => [a.name, a.outcomes, a.rejected, a.best])).toEqual([
      ["Bob", 1, 1, false],
      ["Ada", 0, 0, false],
      ["Cy", 0, 0, false],
    ]);
  });

  it("says there is no similar work for a task with neither labels nor a template", async () => {
    const bare = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Bare", lane: "delegate", overDelegationReason: "Fixture" });
    expect(await agentRecords(ws.scopes.viewer, bare.key)).toEqual({ similar: null, decided: 0, agents: [] });
  });

  it("names a workspace template, and says so once it is deleted", async () => {
    const template = await createTemplate(ws.scopes.admin, { name: "Queue worker", markdown: "## Outcome\nx" });
    const task = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Templated", lane: "delegate", overDelegationReason: "Fixture" });
    await saveSpec(ws.scopes.member, task.key, { markdown: "## Outcome\nA worker.", baseRevision: 0, templateId: template.id });
    expect((await agentRecords(ws.scopes.viewer, task.key)).similar).toEqual({ template: { id: template.id, name: "Queue worker" }, labels: [] });
    await deleteTemplate(ws.scopes.admin, template.id);
    const after = await agentRecords(ws.scopes.viewer, task.key);
    expect(after).toMatchObject({ similar: { template: { id: template.id, name: null }, labels: [] }, decided: 0 });
  });

  it("never counts another workspace's tasks, and does not find its task keys", async () => {
    const other = await createTestWorkspace();
    await agentScope(other, "Eve", "devin");
    const task = await createTask(other.scopes.member, { boardKey: other.boardKey, title: "Elsewhere", lane: "delegate", labels: ["billing", "bug"], overDelegationReason: "Fixture" });
    const record = await agentRecords(other.scopes.viewer, task.key);
    expect(record).toMatchObject({ decided: 0, agents: [{ name: "Eve", outcomes: 0 }] });
    expect((await caught(agentRecords(ws.scopes.viewer, "TST-999999"))).code).toBe("not_found");
  });
});

describe("rankRecords", () => {
  const row = (name: string, outcomes: number, firstPass: number, meanLoops: number | null): Omit<AgentRecord, "best"> => ({
    id: name,
    name,
    kind: "custom",
    outcomes,
    firstPass,
    rejected: 0,
    firstPassRate: outcomes === 0 ? null : firstPass / outcomes,
    meanLoops,
    acceptedCostCents: null,
  });

  it("sorts by first-pass rate, then fewer loops, then more outcomes, then name; no outcomes last", () => {
    const ranked = rankRecords([row("None", 0, 0, null), row("Half", 4, 2, 1), row("Half, fewer loops", 2, 1, 0.5), row("All", 3, 3, 0), row("Half, more", 6, 3, 0.5)]);
    expect(ranked.map((r) => [r.name, r.best])).toEqual([
      ["All", true],
      ["Half, more", false],
      ["Half, fewer loops", false],
      ["Half", false],
      ["None", false],
    ]);
  });

  it("marks no one on a single outcome or on a tie at the top", () => {
    expect(rankRecords([row("Once", 1, 1, 0), row("Often", 5, 4, 0.2)]).map((r) => r.best)).toEqual([false, false]);
    expect(rankRecords([row("B", 2, 2, 0), row("A", 2, 2, 0)]).map((r) => [r.name, r.best])).toEqual([
      ["A", false],
      ["B", false],
    ]);
    expect(rankRecords([row("Only", 2, 1, 0.5)])[0]?.best).toBe(true);
  });
});

describe("describeSimilar", () => {
  it("says what similar meant", () => {
    const template = { id: "diagnosed-bug-fix", name: "Diagnosed bug fix" };
    expect(describeSimilar({ template, labels: ["bug", "billing"] })).toBe("Other tasks with the template “Diagnosed bug fix” or any of the labels bug, billing.");
    expect(describeSimilar({ template, labels: ["bug"] })).toBe("Other tasks with the template “Diagnosed bug fix” or the label bug.");
    expect(describeSimilar({ template: null, labels: ["bug"] })).toBe("Other tasks with the label bug.");
    expect(describeSimilar({ template: { id: "x", name: null }, labels: [] })).toBe("Other tasks with the same template (deleted since).");
  });
});
