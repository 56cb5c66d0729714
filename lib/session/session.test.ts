// Leverage sessions against PostgreSQL: the phases and what Design asks for, time per phase across
// pauses, the review-notes queue at Finish, the focus guard (refused, pause-and-start,
// finish-and-start, and two starts at once from two tabs: exactly one wins), and tenancy.
import { beforeAll, describe, expect, it } from "vitest";
import { atTime } from "@/lib/core/clock";
import { db } from "@/lib/core/db";
import { createTask } from "@/lib/task/mutations";
import { caught, createTestWorkspace, raceTwo, type TestWorkspace } from "@/lib/test/fixtures";
import { getSession, listOpenSessions } from "./data";
import { addApproach, addInterrupt, addNote, deleteApproach, startSession, updateApproach, updateNote, updateSession } from "./mutations";
import { DESIGN_REASON } from "./rules";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createTestWorkspace();
});

let n = 0;
async function leverageTask(workspace = ws, title = `Explore the cache ${++n}`) {
  return createTask(workspace.scopes.member, { boardKey: workspace.boardKey, title, lane: "leverage" });
}

const T0 = Date.parse("2026-11-02T09:00:00Z");
const minutes = (m: number) => T0 + m * 60_000;

describe("a session through its phases", () => {
  it("starts in Discovery, asks for two approaches and a choice before leaving Design, counts time per phase across a pause, and finishes with an outcome", async () => {
    const task = await leverageTask();
    const me = ws.scopes.member;
    const { session, created } = await atTime(minutes(0), () => startSession(me, { taskKey: task.key }));
    expect(created).toBe(true);
    expect(session).toMatchObject({ taskKey: task.key, state: "active", phase: "discovery", person: { id: ws.users.member.id }, canEdit: true });

    let s = await atTime(minutes(10), () => updateSession(me, session.id, { version: session.version, phase: "design" }));
    const refused = await caught(atTime(minutes(12), () => updateSession(me, session.id, { version: s.version, phase: "implementation" })));
    expect(refused).toMatchObject({ code: "unprocessable", message: DESIGN_REASON, fields: { phase: [DESIGN_REASON] } });
    s = await atTime(minutes(15), () => addApproach(me, session.id, { name: "Cache in Redis", pros: "Shared", cons: "Another service" }));
    s = await atTime(minutes(16), () => addApproach(me, session.id, { name: "Cache in memory", pros: "Simple" }));
    expect((await caught(updateSession(me, session.id, { version: s.version, phase: "implementation" }))).message).toBe("Mark the approach you chose before leaving Design.");
    s = await updateApproach(me, session.id, s.approaches[0]!.id, { chosen: true });
    s = await updateApproach(me, session.id, s.approaches[1]!.id, { chosen: true });
    expect(s.approaches.map((a) => a.chosen)).toEqual([false, true]); // one chosen at a time

    s = await atTime(minutes(25), () => updateSession(me, session.id, { version: s.version, phase: "implementation" }));
    s = await atTime(minutes(30), () => addInterrupt(me, session.id, { category: "missing_edge_case", note: "Empty cache on boot" }));
    s = await atTime(minutes(31), () => addNote(me, session.id, { body: "Name the TTL constant" }));
    expect(s.interrupts).toMatchObject([{ phase: "implementation", category: "missing_edge_case", note: "Empty cache on boot" }]);
    s = await atTime(minutes(40), () => updateSession(me, session.id, { version: s.version, state: "paused" }));
    // Paused for an hour: that time counts in no phase.
    s = await atTime(minutes(100), () => updateSession(me, session.id, { version: s.version, state: "active" }));
    s = await atTime(minutes(110), () => updateSession(me, session.id, { version: s.version, phase: "refinement" }));

    // Finish warns while a note is open.
    const open = await caught(atTime(minutes(115), () => updateSession(me, session.id, { version: s.version, state: "finished", outcome: "Memory cache with a TTL" })));
    expect(open).toMatchObject({ code: "unprocessable", details: { openNotes: 1 } });
    s = await updateNote(me, session.id, s.notes[0]!.id, { done: true });
    s = await atTime(minutes(120), () => updateSession(me, session.id, { version: s.version, state: "finished", outcome: "Memory cache with a TTL" }));
    expect(s).toMatchObject({ state: "finished", outcome: "Memory cache with a TTL", canEdit: false, time: { runningSince: null } });
    expect(s.time.perPhase).toEqual({ discovery: 10 * 60_000, design: 15 * 60_000, implementation: 25 * 60_000, refinement: 10 * 60_000 });
    expect(s.timeline.map((e) => e.kind)).toEqual(["started", "phase", "approach", "approach", "phase", "interrupt", "note", "paused", "resumed", "phase", "finished"]);
    // Finished is final.
    expect((await caught(addNote(me, session.id, { body: "Too late" }))).code).toBe("conflict");
  });

  it("moves a card still in Backlog or Ready to the end of In progress as its session starts, announced as a move; one already under way stays where it is", async () => {
    const me = ws.scopes.member;
    const cardsIn = (status: string) =>
      db().task.findMany({ where: { boardId: task.boardId, lane: "leverage", status: status as "in_progress", deletedAt: null }, orderBy: { position: "asc" }, select: { id: true } });
    const first = await leverageTask();
    const task = await db().task.findFirstOrThrow({ where: { workspaceId: me.workspaceId, number: first.number }, select: { id: true, boardId: true, version: true, status: true } });
    expect(task.status).toBe("backlog");
    const { session } = await startSession(me, { taskKey: first.key });
    const moved = await db().task.findUniqueOrThrow({ where: { id: task.id }, select: { status: true, version: true } });
    expect(moved).toEqual({ status: "in_progress", version: task.version + 1 });
    expect((await cardsIn("in_progress")).at(-1)?.id).toBe(task.id);
    const events = await db().taskEvent.findMany({ where: { taskId: task.id }, orderBy: { createdAt: "asc" }, select: { type: true, before: true, after: true } });
    expect(events.map((e) => e.type)).toEqual(["created", "moved", "session_started"]);
    expect(events[1]).toMatchObject({ before: { lane: "leverage", status: "backlog" }, after: { lane: "leverage", status: "in_progress" } });
    await updateSession(me, session.id, { version: session.version, state: "finished", outcome: "Found it", leaveOpenNotes: true });

    // Started again while In progress (or after the last session finished): nothing moves.
    const version = (await db().task.findUniqueOrThrow({ where: { id: task.id }, select: { version: true } })).version;
    const again = (await startSession(me, { taskKey: first.key })).session;
    expect(await db().task.findUniqueOrThrow({ where: { id: task.id }, select: { status: true, version: true } })).toEqual({ status: "in_progress", version });
    await updateSession(me, again.id, { version: again.version, state: "finished", outcome: "Done", leaveOpenNotes: true });
  });

  it("lets only the session's person change it, refuses a stale version, and refuses tasks outside the Leverage lane", async () => {
    const task = await leverageTask();
    const { session } = await startSession(ws.scopes.member, { taskKey: task.key });
    expect((await caught(addNote(ws.scopes.admin, session.id, { body: "Not mine" }))).code).toBe("forbidden");
    expect((await caught(addNote(ws.scopes.viewer, session.id, { body: "Viewer" }))).code).toBe("forbidden");
    expect((await getSession(ws.scopes.admin, session.id)).canEdit).toBe(false);
    await updateSession(ws.scopes.member, session.id, { version: session.version, phase: "design" });
    expect(await caught(updateSession(ws.scopes.member, session.id, { version: session.version, state: "paused" }))).toMatchObject({ code: "conflict", details: { currentVersion: session.version + 1 } });
    // Someone else cannot start a second session on the same task.
    expect((await caught(startSession(ws.scopes.admin, { taskKey: task.key }))).message).toContain("is in a session on this task");
    const delegate = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Delegated", lane: "delegate", overDelegationReason: "Test" });
    expect((await caught(startSession(ws.scopes.owner, { taskKey: delegate.key }))).code).toBe("unprocessable");
    await updateSession(ws.scopes.member, session.id, { version: session.version + 1, state: "finished", outcome: "Done" });
  });

  it("deletes an approach, and validates every input with a message per field", async () => {
    const task = await leverageTask();
    const { session } = await startSession(ws.scopes.owner, { taskKey: task.key });
    let s = await addApproach(ws.scopes.owner, session.id, { name: "A" });
    s = await deleteApproach(ws.scopes.owner, session.id, s.approaches[0]!.id);
    expect(s.approaches).toEqual([]);
    expect((await caught(addApproach(ws.scopes.owner, session.id, { name: "" }))).fields).toMatchObject({ name: [expect.any(String)] });
    expect((await caught(addInterrupt(ws.scopes.owner, session.id, { category: "bored" }))).fields).toMatchObject({ category: [expect.any(String)] });
    expect((await caught(updateSession(ws.scopes.owner, session.id, { version: s.version, state: "finished" }))).fields).toMatchObject({ outcome: [expect.any(String)] });
    expect((await caught(updateSession(ws.scopes.owner, session.id, { version: s.version }))).fields).toMatchObject({ state: [expect.any(String)] });
    await updateSession(ws.scopes.owner, session.id, { version: s.version, state: "finished", outcome: "Dropped" });
  });
});

describe("the focus guard", () => {
  it("refuses a second active session, naming the first; pauses or finishes it when asked; resuming is guarded too", async () => {
    const me = ws.scopes.admin;
    const [first, second, third] = [await leverageTask(), await leverageTask(), await leverageTask()];
    const a = (await startSession(me, { taskKey: first.key })).session;
    const refused = await caught(startSession(me, { taskKey: second.key }));
    expect(refused).toMatchObject({ code: "conflict", details: { active: { id: a.id, taskKey: first.key } } });
    expect(refused.message).toContain(`You are in a session on ${first.key}`);

    const b = (await startSession(me, { taskKey: second.key, previous: "pause" })).session;
    expect((await getSession(me, a.id)).state).toBe("paused");
    expect((await listOpenSessions(me)).filter((s) => s.person.id === ws.users.admin.id).map((s) => [s.taskKey, s.state])).toEqual([
      [second.key, "active"],
      [first.key, "paused"],
    ]);
    // Resuming the first is guarded the same way.
    const paused = await getSession(me, a.id);
    expect((await caught(updateSession(me, a.id, { version: paused.version, state: "active" }))).details).toMatchObject({ active: { id: b.id } });
    expect((await caught(startSession(me, { taskKey: third.key, previous: "finish" }))).fields).toMatchObject({ previousOutcome: [expect.any(String)] });
    const c = (await startSession(me, { taskKey: third.key, previous: "finish", previousOutcome: "Handed on" })).session;
    expect(await getSession(me, b.id)).toMatchObject({ state: "finished", outcome: "Handed on" });
    // Starting again on a task with one's own paused session resumes it.
    const resumed = await startSession(me, { taskKey: first.key, previous: "pause" });
    expect(resumed).toMatchObject({ created: false, session: { id: a.id, state: "active" } });
    expect((await getSession(me, c.id)).state).toBe("paused");
    for (const id of [a.id, c.id]) {
      const s = await getSession(me, id);
      await updateSession(me, id, { version: s.version, state: "finished", outcome: "Cleanup" });
    }
  });

  it("lets exactly one of two simultaneous starts win (two tabs), in the database", async () => {
    for (let round = 0; round < 5; round++) {
      const me = ws.scopes.owner;
      const [x, y] = [await leverageTask(), await leverageTask()];
      const { winner, loser } = await raceTwo(startSession(me, { taskKey: x.key }), startSession(me, { taskKey: y.key }), `round ${round}`);
      expect(loser.code).toBe("conflict");
      expect(loser.details).toMatchObject({ active: { id: winner.session.id } });
      expect(await db().leverageSession.count({ where: { userId: ws.users.owner.id, workspaceId: me.workspaceId, state: "active" } })).toBe(1);
      await updateSession(me, winner.session.id, { version: winner.session.version, state: "finished", outcome: "Race over" });
    }
  });

  it("keeps workspaces apart: another workspace's session is not found, and its person's guard is its own", async () => {
    const task = await leverageTask();
    const { session } = await startSession(ws.scopes.member, { taskKey: task.key });
    expect((await caught(getSession(other.scopes.owner, session.id))).code).toBe("not_found");
    expect((await caught(addNote(other.scopes.owner, session.id, { body: "x" }))).code).toBe("not_found");
    expect(await listOpenSessions(other.scopes.owner)).toEqual([]);
    await updateSession(ws.scopes.member, session.id, { version: session.version, state: "finished", outcome: "Done" });
  });
});
