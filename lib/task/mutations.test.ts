import { beforeAll, describe, expect, it } from "vitest";
import { getBoardView } from "@/lib/board/data";
import { compareKeys } from "@/lib/board/ordering";
import { db } from "@/lib/core/db";
import { caught, createTestWorkspace, raceTwo, type TestWorkspace } from "@/lib/test/fixtures";
import { getTask, listTaskEvents } from "./data";
import { createTask, deleteTask, moveTask, restoreTask, updateTask } from "./mutations";
import { LANES, STATUSES, type Lane, type Status } from "./schema";

let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  [ws, other] = await Promise.all([createTestWorkspace(), createTestWorkspace()]);
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

let boardCounter = 0;
/** A fresh board in `ws`, so that each test sees empty cells. */
async function freshBoard(): Promise<string> {
  const key = `B${++boardCounter}`;
  await db().board.create({ data: { workspaceId: ws.scopes.owner.workspaceId, name: `Board ${key}`, key } });
  return key;
}

/** Every row a task write can touch in the workspace, to prove that a refused write changed nothing. */
async function snapshot(workspaceId = ws.scopes.owner.workspaceId) {
  const [tasks, events, boards] = await Promise.all([
    db().task.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db().taskEvent.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { id: true } }),
    db().board.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { id: true, key: true, nextNumber: true } }),
  ]);
  return { tasks, events, boards };
}


async function cell(boardKey: string, lane: Lane, status: Status) {
  const view = await getBoardView(ws.scopes.member, boardKey);
  return view.tasks.filter((t) => t.lane === lane && t.status === status);
}
const titles = (tasks: { title: string }[]) => tasks.map((t) => t.title);

const add = (boardKey: string, title: string, extra: Record<string, unknown> = {}) =>
  createTask(ws.scopes.member, { boardKey, title, ...extra });

// ---------------------------------------------------------------------------------------------

describe("createTask", () => {
  it("numbers tasks per board and records a created event", async () => {
    const a = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "First" });
    const b = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Second" });
    expect(b.number).toBe(a.number + 1);
    expect(a.key).toBe(`${ws.boardKey}-${a.number}`);
    const events = await listTaskEvents(ws.scopes.member, a.key);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "created",
      before: null,
      after: { title: "First", lane: "untriaged", status: "backlog" },
      actor: { id: ws.users.member.id },
    });
  });

  it("creates a task in every lane × status cell, with the defaults filled in", async () => {
    const boardKey = await freshBoard();
    let number = 0;
    for (const lane of LANES) {
      for (const status of STATUSES) {
        // The delegate lane needs the reasons the lane rules ask for (tested in lane-rules tests).
        const reasons = lane === "delegate" ? { overDelegationReason: "Fixture", gateOverrideReason: "Fixture" } : {};
        const task = await add(boardKey, `${lane}/${status}`, { lane, status, ...reasons });
        expect(task).toMatchObject({ key: `${boardKey}-${++number}`, lane, status, version: 1, labels: [], owner: null });
        expect(await getTask(ws.scopes.viewer, task.key)).toEqual({ ...task, description: expect.any(String), triage: null });
      }
    }
    const view = await getBoardView(ws.scopes.viewer, boardKey);
    expect(view.tasks).toHaveLength(LANES.length * STATUSES.length);
    expect(new Set(view.tasks.map((t) => `${t.lane}/${t.status}`)).size).toBe(15);
    expect(view.tasks.every((t) => t.title === `${t.lane}/${t.status}`)).toBe(true);
  });

  it("appends each new card at the end of its cell", async () => {
    const boardKey = await freshBoard();
    for (const title of ["A", "B", "C"]) await add(boardKey, title, { lane: "leverage", status: "ready" });
    expect(titles(await cell(boardKey, "leverage", "ready"))).toEqual(["A", "B", "C"]);
  });

  it("sets an owner who is a member, and stores normalised labels", async () => {
    const task = await add(ws.boardKey, "Owned", { ownerId: ws.users.viewer.id, labels: ["Bug", "bug", "UI"] });
    expect(task.owner).toEqual({ id: ws.users.viewer.id, email: ws.users.viewer.email, name: expect.any(String) });
    expect(task.labels).toEqual(["bug", "ui"]);
    const row = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ ownerId: ws.users.viewer.id, createdById: ws.users.member.id, labels: ["bug", "ui"] });
  });

  it("refuses an owner from another workspace with invalid/fields.ownerId and writes nothing", async () => {
    const before = await snapshot();
    const error = await caught(add(ws.boardKey, "Outsider", { ownerId: other.users.member.id }));
    expect(error.code).toBe("invalid");
    expect(error.fields).toEqual({ ownerId: ["The owner must be a member of this workspace."] });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an unknown board with not_found and writes nothing", async () => {
    const before = await snapshot();
    const error = await caught(add("NOPE", "Lost"));
    expect(error.code).toBe("not_found");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses invalid input with code invalid and a message per field, writing nothing", async () => {
    const before = await snapshot();
    const error = await caught(createTask(ws.scopes.member, { boardKey: ws.boardKey, title: " ", lane: "urgent", labels: ["<b>"] }));
    expect(error.code).toBe("invalid");
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["labels.0", "lane", "title"]);
    expect(error.fields?.title).toEqual(["Enter a title."]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses viewers with 403 and writes nothing", async () => {
    const before = await snapshot();
    await expect(createTask(ws.scopes.viewer, { boardKey: ws.boardKey, title: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await snapshot()).toEqual(before);
  });

  it("gives 20 concurrent creates on one board 20 distinct consecutive numbers and positions", async () => {
    const boardKey = await freshBoard();
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => add(boardKey, `C${i}`, { lane: "leverage", status: "ready" })));
    const numbers = created.map((t) => t.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(created.map((t) => t.position)).size).toBe(20);
    const board = await db().board.findFirstOrThrow({ where: { workspaceId: ws.scopes.owner.workspaceId, key: boardKey } });
    expect(board.nextNumber).toBe(21);
    expect(await cell(boardKey, "leverage", "ready")).toHaveLength(20);
  });
});

describe("updateTask", () => {
  it("changes only the named fields, bumps the version by 1 and records before/after", async () => {
    const task = await add(ws.boardKey, "Draft", { description: "Keep me", labels: ["a"], lane: "leverage", status: "ready" });
    const updated = await updateTask(ws.scopes.member, task.key, { version: 1, title: "Final", labels: ["b", "A"], ownerId: ws.users.admin.id });
    expect(updated).toMatchObject({
      id: task.id,
      key: task.key,
      title: "Final",
      labels: ["b", "a"],
      lane: "leverage",
      status: "ready",
      position: task.position,
      version: 2,
      owner: { id: ws.users.admin.id },
    });
    expect(await getTask(ws.scopes.member, task.key)).toEqual({ ...updated, description: "Keep me", triage: null });

    const events = await listTaskEvents(ws.scopes.member, task.key);
    expect(events.map((e) => e.type).sort()).toEqual(["created", "updated"]);
    const event = events.find((e) => e.type === "updated");
    expect(event?.before).toEqual({ title: "Draft", labels: ["a"], ownerId: null });
    expect(event?.after).toEqual({ title: "Final", labels: ["b", "a"], ownerId: ws.users.admin.id });
    expect(event?.actor?.id).toBe(ws.users.member.id);
  });

  it("treats an edit that changes nothing as a no-op (same version, no event)", async () => {
    const task = await add(ws.boardKey, "Same", { labels: ["x"] });
    const result = await updateTask(ws.scopes.member, task.key, { version: 1, title: "Same", labels: ["X"] });
    expect(result.version).toBe(1);
    expect((await listTaskEvents(ws.scopes.member, task.key)).map((e) => e.type)).toEqual(["created"]);
  });

  it("refuses a stale version with 409, returns the current task and keeps the newer edit", async () => {
    const task = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Original" });
    await updateTask(ws.scopes.owner, task.key, { version: task.version, title: "Theirs" });
    const before = await snapshot();
    const stale = updateTask(ws.scopes.member, task.key, { version: task.version, title: "Mine", description: "mine too" });
    const error = await caught(stale);
    expect(error.code).toBe("conflict");
    expect(error.status).toBe(409);
    expect(error.details?.current).toMatchObject({ id: task.id, title: "Theirs", version: 2, description: "" });
    expect(await snapshot()).toEqual(before);
    const after = (await getBoardView(ws.scopes.member, ws.boardKey)).tasks.find((t) => t.id === task.id);
    expect(after?.title).toBe("Theirs");
  });

  it("lets exactly one of two concurrent edits on one version win; the other gets 409 with the winner's version", async () => {
    for (let round = 0; round < 5; round++) {
      const task = await add(ws.boardKey, `Race ${round}`);
      const { winner, loser } = await raceTwo(
        updateTask(ws.scopes.member, task.key, { version: task.version, title: `Member's title ${round}`, labels: ["member"] }),
        updateTask(ws.scopes.owner, task.key, { version: task.version, title: `Owner's title ${round}`, description: "owner" }),
        `round ${round}`,
      );
      expect(winner.version).toBe(task.version + 1);
      expect(loser.details).toMatchObject({ currentVersion: winner.version, current: { title: winner.title, version: winner.version } });
      const stored = await getTask(ws.scopes.viewer, task.key);
      expect(stored).toMatchObject({ title: winner.title, version: winner.version, labels: winner.labels, description: winner.title.startsWith("Owner") ? "owner" : "" });
      expect((await listTaskEvents(ws.scopes.member, task.key)).map((e) => e.type)).toEqual(["updated", "created"]);
    }
  });

  it("moves the card to the end of its new cell when lane/status change through an edit", async () => {
    const boardKey = await freshBoard();
    await add(boardKey, "X", { lane: "leverage", status: "in_review" });
    await add(boardKey, "Y", { lane: "leverage", status: "in_review" });
    const card = await add(boardKey, "Moving", { lane: "untriaged", status: "backlog" });
    await add(boardKey, "Stays", { lane: "untriaged", status: "backlog" });
    const updated = await updateTask(ws.scopes.member, card.key, { version: 1, lane: "leverage", status: "in_review" });
    expect(updated).toMatchObject({ lane: "leverage", status: "in_review", version: 2 });
    expect(titles(await cell(boardKey, "leverage", "in_review"))).toEqual(["X", "Y", "Moving"]);
    expect(titles(await cell(boardKey, "untriaged", "backlog"))).toEqual(["Stays"]);
    const event = (await listTaskEvents(ws.scopes.member, card.key)).find((e) => e.type === "updated");
    expect(event?.before).toEqual({ lane: "untriaged", status: "backlog" });
    expect(event?.after).toEqual({ lane: "leverage", status: "in_review" });
  });

  it("refuses an owner from another workspace, unknown keys and a missing version, changing nothing", async () => {
    const task = await add(ws.boardKey, "Guarded");
    const before = await snapshot();
    const owner = await caught(updateTask(ws.scopes.member, task.key, { version: 1, ownerId: other.users.owner.id }));
    expect(owner).toMatchObject({ code: "invalid", fields: { ownerId: ["The owner must be a member of this workspace."] } });
    const unknown = await caught(updateTask(ws.scopes.member, task.key, { version: 1, position: "0", workspaceId: other.scopes.owner.workspaceId }));
    expect(unknown.code).toBe("invalid");
    const noVersion = await caught(updateTask(ws.scopes.member, task.key, { title: "New" }));
    expect(noVersion.fields).toEqual({ version: ["version is required."] });
    expect(await snapshot()).toEqual(before);
  });
});

describe("moveTask", () => {
  it("places a card after the named card, in byte order", async () => {
    const boardKey = await freshBoard();
    const cellInput = { lane: "leverage", status: "ready" } as const;
    const a = await add(boardKey, "A", cellInput);
    const b = await add(boardKey, "B", cellInput);
    const c = await add(boardKey, "C");
    const moved = await moveTask(ws.scopes.member, c.key, { ...cellInput, afterId: a.id });
    expect(titles(await cell(boardKey, "leverage", "ready"))).toEqual(["A", "C", "B"]);
    expect(compareKeys(a.position, moved.position)).toBe(-1);
    expect(compareKeys(moved.position, b.position)).toBe(-1);
    expect(moved.version).toBe(2);
    const event = (await listTaskEvents(ws.scopes.member, c.key)).find((e) => e.type === "moved");
    expect(event?.before).toEqual({ lane: "untriaged", status: "backlog", position: c.position });
    expect(event?.after).toEqual({ lane: "leverage", status: "ready", position: moved.position });
  });

  it("moves a card into an empty cell", async () => {
    const boardKey = await freshBoard();
    const a = await add(boardKey, "A");
    const moved = await moveTask(ws.scopes.member, a.key, { lane: "leverage", status: "done", afterId: null });
    expect(moved).toMatchObject({ lane: "leverage", status: "done", version: 2 });
    expect(titles(await cell(boardKey, "leverage", "done"))).toEqual(["A"]);
    expect(await cell(boardKey, "untriaged", "backlog")).toEqual([]);
  });

  it("moves a card to the top with afterId null, and later creates still land last (byte-order keys in SQL)", async () => {
    const boardKey = await freshBoard();
    for (const title of ["A", "B", "C"]) await add(boardKey, title);
    const c = (await cell(boardKey, "untriaged", "backlog"))[2];
    const moved = await moveTask(ws.scopes.member, c?.key as string, { lane: "untriaged", status: "backlog", afterId: null });
    // Above "a0" the key starts with an uppercase letter: only byte order puts it first.
    expect(moved.position < "a0").toBe(true);
    expect(moved.position.localeCompare("a0")).toBeGreaterThan(0);
    expect(titles(await cell(boardKey, "untriaged", "backlog"))).toEqual(["C", "A", "B"]);
    await add(boardKey, "D");
    expect(titles(await cell(boardKey, "untriaged", "backlog"))).toEqual(["C", "A", "B", "D"]);
  });

  it("moves a card after the last card of the cell", async () => {
    const boardKey = await freshBoard();
    const a = await add(boardKey, "A");
    const b = await add(boardKey, "B");
    await moveTask(ws.scopes.member, a.key, { lane: "untriaged", status: "backlog", afterId: b.id });
    expect(titles(await cell(boardKey, "untriaged", "backlog"))).toEqual(["B", "A"]);
  });

  it("places the card last, without an error, when afterId is not in the target cell", async () => {
    const boardKey = await freshBoard();
    await add(boardKey, "A", { lane: "leverage", status: "done" });
    await add(boardKey, "B", { lane: "leverage", status: "done" });
    const elsewhere = await add(boardKey, "Elsewhere", { lane: "leverage", status: "backlog" });
    const foreign = await createTask(other.scopes.member, { boardKey: other.boardKey, title: "Foreign", lane: "leverage", status: "done" });
    const c = await add(boardKey, "C");
    const d = await add(boardKey, "D");
    await moveTask(ws.scopes.member, c.key, { lane: "leverage", status: "done", afterId: elsewhere.id });
    await moveTask(ws.scopes.member, d.key, { lane: "leverage", status: "done", afterId: foreign.id });
    expect(titles(await cell(boardKey, "leverage", "done"))).toEqual(["A", "B", "C", "D"]);
    expect(await getTask(ws.scopes.member, elsewhere.key)).toEqual({ ...elsewhere, description: expect.any(String), triage: null });
    expect(await getTask(other.scopes.member, foreign.key)).toEqual({ ...foreign, description: expect.any(String), triage: null });
  });

  it("treats afterId === the moved card itself as a no-op", async () => {
    const boardKey = await freshBoard();
    await add(boardKey, "A");
    const b = await add(boardKey, "B");
    const before = await snapshot();
    const result = await moveTask(ws.scopes.member, b.key, { lane: "untriaged", status: "backlog", afterId: b.id });
    expect(result).toEqual(b);
    expect(await snapshot()).toEqual(before);
  });

  it("gives 10 concurrent moves after the same card 10 distinct positions between it and its neighbour", async () => {
    const boardKey = await freshBoard();
    const target = { lane: "leverage", status: "in_progress" } as const;
    const anchor = await add(boardKey, "Anchor", target);
    const next = await add(boardKey, "Next", target);
    const movers = [];
    for (let i = 0; i < 10; i++) movers.push(await add(boardKey, `M${i}`));
    const results = await Promise.allSettled(movers.map((m) => moveTask(ws.scopes.member, m.key, { ...target, afterId: anchor.id })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill("fulfilled"));
    const order = await cell(boardKey, target.lane, target.status);
    expect(order).toHaveLength(12);
    expect(new Set(order.map((t) => t.position)).size).toBe(12);
    expect(order[0]?.title).toBe("Anchor");
    expect(order[11]?.title).toBe("Next");
    expect(order.slice(1, 11).map((t) => t.title).sort()).toEqual(movers.map((m) => m.title).sort());
    expect(order[11]?.position).toBe(next.position);
  });

  it("refuses a deleted or unknown task with not_found", async () => {
    const task = await add(ws.boardKey, "Gone");
    await deleteTask(ws.scopes.member, task.key);
    expect((await caught(moveTask(ws.scopes.member, task.key, { lane: "leverage", status: "ready", afterId: null }))).code).toBe("not_found");
    expect((await caught(moveTask(ws.scopes.member, `${ws.boardKey}-99999`, { lane: "leverage", status: "ready", afterId: null }))).code).toBe(
      "not_found",
    );
    expect((await caught(moveTask(ws.scopes.member, "not-a-key", { lane: "leverage", status: "ready", afterId: null }))).code).toBe("not_found");
  });

  // Regression: a card created while another is deleted may take the deleted card's key
  // (lastPosition skips deleted rows); restoring must not give two cards one position.
  it("keeps positions in a cell unique across delete → create → restore", async () => {
    const boardKey = await freshBoard();
    await add(boardKey, "A");
    const b = await add(boardKey, "B");
    await deleteTask(ws.scopes.member, b.key);
    await add(boardKey, "C");
    await restoreTask(ws.scopes.member, b.key);
    const order = await cell(boardKey, "untriaged", "backlog");
    expect(order).toHaveLength(3);
    expect(new Set(order.map((t) => t.position)).size).toBe(3);
  });

  // With two cards sharing a key, "drop D right after the first of them" would put D after both.
  it("drops a card directly after the named card even after a restore", async () => {
    const boardKey = await freshBoard();
    await add(boardKey, "A");
    const b = await add(boardKey, "B");
    await deleteTask(ws.scopes.member, b.key);
    await add(boardKey, "C");
    await restoreTask(ws.scopes.member, b.key);
    const d = await add(boardKey, "D", { lane: "leverage", status: "done" });
    const shown = titles(await cell(boardKey, "untriaged", "backlog"));
    const firstTied = (await cell(boardKey, "untriaged", "backlog"))[1];
    await moveTask(ws.scopes.member, d.key, { lane: "untriaged", status: "backlog", afterId: firstTied?.id as string });
    expect(titles(await cell(boardKey, "untriaged", "backlog"))).toEqual([shown[0], shown[1], "D", shown[2]]);
  });
});

describe("deleteTask / restoreTask", () => {
  it("hides a deleted task and brings it back with its history, bumping the version each time", async () => {
    const task = await add(ws.boardKey, "Undo me", { lane: "leverage", status: "ready" });
    const deleted = await deleteTask(ws.scopes.member, task.key);
    expect(deleted.version).toBe(2);
    expect((await getBoardView(ws.scopes.member, ws.boardKey)).tasks.map((t) => t.id)).not.toContain(task.id);
    expect((await caught(getTask(ws.scopes.member, task.key))).code).toBe("not_found");
    expect((await caught(updateTask(ws.scopes.member, task.key, { version: 2, title: "x" }))).code).toBe("not_found");
    expect((await caught(deleteTask(ws.scopes.member, task.key))).code).toBe("not_found");
    const row = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);

    const restored = await restoreTask(ws.scopes.owner, task.key);
    expect(restored).toMatchObject({ id: task.id, title: "Undo me", lane: "leverage", status: "ready", position: task.position, version: 3 });
    expect((await getBoardView(ws.scopes.member, ws.boardKey)).tasks.map((t) => t.id)).toContain(task.id);
    expect(await getTask(ws.scopes.member, task.key)).toEqual({ ...restored, description: expect.any(String), triage: null });

    const events = await listTaskEvents(ws.scopes.member, task.key);
    expect(events.map((e) => e.type).sort()).toEqual(["created", "deleted", "restored"]);
    expect(events.find((e) => e.type === "deleted")).toMatchObject({ before: { title: "Undo me" }, after: null, actor: { id: ws.users.member.id } });
    expect(events.find((e) => e.type === "restored")).toMatchObject({ before: null, after: { title: "Undo me" }, actor: { id: ws.users.owner.id } });
  });

  it("restoring a live task is a no-op", async () => {
    const task = await add(ws.boardKey, "Alive");
    const before = await snapshot();
    expect(await restoreTask(ws.scopes.member, task.key)).toEqual(task);
    expect(await snapshot()).toEqual(before);
  });
});

describe("viewers", () => {
  it("get forbidden on create, update, move, delete and restore, and nothing changes", async () => {
    const live = await add(ws.boardKey, "Live");
    const gone = await add(ws.boardKey, "Gone");
    await deleteTask(ws.scopes.member, gone.key);
    const before = await snapshot();
    const attempts = [
      () => createTask(ws.scopes.viewer, { boardKey: ws.boardKey, title: "V" }),
      () => updateTask(ws.scopes.viewer, live.key, { version: live.version, title: "V" }),
      () => moveTask(ws.scopes.viewer, live.key, { lane: "leverage", status: "done", afterId: null }),
      () => deleteTask(ws.scopes.viewer, live.key),
      () => restoreTask(ws.scopes.viewer, gone.key),
    ];
    for (const attempt of attempts) {
      const error = await caught(attempt());
      expect(error.code).toBe("forbidden");
      expect(error.status).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});
