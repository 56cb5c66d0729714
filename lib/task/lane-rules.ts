// What it takes to put a task somewhere, as a pure function: the data layer enforces it on every
// create, edit and move; the UI uses the same answer to ask for a reason up front.
import type { Lane, Status } from "./schema";
import { recommendLane, type Recommendation, type TriageAnswers } from "./triage";

/** Statuses a delegate task may only enter once its spec is good enough. */
const GATED_STATUSES: ReadonlySet<Status> = new Set(["ready", "in_progress"]);
const IN_LOOP: ReadonlySet<Status> = new Set(["ready", "in_progress", "in_review"]);

export type Requirement =
  | { kind: "over_delegation"; recommendation: Recommendation }
  | { kind: "spec_gate"; score: number; threshold: number };

export interface Placement {
  lane: Lane;
  status: Status;
}

export interface LaneCheck {
  from: Placement | null; // null when the task is being created
  to: Placement;
  triage: TriageAnswers | null;
  specScore: number;
  threshold: number;
}

export function laneChangeRequirements({ from, to, triage, specScore, threshold }: LaneCheck): Requirement[] {
  if (to.lane !== "delegate") return [];
  const requirements: Requirement[] = [];
  const enteringDelegate = from?.lane !== "delegate";
  const recommendation = recommendLane(triage);
  // Delegating against the team's own framework is allowed, but needs a reason on record.
  if (enteringDelegate && recommendation !== "delegate") requirements.push({ kind: "over_delegation", recommendation });
  // The readiness gate: a delegate task enters Ready or In progress only with a spec an agent can
  // act on. Only moves within the agent's loop (Ready → In progress, In review → In progress) are
  // exempt; coming back from Backlog, Done or another lane passes the gate again.
  const alreadyPastGate = from?.lane === "delegate" && IN_LOOP.has(from.status);
  if (GATED_STATUSES.has(to.status) && !alreadyPastGate && specScore < threshold) {
    requirements.push({ kind: "spec_gate", score: specScore, threshold });
  }
  return requirements;
}

export const REASON_FIELD: Record<Requirement["kind"], "overDelegationReason" | "gateOverrideReason"> = {
  over_delegation: "overDelegationReason",
  spec_gate: "gateOverrideReason",
};

export type AgentStep = "claim" | "submit";

export interface AgentStepCheck {
  lane: Lane;
  status: Status;
  hasAgent: boolean;
  specScore: number | null;
  threshold: number;
}

/**
 * Why an agent may not claim or hand back work on a task right now, or null when it may. Agents
 * follow the board's rules like people do, but cannot give a reason to override them: work goes
 * to agents only in the Delegate lane, and only once the task has passed the readiness gate (a
 * member moves it to Ready, or overrides the gate with a recorded reason).
 */
export function agentStepRefusal({ lane, status, hasAgent, specScore, threshold }: AgentStepCheck, step: AgentStep): string | null {
  if (lane !== "delegate") return `This task is in the ${lane === "leverage" ? "Leverage" : "Untriaged"} lane: only Delegate-lane tasks take agent work.`;
  if (!hasAgent) return "This task has no agent assigned.";
  if (status === "done") return step === "claim" ? "This task is done; there is nothing to claim." : "This task is done; it takes no more submissions.";
  if (step === "claim" && status === "in_review") return "This task is waiting for a review of your last attempt. Read the reviews, and claim it again once it comes back.";
  if (status === "backlog") {
    const gate = laneChangeRequirements({ from: { lane, status }, to: { lane, status: "in_progress" }, triage: null, specScore: specScore ?? 0, threshold });
    if (gate.some((r) => r.kind === "spec_gate")) {
      return `This task is still in Backlog and its spec scores ${specScore ?? 0}/100, below the workspace's threshold of ${threshold}: a member must improve the spec and move it to Ready first.`;
    }
  }
  return null;
}
