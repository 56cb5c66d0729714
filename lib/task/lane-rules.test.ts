import { describe, expect, it } from "vitest";
import { laneChangeRequirements } from "./lane-rules";
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
