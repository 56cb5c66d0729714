// The Acme history is planned against the moment of seeding, in working days, while the listed
// tasks it touches are aged in calendar days: whatever the weekday and the hour, the plan must
// hold (every step before now, each session inside its task's life). Planning needs no database.
import { describe, expect, it } from "vitest";
import { API_TASKS, taskLife, WEB_TASKS } from "./demo-data-loader";
import { EXISTING_SESSION_TASKS, planHistory, type Existing } from "./seed-history";

const HOUR = 60 * 60 * 1000;
const THRESHOLD = 70;

function existingAt(now: number): Map<string, Existing> {
  const boards = { WEB: WEB_TASKS, API: API_TASKS } as const;
  return new Map(
    EXISTING_SESSION_TASKS.map((key) => {
      const [board, number] = key.split("-") as [keyof typeof boards, string];
      const task = boards[board][Number(number) - 1];
      if (!task) throw new Error(`${key} is not listed`);
      const life = taskLife(task, now);
      return [key, { key, lane: task.lane, status: task.status, createdAt: new Date(life.createdAt), updatedAt: new Date(life.updatedAt) }];
    }),
  );
}

const noRuntime = () => {
  throw new Error("a dry run runs no step");
};

describe("the Acme history's plan", () => {
  it("holds when seeded at any hour of any weekday", () => {
    // Two weeks from a Monday midnight (UTC), every three hours, plus odd minutes.
    const monday = Date.UTC(2026, 10, 30);
    const failures: string[] = [];
    let planned = 0;
    for (let at = monday; at < monday + 14 * 24 * HOUR; at += 3 * HOUR + 7 * 60 * 1000) {
      try {
        const steps = planHistory(at, THRESHOLD, existingAt(at), noRuntime);
        expect(steps.every((step) => step.at < at)).toBe(true);
        planned++;
      } catch (error) {
        failures.push(`${new Date(at).toISOString()}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(planned).toBeGreaterThan(100);
  });
});
