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
