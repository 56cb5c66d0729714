import { describe, expect, it } from "vitest";
import { readTriage, recommendLane, TRIAGE_QUESTIONS, type TriageAnswers } from "./triage";

const allDelegate: TriageAnswers = { knowWhat: true, examples: true, approachObvious: true, successDefined: true, selfContained: true };

describe("recommendLane", () => {
  it("is not yet clear without answers", () => {
    expect(recommendLane(null)).toBe("unclear");
    expect(recommendLane(undefined)).toBe("unclear");
    expect(recommendLane({})).toBe("unclear");
  });

  it("recommends Delegate only when all five delegate conditions hold and no leverage one does", () => {
    expect(recommendLane(allDelegate)).toBe("delegate");
    expect(recommendLane({ ...allDelegate, explore: false, diagnosis: false })).toBe("delegate");
  });

  it("is not yet clear when any delegate condition is missing or false", () => {
    for (const id of ["knowWhat", "examples", "approachObvious", "successDefined", "selfContained"] as const) {
      expect(recommendLane({ ...allDelegate, [id]: false }), id).toBe("unclear");
      const { [id]: _dropped, ...rest } = allDelegate;
      expect(recommendLane(rest), `${id} unanswered`).toBe("unclear");
    }
  });

  it("recommends Leverage when any leverage condition holds, even with all delegate boxes ticked", () => {
    for (const id of ["explore", "diagnosis", "architecture", "unclearRequirements", "multipleSubsystems"] as const) {
      expect(recommendLane({ [id]: true }), id).toBe("leverage");
      expect(recommendLane({ ...allDelegate, [id]: true }), `${id} with delegate`).toBe("leverage");
    }
  });

  it("has the framework's ten questions with the exact phrasing", () => {
    expect(TRIAGE_QUESTIONS.map((q) => q.text)).toEqual([
      "I know exactly what needs to be done",
      "I can give clear examples or references",
      "The approach is obvious",
      "Success criteria are well defined",
      "The task is self-contained",
      "I need to explore approaches",
      "The problem needs diagnosis first",
      "Architectural decisions are involved",
      "Requirements are unclear or evolving",
      "Several subsystems must be coordinated",
    ]);
  });
});

describe("readTriage", () => {
  it("keeps known boolean answers and drops everything else", () => {
    expect(readTriage({ knowWhat: true, explore: "yes", bogus: true })).toEqual({ knowWhat: true });
    expect(readTriage(null)).toBeNull();
    expect(readTriage([true])).toBeNull();
    expect(readTriage("x")).toBeNull();
  });
});
