import "server-only";
import { recordEvent } from "@/lib/core/activity";
import { now } from "@/lib/core/clock";
import { db, type Tx } from "@/lib/core/db";
import { AppError, isUniqueViolation, notFound, parseInput } from "@/lib/core/errors";
import { assertCan, memberId, type WorkspaceScope } from "@/lib/core/scope";
import { keyBetween } from "@/lib/board/ordering";
import { findTaskRow } from "@/lib/task/data";
import { lastPosition, lockCell } from "@/lib/task/mutations";
import type { Lane, Status } from "@/lib/task/schema";
import { DETAIL_MAX, generateSessionToken, hashSessionToken, hookPayloadSchema } from "./ai";
import { findActiveSession, getSession } from "./data";
import { phaseChangeRefusal, PHASE_LABELS, type Phase } from "./rules";
import { approachSchema, interruptSchema, noteSchema, startSessionSchema, updateApproachSchema, updateNoteSchema, updateSessionSchema } from "./schema";
import type { SessionSummary, SessionView } from "./types";

// Leverage sessions: start, phase changes, pause/resume/finish, and the items of a session. The
// focus guard is the database's (partial unique indexes, see the migration): starting or resuming
// while another session of the person is active is refused with that session named, unless the
// caller says to pause or finish it — in the same transaction, so exactly one start wins.

type SessionRow = { id: string; taskId: string; userId: string; state: "active" | "paused" | "finished"; phase: Phase; version: number };

const focusConflict = (active: SessionSummary) =>
  new AppError(
    "conflict",
    `You are in a session on ${active.taskKey} (${active.taskTitle}). Pause or finish it first: one focused session at a time.`,
    undefined,
    { active },
  );

async function lockSession(tx: Tx, scope: WorkspaceScope, id: string): Promise<SessionRow> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM leverage_sessions WHERE id = ${id} AND workspace_id = ${scope.workspaceId} FOR UPDATE`;
  const row = locked.length
    ? await tx.leverageSession.findFirst({ where: { id, workspaceId: scope.workspaceId, task: { deletedAt: null } }, select: { id: true, taskId: true, userId: true, state: true, phase: true, version: true } })
    : null;
  if (!row) throw notFound("Session not found.");
  return row;
}

/** The caller's own session, not finished: others may look but only its person changes it. */
async function ownOpenSession(tx: Tx, scope: WorkspaceScope, id: string): Promise<SessionRow> {
  assertCan(scope, "task.write");
  const userId = memberId(scope);
  const row = await lockSession(tx, scope, id);
  if (row.userId !== userId) throw new AppError("forbidden", "Only the person in this session can change it.");
  if (row.state === "finished") throw new AppError("conflict", "This session is finished: start a new one on the task to go on.");
  return row;
}

async function taskOf(tx: Tx, taskId: string) {
  return tx.task.findUniqueOrThrow({ where: { id: taskId }, select: { id: true, boardId: true, version: true } });
}

async function record(tx: Tx, scope: WorkspaceScope, taskId: string, type: string, after: Record<string, string>) {
  await recordEvent(tx, { workspaceId: scope.workspaceId, userId: scope.userId, agentId: null }, await taskOf(tx, taskId), type, after);
}

async function openSpan(tx: Tx, scope: WorkspaceScope, sessionId: string, phase: Phase, at: Date) {
  await tx.sessionSpan.create({ data: { workspaceId: scope.workspaceId, sessionId, phase, startedAt: at } });
}

async function closeSpan(tx: Tx, sessionId: string, at: Date) {
  await tx.sessionSpan.updateMany({ where: { sessionId, endedAt: null }, data: { endedAt: at } });
}

async function finishInTx(tx: Tx, scope: WorkspaceScope, row: SessionRow, outcome: string, at: Date) {
  await closeSpan(tx, row.id, at);
  await tx.leverageSession.update({ where: { id: row.id }, data: { state: "finished", outcome, finishedAt: at, version: { increment: 1 } } });
  await record(tx, scope, row.taskId, "session_finished", { phase: row.phase });
}

async function pauseInTx(tx: Tx, scope: WorkspaceScope, row: SessionRow, at: Date) {
  await closeSpan(tx, row.id, at);
  await tx.leverageSession.update({ where: { id: row.id }, data: { state: "paused", version: { increment: 1 } } });
  await record(tx, scope, row.taskId, "session_paused", { phase: row.phase });
}

/**
 * Clears the way for `exceptId` to be the person's active session: the other active session is
 * refused (409 naming it), or paused or finished as the caller asked.
 */
async function makeRoom(tx: Tx, scope: WorkspaceScope, userId: string, exceptId: string | null, previous: { previous?: "pause" | "finish"; previousOutcome?: string }, at: Date) {
  const active = await findActiveSession(tx, scope.workspaceId, userId);
  if (!active || active.id === exceptId) return;
  if (!previous.previous) throw focusConflict(active);
  const row = await lockSession(tx, scope, active.id);
  if (row.state !== "active") return;
  if (previous.previous === "pause") return pauseInTx(tx, scope, row, at);
  if (!previous.previousOutcome) throw new AppError("invalid", "Write what came of the session you are finishing.", { previousOutcome: ["Write what came of the session you are finishing."] });
  await finishInTx(tx, scope, row, previous.previousOutcome, at);
}

/** Runs a write that makes a session active; a concurrent start (the unique index) becomes the focus guard's 409. */
async function guarded<T>(scope: WorkspaceScope, userId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const active = await findActiveSession(db(), scope.workspaceId, userId);
    if (active) throw focusConflict(active);
    throw new AppError("conflict", "Someone started a session on this task at the same moment. Reload to see it.");
  }
}

/**
 * A session is the work on its task: a card still in Backlog or Ready goes to the end of In
 * progress as the session starts (as an agent's claim moves its card), announced as a move.
 */
async function startWork(tx: Tx, scope: WorkspaceScope, task: { id: string; boardId: string; lane: Lane; status: Status; position: string }, at: Date): Promise<number> {
  await lockCell(tx, task.boardId, task.lane, "in_progress");
  const position = keyBetween(await lastPosition(tx, task.boardId, task.lane, "in_progress", task.id), null);
  const moved = await tx.task.update({
    where: { id: task.id },
    data: { status: "in_progress", position, updatedAt: at, version: { increment: 1 } },
    select: { id: true, boardId: true, version: true },
  });
  await recordEvent(tx, scope, moved, "moved", { lane: task.lane, status: "in_progress", position }, { lane: task.lane, status: task.status, position: task.position });
  return moved.version;
}

/** Starts a session on a Leverage-lane task, or resumes the caller's paused one on it. */
export async function startSession(scope: WorkspaceScope, input: unknown): Promise<{ session: SessionView; created: boolean }> {
  assertCan(scope, "task.write");
  const userId = memberId(scope);
  const data = parseInput(startSessionSchema, input);
  const { id, created } = await guarded(scope, userId, () =>
    db().$transaction(async (tx) => {
      const task = await findTaskRow(scope, data.taskKey, tx);
      if (task.lane !== "leverage") {
        throw new AppError("unprocessable", "Sessions are for Leverage-lane tasks: move the task to the Leverage lane first, or delegate it with a spec.");
      }
      const at = now();
      const open = await tx.leverageSession.findFirst({ where: { taskId: task.id, state: { not: "finished" } }, select: { id: true, userId: true, state: true, user: { select: { name: true, email: true } } } });
      if (open && open.userId !== userId) {
        throw new AppError("conflict", `${open.user.name ?? open.user.email} is in a session on this task. One person per session: ask them, or wait until they finish.`);
      }
      await makeRoom(tx, scope, userId, open?.id ?? null, data, at);
      if (open) {
        if (open.state === "paused") await resumeInTx(tx, scope, await lockSession(tx, scope, open.id), at);
        return { id: open.id, created: false };
      }
      const session = await tx.leverageSession.create({ data: { workspaceId: scope.workspaceId, taskId: task.id, userId, startedAt: at, createdAt: at }, select: { id: true } });
      await openSpan(tx, scope, session.id, "discovery", at);
      const version = task.status === "backlog" || task.status === "ready" ? await startWork(tx, scope, task, at) : task.version;
      await recordEvent(tx, { workspaceId: scope.workspaceId, userId, agentId: null }, { id: task.id, boardId: task.boardId, version }, "session_started", { phase: "discovery" });
      return { id: session.id, created: true };
    }),
  );
  return { session: await getSession(scope, id), created };
}

async function resumeInTx(tx: Tx, scope: WorkspaceScope, row: SessionRow, at: Date) {
  await tx.leverageSession.update({ where: { id: row.id }, data: { state: "active", version: { increment: 1 } } });
  await openSpan(tx, scope, row.id, row.phase, at);
  await record(tx, scope, row.taskId, "session_resumed", { phase: row.phase });
}

/** Phase changes and pause / resume / finish, against the version the caller saw. */
export async function updateSession(scope: WorkspaceScope, id: string, input: unknown): Promise<SessionView> {
  assertCan(scope, "task.write");
  const userId = memberId(scope);
  const data = parseInput(updateSessionSchema, input);
  await guarded(scope, userId, () =>
    db().$transaction(async (tx) => {
      const row = await ownOpenSession(tx, scope, id);
      if (row.version !== data.version) {
        throw new AppError("conflict", "The session changed in another tab. Reload to see it.", undefined, { currentVersion: row.version });
      }
      const at = now();
      if (data.phase && data.phase !== row.phase) {
        const approaches = await tx.sessionApproach.findMany({ where: { sessionId: id }, select: { chosen: true } });
        const refusal = phaseChangeRefusal(row.phase, data.phase, approaches);
        if (refusal) throw new AppError("unprocessable", refusal, { phase: [refusal] });
        if (row.state === "active") {
          await closeSpan(tx, id, at);
          await openSpan(tx, scope, id, data.phase, at);
        }
        await tx.leverageSession.update({ where: { id }, data: { phase: data.phase, version: { increment: 1 } } });
        await record(tx, scope, row.taskId, "session_phase", { phase: data.phase, label: PHASE_LABELS[data.phase] });
        row.phase = data.phase;
      }
      if (data.state === "paused" && row.state === "active") await pauseInTx(tx, scope, row, at);
      if (data.state === "active" && row.state === "paused") {
        await makeRoom(tx, scope, userId, id, data, at);
        await resumeInTx(tx, scope, row, at);
      }
      if (data.state === "finished") {
        const open = await tx.sessionNote.count({ where: { sessionId: id, doneAt: null } });
        if (open > 0 && !data.leaveOpenNotes) {
          throw new AppError(
            "unprocessable",
            `${open} review ${open === 1 ? "note is" : "notes are"} still open. Tick ${open === 1 ? "it" : "them"} off in Refinement, or finish anyway to leave ${open === 1 ? "it" : "them"} open.`,
            undefined,
            { openNotes: open },
          );
        }
        await finishInTx(tx, scope, row, data.outcome ?? "", at);
      }
    }),
  );
  return getSession(scope, id);
}

async function touch(tx: Tx, id: string) {
  await tx.leverageSession.update({ where: { id }, data: { updatedAt: now() } });
}

export async function addApproach(scope: WorkspaceScope, sessionId: string, input: unknown): Promise<SessionView> {
  const data = parseInput(approachSchema, input);
  await db().$transaction(async (tx) => {
    await ownOpenSession(tx, scope, sessionId);
    await tx.sessionApproach.create({ data: { workspaceId: scope.workspaceId, sessionId, ...data, createdAt: now() } });
    await touch(tx, sessionId);
  });
  return getSession(scope, sessionId);
}

async function findItem<T>(find: Promise<T | null>, what: string): Promise<T> {
  const item = await find;
  if (!item) throw notFound(`${what} not found.`);
  return item;
}

export async function updateApproach(scope: WorkspaceScope, sessionId: string, approachId: string, input: unknown): Promise<SessionView> {
  const data = parseInput(updateApproachSchema, input);
  await db().$transaction(async (tx) => {
    await ownOpenSession(tx, scope, sessionId);
    await findItem(tx.sessionApproach.findFirst({ where: { id: approachId, sessionId, workspaceId: scope.workspaceId }, select: { id: true } }), "Approach");
    // One approach is the chosen one: choosing another unchooses the first.
    if (data.chosen) await tx.sessionApproach.updateMany({ where: { sessionId, chosen: true, id: { not: approachId } }, data: { chosen: false } });
    await tx.sessionApproach.update({ where: { id: approachId }, data });
    await touch(tx, sessionId);
  });
  return getSession(scope, sessionId);
}

export async function deleteApproach(scope: WorkspaceScope, sessionId: string, approachId: string): Promise<SessionView> {
  await db().$transaction(async (tx) => {
    await ownOpenSession(tx, scope, sessionId);
    await findItem(tx.sessionApproach.findFirst({ where: { id: approachId, sessionId, workspaceId: scope.workspaceId }, select: { id: true } }), "Approach");
    await tx.sessionApproach.delete({ where: { id: approachId } });
    await touch(tx, sessionId);
  });
  return getSession(scope, sessionId);
}

export async function addInterrupt(scope: WorkspaceScope, sessionId: string, input: unknown): Promise<SessionView> {
  const data = parseInput(interruptSchema, input);
  await db().$transaction(async (tx) => {
    const row = await ownOpenSession(tx, scope, sessionId);
    await tx.sessionInterrupt.create({ data: { workspaceId: scope.workspaceId, sessionId, phase: row.phase, ...data, createdAt: now() } });
    await touch(tx, sessionId);
  });
  return getSession(scope, sessionId);
}

export async function addNote(scope: WorkspaceScope, sessionId: string, input: unknown): Promise<SessionView> {
  const data = parseInput(noteSchema, input);
  await db().$transaction(async (tx) => {
    const row = await ownOpenSession(tx, scope, sessionId);
    await tx.sessionNote.create({ data: { workspaceId: scope.workspaceId, sessionId, phase: row.phase, body: data.body, createdAt: now() } });
    await touch(tx, sessionId);
  });
  return getSession(scope, sessionId);
}

export async function updateNote(scope: WorkspaceScope, sessionId: string, noteId: string, input: unknown): Promise<SessionView> {
  const data = parseInput(updateNoteSchema, input);
  await db().$transaction(async (tx) => {
    await ownOpenSession(tx, scope, sessionId);
    await findItem(tx.sessionNote.findFirst({ where: { id: noteId, sessionId, workspaceId: scope.workspaceId }, select: { id: true } }), "Note");
    await tx.sessionNote.update({ where: { id: noteId }, data: { doneAt: data.done ? now() : null } });
    await touch(tx, sessionId);
  });
  return getSession(scope, sessionId);
}

// The AI side: a per-session token for the coding assistant's hooks, and the events they report.

/** A new token for the session's hooks (shown once; the previous one stops working). */
export async function createAiToken(scope: WorkspaceScope, sessionId: string): Promise<{ token: string; session: SessionView }> {
  const token = generateSessionToken();
  await db().$transaction(async (tx) => {
    await ownOpenSession(tx, scope, sessionId);
    await tx.leverageSession.update({ where: { id: sessionId }, data: { aiTokenHash: hashSessionToken(token) } });
  });
  return { token, session: await getSession(scope, sessionId) };
}

const AI_KIND = { SessionStart: "session_start", UserPromptSubmit: "prompt", Stop: "stop", SessionEnd: "session_end" } as const;

/** Records what a hook reported, in the session's current phase. A finished session takes no more. */
export async function recordAiEvent(scope: WorkspaceScope, sessionId: string, input: unknown): Promise<void> {
  assertCan(scope, "agent.work");
  const payload = parseInput(hookPayloadSchema, input);
  const detail =
    payload.hook_event_name === "UserPromptSubmit" ? payload.prompt : payload.hook_event_name === "SessionStart" ? (payload.source ?? "") : payload.hook_event_name === "SessionEnd" ? (payload.reason ?? "") : "";
  await db().$transaction(async (tx) => {
    const row = await lockSession(tx, scope, sessionId);
    if (row.state === "finished") throw new AppError("conflict", "This Baton session is finished: start a new session on the task and connect your AI to it.");
    const at = now();
    await tx.sessionAiEvent.create({
      data: { workspaceId: scope.workspaceId, sessionId, kind: AI_KIND[payload.hook_event_name], aiSessionId: payload.session_id, phase: row.phase, detail: detail.slice(0, DETAIL_MAX), createdAt: at },
    });
    await tx.leverageSession.update({ where: { id: sessionId }, data: { aiLinkedAt: at } });
  });
}
