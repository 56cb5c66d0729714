import type { InterruptCategory, Phase } from "./rules";

export type SessionState = "active" | "paused" | "finished";

export interface SessionPerson {
  id: string;
  name: string | null;
  email: string;
}

/** Who is in session on what: for the workspace strip, the card and the focus guard. */
export interface SessionSummary {
  id: string;
  taskKey: string;
  taskTitle: string;
  person: SessionPerson;
  state: SessionState;
  phase: Phase;
  startedAt: string;
}

export interface SessionApproachView {
  id: string;
  name: string;
  pros: string;
  cons: string;
  chosen: boolean;
  createdAt: string;
}

export interface SessionInterruptView {
  id: string;
  phase: Phase;
  category: InterruptCategory;
  note: string;
  createdAt: string;
}

export interface SessionNoteView {
  id: string;
  phase: Phase;
  body: string;
  doneAt: string | null;
  createdAt: string;
}

export interface TimelineEntry {
  at: string;
  kind: "started" | "phase" | "paused" | "resumed" | "finished" | "approach" | "interrupt" | "note" | "ai";
  text: string;
}

export interface SessionView extends SessionSummary {
  version: number;
  outcome: string | null;
  finishedAt: string | null;
  /** Milliseconds per phase up to `serverNow`; the running stretch started at `runningSince` (null unless active). */
  time: { perPhase: Record<Phase, number>; runningSince: string | null; serverNow: string };
  approaches: SessionApproachView[];
  interrupts: SessionInterruptView[];
  notes: SessionNoteView[];
  timeline: TimelineEntry[];
  /** The coding assistant linked through its hooks: whether a token was made, and what it reported. */
  ai: { tokenIssued: boolean; lastEventAt: string | null; prompts: number; stops: number };
  /** Only the session's person changes it. */
  canEdit: boolean;
}
