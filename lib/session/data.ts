import "server-only";
import { now } from "@/lib/core/clock";
import { db, type DbClient } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { INTERRUPT_LABELS, PHASE_LABELS, timePerPhase, type Phase } from "./rules";
import type { SessionSummary, SessionView, TimelineEntry } from "./types";

// Reads of leverage sessions, always inside the scope's workspace.

export const sessionSummarySelect = {
  id: true,
  state: true,
  phase: true,
  startedAt: true,
  user: { select: { id: true, name: true, email: true } },
  task: { select: { number: true, title: true, board: { select: { key: true } } } },
} as const;

type SummaryRow = {
  id: string;
  state: SessionSummary["state"];
  phase: Phase;
  startedAt: Date;
  user: SessionSummary["person"];
  task: { number: number; title: string; board: { key: string } };
};

export function toSessionSummary(row: SummaryRow): SessionSummary {
  return {
    id: row.id,
    taskKey: `${row.task.board.key}-${row.task.number}`,
    taskTitle: row.task.title,
    person: row.user,
    state: row.state,
    phase: row.phase,
    startedAt: row.startedAt.toISOString(),
  };
}

/** Sessions not finished (who is in session on what): active ones first, then the latest started. */
export async function listOpenSessions(scope: WorkspaceScope): Promise<SessionSummary[]> {
  assertCan(scope, "workspace.read");
  const rows = await db().leverageSession.findMany({
    where: { workspaceId: scope.workspaceId, state: { in: ["active", "paused"] }, task: { deletedAt: null } },
    orderBy: [{ state: "asc" }, { startedAt: "desc" }],
    select: sessionSummarySelect,
    take: 200,
  });
  return rows.map(toSessionSummary);
}

/** The person's active session in the workspace, if any (the focus guard's subject). */
export async function findActiveSession(client: DbClient, workspaceId: string, userId: string) {
  const row = await client.leverageSession.findFirst({ where: { workspaceId, userId, state: "active" }, select: sessionSummarySelect });
  return row && toSessionSummary(row);
}

export async function getSession(scope: WorkspaceScope, id: string): Promise<SessionView> {
  assertCan(scope, "workspace.read");
  const row = await db().leverageSession.findFirst({
    where: { id, workspaceId: scope.workspaceId, task: { deletedAt: null } },
    select: {
      ...sessionSummarySelect,
      version: true,
      outcome: true,
      finishedAt: true,
      spans: { orderBy: { startedAt: "asc" }, select: { phase: true, startedAt: true, endedAt: true } },
      approaches: { orderBy: { createdAt: "asc" }, select: { id: true, name: true, pros: true, cons: true, chosen: true, createdAt: true } },
      interrupts: { orderBy: { createdAt: "asc" }, select: { id: true, phase: true, category: true, note: true, createdAt: true } },
      notes: { orderBy: { createdAt: "asc" }, select: { id: true, phase: true, body: true, doneAt: true, createdAt: true } },
      aiTokenHash: true,
      aiLinkedAt: true,
      // The latest 200 on the timeline; the counts below are of all of them.
      aiEvents: { orderBy: { createdAt: "desc" }, take: 200, select: { kind: true, detail: true, createdAt: true } },
    },
  });
  if (!row) throw notFound("Session not found.");
  const aiCounts = await db().sessionAiEvent.groupBy({ by: ["kind"], where: { sessionId: row.id, workspaceId: scope.workspaceId }, _count: { _all: true } });
  const countOf = (kind: string) => aiCounts.find((c) => c.kind === kind)?._count._all ?? 0;
  const at = now();
  const running = row.spans.find((span) => span.endedAt === null);
  const iso = (date: Date) => date.toISOString();
  return {
    ...toSessionSummary(row),
    version: row.version,
    outcome: row.outcome,
    finishedAt: row.finishedAt && iso(row.finishedAt),
    time: { perPhase: timePerPhase(row.spans, at), runningSince: running ? iso(running.startedAt) : null, serverNow: iso(at) },
    approaches: row.approaches.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
    interrupts: row.interrupts.map((i) => ({ ...i, createdAt: iso(i.createdAt) })),
    notes: row.notes.map((n) => ({ ...n, doneAt: n.doneAt && iso(n.doneAt), createdAt: iso(n.createdAt) })),
    timeline: timeline(row),
    ai: { tokenIssued: row.aiTokenHash !== null, lastEventAt: row.aiLinkedAt && iso(row.aiLinkedAt), prompts: countOf("prompt"), stops: countOf("stop") },
    canEdit: scope.userId === row.user.id && row.state !== "finished",
  };
}

/** What happened, in order: read from the phase stretches (starts, phase changes, pauses) and the items. */
function timeline(row: {
  startedAt: Date;
  finishedAt: Date | null;
  spans: { phase: Phase; startedAt: Date; endedAt: Date | null }[];
  approaches: { name: string; createdAt: Date }[];
  interrupts: { category: keyof typeof INTERRUPT_LABELS; note: string; createdAt: Date }[];
  notes: { body: string; createdAt: Date }[];
  aiEvents: { kind: "session_start" | "prompt" | "stop" | "session_end"; detail: string; createdAt: Date }[];
}): TimelineEntry[] {
  const entries: (TimelineEntry & { time: number })[] = [];
  const add = (at: Date, kind: TimelineEntry["kind"], text: string) => entries.push({ at: at.toISOString(), time: at.getTime(), kind, text });
  row.spans.forEach((span, index) => {
    const before = row.spans[index - 1];
    if (!before) add(span.startedAt, "started", `Started in ${PHASE_LABELS[span.phase]}`);
    else if (before.endedAt && before.endedAt.getTime() < span.startedAt.getTime()) {
      add(before.endedAt, "paused", "Paused");
      add(span.startedAt, "resumed", `Resumed in ${PHASE_LABELS[span.phase]}`);
    } else if (span.phase !== before.phase) add(span.startedAt, "phase", `Moved to ${PHASE_LABELS[span.phase]}`);
  });
  const last = row.spans.at(-1);
  if (last?.endedAt && (!row.finishedAt || last.endedAt.getTime() < row.finishedAt.getTime())) add(last.endedAt, "paused", "Paused");
  if (row.finishedAt) add(row.finishedAt, "finished", "Finished");
  for (const a of row.approaches) add(a.createdAt, "approach", `Approach: ${a.name}`);
  for (const i of row.interrupts) add(i.createdAt, "interrupt", `Interrupt — ${INTERRUPT_LABELS[i.category]}${i.note ? `: ${i.note}` : ""}`);
  for (const n of row.notes) add(n.createdAt, "note", `Review note: ${n.body}`);
  for (const e of row.aiEvents) add(e.createdAt, "ai", aiText(e.kind, e.detail));
  return entries.sort((a, b) => a.time - b.time).map(({ time: _time, ...entry }) => entry);
}

const PROMPT_SHOWN = 160;

function aiText(kind: "session_start" | "prompt" | "stop" | "session_end", detail: string): string {
  if (kind === "prompt") return `AI prompt: ${detail.length > PROMPT_SHOWN ? `${detail.slice(0, PROMPT_SHOWN)}…` : detail}`;
  if (kind === "stop") return "AI finished its turn";
  if (kind === "session_start") return `AI session started${detail ? ` (${detail})` : ""}`;
  return `AI session ended${detail ? ` (${detail})` : ""}`;
}

/** The session a hook token belongs to, for the session-token gate only (lib/session/gate.ts). */
export async function findSessionByTokenHash(tokenHash: string) {
  return db().leverageSession.findUnique({ where: { aiTokenHash: tokenHash }, select: { id: true, workspace: { select: { id: true, slug: true, name: true } } } });
}
