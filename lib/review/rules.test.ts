import { describe, expect, it } from "vitest";
import { CHECKLIST_IDS, loopUsage, median, requestChangesBlocked, reviewTransition, type ReviewableTask } from "./rules";

const inReview = (loopCount = 0, overrides: Partial<ReviewableTask> = {}): ReviewableTask => ({
  lane: "delegate",
  status: "in_review",
  loopCount,
  agentId: "agent-1",
  ownerId: "owner-1",
  ...overrides,
});
const accept = { verdict: "accept" as const, checklist: CHECKLIST_IDS };
const changes = { verdict: "request_changes" as const };
const reject = (toLeverage = true, assigneeId: string | null = null) => ({ verdict: "reject" as const, toLeverage, assigneeId });

describe("reviewTransition", () => {
  it("accept → Done, same lane, agent and loops", () => {
    expect(reviewTransition(inReview(1), accept, 2, "rev")).toEqual({
      ok: true,
      next: { lane: "delegate", status: "done", loopCount: 1, agentId: "agent-1", ownerId: "owner-1" },
    });
  });

  it("accept needs every checklist item and names the missing ones", () => {
    const result = reviewTransition(inReview(), { verdict: "accept", checklist: ["read_code", "security"] }, 2, "rev");
    expect(result).toMatchObject({ ok: false, code: "invalid", field: "checklist" });
    expect(!result.ok && result.message).toContain("“I understand the architectural decisions”, “I checked edge cases”, “It is maintainable”");
    expect(!result.ok && result.message).not.toContain("I read the code");
  });

  it("request changes → In progress for the same agent, one more loop", () => {
    expect(reviewTransition(inReview(0), changes, 2, "rev")).toEqual({
      ok: true,
      next: { lane: "delegate", status: "in_progress", loopCount: 1, agentId: "agent-1", ownerId: "owner-1" },
    });
  });

  it("reject → the agent is unassigned and the owner takes it in Leverage · Ready", () => {
    expect(reviewTransition(inReview(2), reject(), 2, "rev")).toEqual({
      ok: true,
      next: { lane: "leverage", status: "ready", loopCount: 2, agentId: null, ownerId: "owner-1" },
    });
  });

  it("reject to a chosen person, kept in the Delegate lane → Backlog to re-specify", () => {
    expect(reviewTransition(inReview(1), reject(false, "someone"), 2, "rev")).toEqual({
      ok: true,
      next: { lane: "delegate", status: "backlog", loopCount: 1, agentId: null, ownerId: "someone" },
    });
  });

  it("reject of an ownerless task goes to the reviewer", () => {
    const result = reviewTransition(inReview(0, { ownerId: null }), reject(), 2, "rev");
    expect(result.ok && result.next.ownerId).toBe("rev");
  });

  it.each([
    ["not in review", { status: "in_progress" as const }],
    ["done", { status: "done" as const }],
    ["in the Leverage lane", { lane: "leverage" as const }],
    ["without an agent", { agentId: null }],
  ])("refuses every verdict on a task %s", (_what, overrides) => {
    for (const decision of [accept, changes, reject()]) {
      expect(reviewTransition(inReview(0, overrides), decision, 2, "rev")).toMatchObject({ ok: false, code: "conflict" });
    }
  });
});

describe("the loop limit", () => {
  // Every loop count from 0 to past the limit, for limits 0, 1, 2 and 5.
  for (const limit of [0, 1, 2, 5]) {
    it(`limit ${limit}: request changes is offered exactly while loops remain`, () => {
      for (let count = 0; count <= limit + 2; count++) {
        const result = reviewTransition(inReview(count), changes, limit, "rev");
        if (count < limit) {
          expect(result, `count ${count}`).toEqual({ ok: true, next: expect.objectContaining({ loopCount: count + 1, status: "in_progress" }) });
          expect(requestChangesBlocked(count, limit)).toBeNull();
        } else {
          expect(result, `count ${count}`).toMatchObject({ ok: false, code: "conflict" });
          expect(requestChangesBlocked(count, limit)).not.toBeNull();
        }
        // Accept and reject stay available at every count.
        expect(reviewTransition(inReview(count), accept, limit, "rev").ok).toBe(true);
        expect(reviewTransition(inReview(count), reject(), limit, "rev").ok).toBe(true);
      }
    });
  }

  it("says how many loops are used, in the words the page shows", () => {
    expect(requestChangesBlocked(2, 2)).toBe("2 of 2 review loops used — accept, or reject and handle it manually");
    expect(requestChangesBlocked(1, 1)).toBe("1 of 1 review loop used — accept, or reject and handle it manually");
    expect(requestChangesBlocked(0, 0)).toBe("This workspace allows no review loops — accept, or reject and handle it manually.");
  });

  it("a limit lowered below a task's count leaves the task at its cap", () => {
    expect(loopUsage(3, 1)).toEqual({ used: 1, limit: 1, exhausted: true });
    expect(loopUsage(1, 5)).toEqual({ used: 1, limit: 5, exhausted: false });
    expect(requestChangesBlocked(3, 1)).toBe("1 of 1 review loop used — accept, or reject and handle it manually");
  });
});

describe("median", () => {
  it("of none, odd and even counts", () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
  });
});
