// The review loop as pure rules: what each verdict does to a task, and the loop limit. The data
// layer applies them inside the verdict's transaction; the review page uses the same answers to
// offer (or withdraw) a verdict before anyone clicks.
import type { Lane, Status } from "@/lib/task/schema";

export const VERDICTS = ["accept", "request_changes", "reject"] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABEL: Record<Verdict, string> = { accept: "Accepted", request_changes: "Changes requested", reject: "Rejected" };

/** The workspace setting: how many times a reviewer may send a task back to its agent. */
export const LOOP_LIMIT = { min: 0, max: 5, default: 2 } as const;

/** The ownership checklist. Passing checks are not proof of correctness: Accept needs all five. */
export const CHECKLIST = [
  { id: "read_code", label: "I read the code" },
  { id: "architecture", label: "I understand the architectural decisions" },
  { id: "security", label: "I checked security" },
  { id: "edge_cases", label: "I checked edge cases" },
  { id: "maintainable", label: "It is maintainable" },
] as const;
export type ChecklistItem = (typeof CHECKLIST)[number]["id"];
export const CHECKLIST_IDS: readonly ChecklistItem[] = CHECKLIST.map((item) => item.id);

export const REJECT_REASONS = ["unclear_spec", "too_complex", "agent_error", "other"] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const REJECT_REASON_LABEL: Record<RejectReason, string> = {
  unclear_spec: "Unclear spec",
  too_complex: "Too complex to delegate",
  agent_error: "Agent error",
  other: "Other",
};

/** Loops as shown: a task whose count is above a lowered limit is shown (and treated) at the cap. */
export function loopUsage(loopCount: number, limit: number): { used: number; limit: number; exhausted: boolean } {
  return { used: Math.min(loopCount, limit), limit, exhausted: loopCount >= limit };
}

/** Why Request changes is not available, or null when it is. */
export function requestChangesBlocked(loopCount: number, limit: number): string | null {
  const { used, exhausted } = loopUsage(loopCount, limit);
  if (!exhausted) return null;
  if (limit === 0) return "This workspace allows no review loops — accept, or reject and handle it manually.";
  return `${used} of ${limit} review ${limit === 1 ? "loop" : "loops"} used — accept, or reject and handle it manually`;
}

export interface ReviewableTask {
  lane: Lane;
  status: Status;
  loopCount: number;
  agentId: string | null;
  ownerId: string | null;
}

export type VerdictDecision =
  | { verdict: "accept"; checklist: readonly string[] }
  | { verdict: "request_changes" }
  | { verdict: "reject"; assigneeId: string | null; toLeverage: boolean };

export interface TaskAfterVerdict {
  lane: Lane;
  status: Status;
  loopCount: number;
  agentId: string | null;
  ownerId: string | null;
}

export type Transition =
  | { ok: true; next: TaskAfterVerdict }
  | { ok: false; code: "conflict" | "invalid"; message: string; field?: string };

/** Where a verdict sends its task: the cell (lane and status) it lands in, last. */
export function verdictCell(decision: VerdictDecision): { lane: Lane; status: Status } {
  switch (decision.verdict) {
    case "accept":
      return { lane: "delegate", status: "done" };
    case "request_changes":
      return { lane: "delegate", status: "in_progress" };
    case "reject":
      return decision.toLeverage ? { lane: "leverage", status: "ready" } : { lane: "delegate", status: "backlog" };
  }
}

/**
 * What a verdict does to the task under review:
 * - accept → Done (needs every checklist item);
 * - request changes → back to In progress for the same agent, one more loop used (refused once
 *   the loops are used up);
 * - reject → the agent is unassigned and the task goes to a person (the chosen one, else its
 *   owner, else the reviewer): into Leverage · Ready, or, when the reviewer keeps it in the
 *   Delegate lane, back to Backlog to be re-specified.
 */
export function reviewTransition(task: ReviewableTask, decision: VerdictDecision, limit: number, reviewerId: string): Transition {
  if (task.lane !== "delegate" || task.status !== "in_review" || !task.agentId) {
    return { ok: false, code: "conflict", message: "This attempt is not awaiting review any more: its task has moved on." };
  }
  switch (decision.verdict) {
    case "accept": {
      const missing = CHECKLIST.filter((item) => !decision.checklist.includes(item.id));
      if (missing.length > 0) {
        return {
          ok: false,
          code: "invalid",
          field: "checklist",
          message: `Accepting needs the whole ownership checklist. Not ticked: ${missing.map((item) => `“${item.label}”`).join(", ")}.`,
        };
      }
      return { ok: true, next: { ...pick(task), ...verdictCell(decision) } };
    }
    case "request_changes": {
      const blocked = requestChangesBlocked(task.loopCount, limit);
      if (blocked) return { ok: false, code: "conflict", message: `${blocked}.` };
      return { ok: true, next: { ...pick(task), ...verdictCell(decision), loopCount: task.loopCount + 1 } };
    }
    case "reject":
      return {
        ok: true,
        next: {
          ...pick(task),
          ...verdictCell(decision),
          agentId: null,
          ownerId: decision.assigneeId ?? task.ownerId ?? reviewerId,
        },
      };
  }
}

function pick(task: ReviewableTask): TaskAfterVerdict {
  return { lane: task.lane, status: task.status, loopCount: task.loopCount, agentId: task.agentId, ownerId: task.ownerId };
}

/** Median of a list of numbers (seconds per review); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}
