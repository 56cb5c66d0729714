import type { AgentKind } from "./schema";

// An agent's record on work like the task being handed off, for the assignment picker: which agent
// does this kind of work well. Plain types and rules, safe in the browser; the query is
// `agentRecords` in ./data.ts (only data.ts and mutations.ts reach the database: lint enforces it,
// and lib/core/read-permissions.test.ts checks every read there).

/** What "similar" meant for the task: the template its spec started from, and its labels. */
export interface SimilarWork {
  /** The template's id and name; the name is null when a workspace template was deleted since. */
  template: { id: string; name: string | null } | null;
  labels: string[];
}

export interface AgentRecord {
  id: string;
  name: string;
  kind: AgentKind;
  /** Similar tasks whose last final verdict was on this agent's attempt. */
  outcomes: number;
  /** Accepted after 0 review loops. */
  firstPass: number;
  rejected: number;
  /** firstPass / outcomes; null without outcomes. */
  firstPassRate: number | null;
  /** Mean loops used per outcome (rejections count theirs); null without outcomes. */
  meanLoops: number | null;
  /** Mean over the accepted tasks of what all their attempts cost; null when none has a known cost. */
  acceptedCostCents: number | null;
  /** The top of the ranking, on at least two outcomes and not tied with the next. */
  best: boolean;
}

export interface AgentRecords {
  /** Null when the task has neither a template nor labels: nothing to compare it with. */
  similar: SimilarWork | null;
  /** Similar tasks decided so far (by any agent). */
  decided: number;
  /** Every agent of the workspace, best first. */
  agents: AgentRecord[];
}

/** The fewest outcomes on which the top agent is called the best. */
export const BEST_MIN_OUTCOMES = 2;

/** Nulls (no outcomes) after every number; `desc` sorts numbers high to low. */
function byNumber(a: number | null, b: number | null, desc: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return desc ? b - a : a - b;
}

/**
 * Best first: first-pass rate, then fewer mean loops, then more outcomes (more evidence), then
 * name. The first is marked best when it has at least two outcomes and its figures beat the
 * second's: a tie would make the badge a coin toss by name.
 */
export function rankRecords(records: Omit<AgentRecord, "best">[]): AgentRecord[] {
  const figures = (a: Omit<AgentRecord, "best">, b: Omit<AgentRecord, "best">) =>
    byNumber(a.firstPassRate, b.firstPassRate, true) || byNumber(a.meanLoops, b.meanLoops, false) || b.outcomes - a.outcomes;
  const ranked = [...records].sort((a, b) => figures(a, b) || a.name.localeCompare(b.name));
  const [top, next] = ranked;
  return ranked.map((record) => ({
    ...record,
    best: record === top && record.outcomes >= BEST_MIN_OUTCOMES && (next === undefined || figures(top, next) !== 0),
  }));
}

/** One line on what "similar" meant: "Other tasks with the template “Diagnosed bug fix” or any of the labels bug, billing." */
export function describeSimilar(similar: SimilarWork): string {
  const { template, labels } = similar;
  const byTemplate = template ? (template.name ? `the template “${template.name}”` : "the same template (deleted since)") : null;
  const byLabels = labels.length === 0 ? null : labels.length === 1 ? `the label ${labels[0]}` : `any of the labels ${labels.join(", ")}`;
  return `Other tasks with ${[byTemplate, byLabels].filter(Boolean).join(" or ")}.`;
}
