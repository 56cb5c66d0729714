import { describe, expect, it } from "vitest";
import { agentStepRefusal, laneChangeRequirements, type AgentStepCheck } from "./lane-rules";
import type { TriageAnswers } from "./triage";

const delegateYes: TriageAnswers = { knowWhat: true, examples: true, approachObvious: true, successDefined: true, selfContained: true };
const base = { triage: delegateYes, specScore: 90, threshold: 70 };

describe("laneChangeRequirements", () => {
  it("asks nothing outside the delegate lane", () => {
    expect(laneChangeRequirements({ ...base, triage: null, specScore: 0, from: null, to: { lane: "leverage", status: "ready" } })).toEqual([]);
    expect(laneChangeRequirements({ ...base, triage: null, specScore: 0, from: null, to: { lane: "untriaged", status: "in_progress" } })).toEqual([]);
  });

  it("asks for an over-delegation reason when the triage does not recommend delegating", () => {
    const to = { lane: "delegate", status: "backlog" } as const;
    expect(laneChangeRequirements({ ...base, triage: null, from: null, to })).toEqual([{ kind: "over_delegation", recommendation: "unclear" }]);
    expect(laneChangeRequirements({ ...base, triage: { diagnosis: true }, from: { lane: "leverage", status: "backlog" }, to })).toEqual([
      { kind: "over_delegation", recommendation: "leverage" },
    ]);
    expect(laneChangeRequirements({ ...base, from: { lane: "untriaged", status: "backlog" }, to })).toEqual([]);
  });

  it("does not ask again for moves within the delegate lane", () => {
    expect(laneChangeRequirements({ ...base, triage: null, from: { lane: "delegate", status: "backlog" }, to: { lane: "delegate", status: "done" } })).toEqual([]);
  });

  it("gates Ready and In progress on the spec score, when coming from the backlog or another lane", () => {
    const weak = { ...base, specScore: 40 };
    expect(laneChangeRequirements({ ...weak, from: { lane: "delegate", status: "backlog" }, to: { lane: "delegate", status: "ready" } })).toEqual([
      { kind: "spec_gate", score: 40, threshold: 70 },
    ]);
    expect(laneChangeRequirements({ ...weak, from: { lane: "delegate", status: "backlog" }, to: { lane: "delegate", status: "in_progress" } })).toHaveLength(1);
    expect(laneChangeRequirements({ ...weak, from: null, to: { lane: "delegate", status: "ready" } })).toEqual([
      { kind: "spec_gate", score: 40, threshold: 70 },
    ]);
    expect(laneChangeRequirements({ ...weak, from: { lane: "delegate", status: "ready" }, to: { lane: "delegate", status: "in_progress" } })).toEqual([]);
    expect(laneChangeRequirements({ ...weak, from: { lane: "delegate", status: "backlog" }, to: { lane: "delegate", status: "done" } })).toEqual([]);
    expect(laneChangeRequirements({ ...weak, from: { lane: "delegate", status: "in_review" }, to: { lane: "delegate", status: "in_progress" } })).toEqual([]);
  });

  it("cannot be skipped by going through Done: reopening passes the gate again", () => {
    const weak = { ...base, specScore: 40 };
    expect(laneChangeRequirements({ ...weak, from: { lane: "delegate", status: "done" }, to: { lane: "delegate", status: "ready" } })).toHaveLength(1);
    expect(laneChangeRequirements({ ...weak, from: { lane: "delegate", status: "done" }, to: { lane: "delegate", status: "in_progress" } })).toHaveLength(1);
  });

  it("passes the gate at exactly the threshold", () => {
    expect(laneChangeRequirements({ ...base, specScore: 70, from: { lane: "delegate", status: "backlog" }, to: { lane: "delegate", status: "ready" } })).toEqual([]);
    expect(laneChangeRequirements({ ...base, specScore: 69, from: { lane: "delegate", status: "backlog" }, to: { lane: "delegate", status: "ready" } })).toHaveLength(1);
  });

  it("can ask for both reasons at once", () => {
    expect(
      laneChangeRequirements({ triage: null, specScore: 10, threshold: 70, from: { lane: "untriaged", status: "backlog" }, to: { lane: "delegate", status: "ready" } }).map((r) => r.kind),
    ).toEqual(["over_delegation", "spec_gate"]);
  });
});

describe("agentStepRefusal", () => {
  const ready: AgentStepCheck = { lane: "delegate", status: "ready", hasAgent: true, specScore: 90, threshold: 70 };

  it("lets an agent claim and submit on Ready and In progress delegate tasks", () => {
    for (const status of ["ready", "in_progress"] as const) {
      expect(agentStepRefusal({ ...ready, status }, "claim")).toBeNull();
      expect(agentStepRefusal({ ...ready, status }, "submit")).toBeNull();
    }
  });

  it("takes a new attempt while one waits for review, but no claim", () => {
    expect(agentStepRefusal({ ...ready, status: "in_review" }, "submit")).toBeNull();
    expect(agentStepRefusal({ ...ready, status: "in_review" }, "claim")).toMatch(/waiting for a review/);
  });

  it("refuses other lanes, done tasks and tasks without an agent", () => {
    for (const step of ["claim", "submit"] as const) {
      expect(agentStepRefusal({ ...ready, lane: "leverage" }, step)).toMatch(/Leverage lane/);
      expect(agentStepRefusal({ ...ready, lane: "untriaged" }, step)).toMatch(/Untriaged lane/);
      expect(agentStepRefusal({ ...ready, status: "done" }, step)).toMatch(/done/);
      expect(agentStepRefusal({ ...ready, hasAgent: false }, step)).toMatch(/no agent/);
    }
  });

  it("applies the readiness gate to a Backlog task, which an agent cannot override", () => {
    expect(agentStepRefusal({ ...ready, status: "backlog", specScore: 40 }, "claim")).toMatch(/scores 40\/100, below the workspace's threshold of 70/);
    expect(agentStepRefusal({ ...ready, status: "backlog", specScore: null }, "submit")).toMatch(/scores 0\/100/);
    expect(agentStepRefusal({ ...ready, status: "backlog", specScore: 70 }, "claim")).toBeNull();
  });
});
