import type { AgentKind } from "@/lib/agent/schema";
import type { SubmissionData } from "@/lib/agent/types";
import type { Lane, Status } from "@/lib/task/schema";
import type { TaskCardData, TaskPerson } from "@/lib/task/types";
import type { InterdiffFile } from "./diff-files";
import type { RejectReason, Verdict } from "./rules";

// What the review page receives. Plain JSON, safe to import from client components.

export interface QueueItem {
  submissionId: string;
  attempt: number;
  createdAt: string;
  /** The first line of the agent's summary. */
  headline: string;
  checks: SubmissionData["checks"]["status"];
  filesChanged: number;
  additions: number;
  deletions: number;
  /** Files of this attempt the current reviewer marked viewed. */
  viewedFiles: number;
  task: { key: string; title: string; boardKey: string; loopCount: number };
  agent: { id: string; name: string; kind: AgentKind } | null;
  specAuthor: TaskPerson | null;
}

export interface QueueView {
  items: QueueItem[];
  loopLimit: number;
  /** Filter choices: every board, agent and spec author of the workspace. */
  boards: { key: string; name: string }[];
  agents: { id: string; name: string }[];
  authors: TaskPerson[];
}

export interface CommentData {
  id: string;
  target: "diff" | "criterion";
  path: string | null;
  side: "old" | "new" | null;
  line: number | null;
  endLine: number | null;
  criterion: string | null;
  body: string;
  version: number;
  author: TaskPerson;
  createdAt: string;
}

export interface ReviewSummary {
  id: string;
  verdict: Verdict;
  feedback: string;
  reason: RejectReason | null;
  reviewer: TaskPerson | null;
  createdAt: string;
  comments: CommentData[];
  /** For a pull request's attempt in a connected workspace: the verdict posted back as a GitHub review. */
  github: { status: "pending" | "posted" | "failed"; url: string | null; note: string | null } | null;
}

export interface AttemptFile {
  path: string;
  oldPath: string;
  status: "added" | "deleted" | "renamed" | "modified";
  added: number;
  removed: number;
  generated: boolean;
}

export interface AttemptView {
  submission: SubmissionData;
  files: AttemptFile[];
  task: {
    id: string;
    key: string;
    title: string;
    boardKey: string;
    lane: Lane;
    status: Status;
    version: number;
    loopCount: number;
    loopLimit: number;
    attempts: number;
    owner: TaskPerson | null;
    specAuthor: TaskPerson | null;
  };
  spec: { markdown: string; revision: number; score: number | null; criteria: string[] };
  /** Attempt N−1 and the verdict it got (from attempt 2 on). */
  previous: { attempt: number; review: ReviewSummary | null } | null;
  /** The diff between attempt N−1's diff and this one's (from attempt 2 on). */
  changesSince: InterdiffFile[] | null;
  /** This attempt's verdict, once there is one. */
  review: ReviewSummary | null;
  /** The current reviewer's draft comments and Viewed marks on this attempt. */
  drafts: CommentData[];
  viewed: string[];
  /** Other people with this attempt open in a review session right now. */
  othersReviewing: TaskPerson[];
  /** Workspace members, for the "hand it to" choice of a rejection. */
  members: TaskPerson[];
}

/** An attempt with its verdict, for the task view's Attempts tab. */
export type AttemptWithReview = SubmissionData & { review: ReviewSummary | null };

export interface SpecNote {
  id: string;
  note: string;
  attempt: number;
  reviewer: TaskPerson | null;
  createdAt: string;
}

export interface VerdictResult {
  review: { id: string; verdict: Verdict; createdAt: string; comments: number };
  task: TaskCardData;
}

export interface SessionSummary {
  id: string;
  startedAt: string;
  endedAt: string | null;
  accepted: number;
  changesRequested: number;
  rejected: number;
  reviewed: number;
  medianSeconds: number | null;
}
