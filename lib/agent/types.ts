import type { Status } from "@/lib/task/schema";
import type { AgentKind } from "./schema";

export interface TokenSummary {
  id: string;
  prefix: string;
  /** A read-only token reads its tasks and feedback but cannot claim or submit. */
  readOnly: boolean;
  /** May read the dashboard's figures (GET /api/v1/metrics). */
  metrics: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AgentSummary {
  id: string;
  name: string;
  kind: AgentKind;
  /** Put at the start of the GitHub reviews Baton posts for this agent ("@copilot"), or null. */
  mention: string | null;
  createdAt: string;
  taskCount: number;
  tokens: TokenSummary[];
}

export interface AgentTaskSummary {
  key: string;
  title: string;
  status: Status;
  specScore: number | null;
  loopCount: number;
  updatedAt: string;
}

export interface AgentTask {
  key: string;
  title: string;
  description: string;
  status: Status;
  agent: { id: string; name: string } | null;
  spec: { markdown: string; revision: number; score: number; sections: Record<string, string | null> };
  loop: { count: number; limit: number };
  attempts: number;
  latestReview: { verdict: Verdict; feedback: string; createdAt: string } | null;
  lifecycle: { assignedAt: string | null; claimedAt: string | null; submittedAt: string | null; reviewedAt: string | null };
}

export type Verdict = "accept" | "request_changes" | "reject";

export type RejectReason = "unclear_spec" | "too_complex" | "agent_error" | "other";

/** A published review comment as the agent reads it: where it points, and what it says. */
export interface ReviewCommentData {
  target: "diff" | "criterion";
  /** For diff comments: the file, the side of the diff, and the line (or lines line–endLine). */
  path: string | null;
  side: "old" | "new" | null;
  line: number | null;
  endLine: number | null;
  /** For criterion comments: the success criterion of the spec that is not met. */
  criterion: string | null;
  body: string;
}

export interface ReviewData {
  id: string;
  attempt: number;
  verdict: Verdict;
  feedback: string;
  reason: RejectReason | null;
  comments: ReviewCommentData[];
  createdAt: string;
}

export interface SubmissionData {
  id: string;
  attempt: number;
  source: "api" | "mcp" | "github";
  summary: string;
  prUrl: string | null;
  prNumber: number | null;
  branch: string | null;
  diff: string;
  diffNote: string | null;
  /** A pull request's diff fetched from GitHub: where that stands (null when the agent sent the diff). */
  diffFetch: "pending" | "fetched" | "failed" | null;
  checks: { status: "passed" | "failed" | "none"; url: string | null; log: string | null };
  durationSeconds: number | null;
  costUsd: number | null;
  merged: boolean;
  agent: { id: string; name: string; kind: AgentKind } | null;
  createdAt: string;
}
