import "server-only";
import { db } from "@/lib/core/db";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { checkFilter, outcomes, type DashboardFilter } from "./filter";

// The per-task rows behind the dashboard's loop figures: one row per delegated task decided in the
// range (its last final verdict), for the CSV export and anyone checking the figures by hand.

export interface TaskRow {
  task: string;
  title: string;
  board: string;
  agent: string;
  specAuthor: string;
  /** The spec's lint score when the agent took the work; null without a spec by then. */
  specScore: number | null;
  attempts: number;
  loops: number;
  outcome: "accepted" | "rejected";
  reason: string;
  /** When the attempt decided on was handed back. */
  lastAttemptAt: string;
  decidedAt: string;
  /** Summed over the attempts that reported one; null if none did. */
  costUsd: number | null;
  agentSeconds: number | null;
  overDelegated: boolean;
  gateOverridden: boolean;
}

export async function taskRows(scope: WorkspaceScope, filter: DashboardFilter): Promise<TaskRow[]> {
  assertCan(scope, "metrics.read");
  checkFilter(filter);
  const rows = await db().$queryRaw<
    {
      task: string; title: string; board: string; agent: string | null; spec_author: string | null; spec_score: number | null; attempts: number; loops: number;
      verdict: string; reason: string | null; last_at: Date | null; decided_at: Date; cost: number | null; seconds: number | null; over_delegated: boolean; gate_overridden: boolean;
    }[]
  >`
    WITH o AS (${outcomes(scope, filter)})
    SELECT b.key || '-' || t.number AS task, t.title, b.key AS board, a.name AS agent, coalesce(u.name, u.email) AS spec_author,
           o.handoff_score AS spec_score,
           o.attempts, o.loop_count AS loops, o.verdict, o.reason, o.submitted_at AS last_at, o.created_at AS decided_at, o.cost_cents AS cost, o.agent_seconds AS seconds,
           EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = o.task_id AND e.type = 'over_delegated') AS over_delegated,
           EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = o.task_id AND e.type = 'gate_overridden') AS gate_overridden
    FROM o
    JOIN tasks t ON t.id = o.task_id
    JOIN boards b ON b.id = t.board_id
    LEFT JOIN agents a ON a.id = o.agent_id
    LEFT JOIN users u ON u.id = o.spec_author_id
    ORDER BY o.created_at, b.key, t.number`;
  return rows.map((r) => ({
    task: r.task,
    title: r.title,
    board: r.board,
    agent: r.agent ?? "",
    specAuthor: r.spec_author ?? "",
    specScore: r.spec_score,
    attempts: r.attempts,
    loops: r.loops,
    outcome: r.verdict === "accept" ? "accepted" : "rejected",
    reason: r.reason ?? "",
    lastAttemptAt: r.last_at?.toISOString() ?? "",
    decidedAt: r.decided_at.toISOString(),
    costUsd: r.cost === null ? null : r.cost / 100,
    agentSeconds: r.seconds,
    overDelegated: r.over_delegated,
    gateOverridden: r.gate_overridden,
  }));
}

const COLUMNS: [keyof TaskRow, string][] = [
  ["task", "task"],
  ["title", "title"],
  ["board", "board"],
  ["agent", "agent"],
  ["specAuthor", "spec_author"],
  ["specScore", "spec_score_at_handoff"],
  ["attempts", "attempts"],
  ["loops", "review_loops"],
  ["outcome", "outcome"],
  ["reason", "reject_reason"],
  ["lastAttemptAt", "last_attempt_at"],
  ["decidedAt", "decided_at"],
  ["costUsd", "cost_usd"],
  ["agentSeconds", "agent_seconds"],
  ["overDelegated", "over_delegated"],
  ["gateOverridden", "gate_overridden"],
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text a spreadsheet
 * would run as a formula (= + - @, tab, CR at the start: titles are anyone's input) gets a leading
 * apostrophe, as OWASP advises against CSV injection.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: TaskRow[]): string {
  const lines = [COLUMNS.map(([, name]) => name).join(","), ...rows.map((row) => COLUMNS.map(([key]) => csvField(row[key])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
