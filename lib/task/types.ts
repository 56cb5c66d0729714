import type { Lane, Status } from "./schema";
import type { AgentKind } from "@/lib/agent/schema";
import type { Recommendation, TriageAnswers } from "./triage";

// What the browser receives about a task. Plain JSON, safe to import from client components.
export interface TaskPerson {
  id: string;
  name: string | null;
  email: string;
}

export interface TaskCardData {
  id: string;
  key: string;
  number: number;
  title: string;
  lane: Lane;
  status: Status;
  position: string;
  labels: string[];
  version: number;
  /** What the triage answers recommend (lib/task/triage.ts). */
  recommendation: Recommendation;
  /** Whether anyone has answered the triage questions yet. */
  triaged: boolean;
  /** Lint score of the current spec; null until a spec is saved. */
  specScore: number | null;
  /** The agent a delegate task is assigned to. */
  agent: { id: string; name: string; kind: AgentKind } | null;
  /** Submissions so far (attempt numbers run 1…attempts). */
  attempts: number;
  /** Review loops used ("request changes" verdicts). */
  loopCount: number;
  /** The agent's lifecycle on this task, latest stage first; null without an agent. */
  lifecycle: { stage: "assigned" | "working" | "submitted" | "reviewed"; at: string | null } | null;
  owner: TaskPerson | null;
  /** The leverage session on the task that is not finished: who is in it, and where it stands. */
  session: { id: string; state: "active" | "paused"; phase: "discovery" | "design" | "implementation" | "refinement"; person: TaskPerson } | null;
}

/** A card plus what only the task view needs (kept off the board, which may hold 1,000 cards). */
export interface TaskDetail extends TaskCardData {
  description: string;
  triage: TriageAnswers | null;
}

export interface TaskEventData {
  id: string;
  type: string;
  actor: TaskPerson | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}
