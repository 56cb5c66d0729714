import { beforeAll, describe, expect, it } from "vitest";
import { scopeForUser } from "@/lib/auth/scope";
import { db } from "@/lib/core/db";
import { getTask } from "@/lib/task/data";
import { startSession } from "@/lib/session/mutations";
import { createTask, deleteTask } from "@/lib/task/mutations";
import { caught, createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { getBoardView, listBoards } from "./data";
import { createBoard } from "./mutations";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});


const boardsOf = () => db().board.findMany({ where: { workspaceId: ws.scopes.owner.workspaceId }, orderBy: { id: "asc" } });

describe("getBoardView", () => {
  it("sorts tasks by position in byte order, not locale order", async () => {
    const workspaceId = ws.scopes.owner.workspaceId;
    const board = await db().board.create({ data: { workspaceId, name: "Order", key: "ORD" } });
    // Written directly so that the keys mix cases the way fractional indexing does over time.
    const positions = ["aa", "Zz", "a0", "aZ", "b00", "Zy"];
    for (const [i, position] of positions.entries()) {
      await db().task.create({ data: { workspaceId, boardId: board.id, number: i + 1, title: position, lane: "delegate", status: "ready", position } });
    }
    const view = await getBoardView(ws.scopes.viewer, "ord");
    expect(view.board).toEqual({ id: board.id, key: "ORD", name: "Order" });
    expect(view.tasks.map((t) => t.position)).toEqual(["Zy", "Zz", "a0", "aZ", "aa", "b00"]);
    expect(view.tasks.map((t) => t.key)).toEqual(["ORD-6", "ORD-2", "ORD-3", "ORD-4", "ORD-1", "ORD-5"]);
  });

  it("returns the workspace's members, de-duplicated sorted labels of live tasks only, and the caller's role", async () => {
    const boardKey = "LBL";
    await createBoard(ws.scopes.admin, { name: "Labels", key: boardKey });
    await createTask(ws.scopes.member, { boardKey, title: "One", labels: ["zeta", "Alpha"], ownerId: ws.users.owner.id });
    await createTask(ws.scopes.member, { boardKey, title: "Two", labels: ["alpha", "mid"] });
    const gone = await createTask(ws.scopes.member, { boardKey, title: "Gone", labels: ["deleted-only"] });
    await deleteTask(ws.scopes.member, gone.key);

    const view = await getBoardView(ws.scopes.viewer, boardKey);
    expect(view.role).toBe("viewer");
    expect(view.workspace).toEqual({ slug: ws.slug, name: ws.scopes.owner.workspaceName });
    expect(view.labels).toEqual(["alpha", "mid", "zeta"]);
    expect(view.tasks.map((t) => t.title)).toEqual(["One", "Two"]);
    expect(view.tasks[0]?.owner).toEqual({ id: ws.users.owner.id, email: ws.users.owner.email, name: expect.any(String) });
    // Fixture names are "<role> <suffix>", so alphabetical order is admin, member, owner, viewer.
    expect(view.members.map((m) => m.id)).toEqual([ws.users.admin.id, ws.users.member.id, ws.users.owner.id, ws.users.viewer.id]);
  });

  it("reads each card as the single-task read does, on the demo's boards (agents, triage, labels, attempts)", async () => {
    // The board read builds its cards in SQL (one statement); getTask maps Prisma rows: they must agree.
    const owner = await db().user.findFirstOrThrow({ where: { email: "owner@demo.test" } });
    const scope = await scopeForUser("acme", owner.id);
    let compared = 0;
    const seen = { agent: 0, triaged: 0, labels: 0, attempts: 0 };
    for (const { key } of await listBoards(scope)) {
      const view = await getBoardView(scope, key);
      for (const card of view.tasks) {
        const { description: _description, triage: _triage, ...single } = await getTask(scope, card.key);
        expect(card, card.key).toEqual(single);
        compared++;
        seen.agent += card.lifecycle ? 1 : 0;
        seen.triaged += card.triaged ? 1 : 0;
        seen.labels += card.labels.length > 0 ? 1 : 0;
        seen.attempts += card.attempts > 0 ? 1 : 0;
      }
    }
    expect(compared).toBeGreaterThan(50);
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  });

  it("names the people cards and sessions point to who are no longer members, after the members", async () => {
    const boardKey = "FMR";
    await createBoard(ws.scopes.admin, { name: "Former", key: boardKey });
    const workspaceId = ws.scopes.owner.workspaceId;
    const leaver = (await createTestWorkspace()).users.member;
    await db().membership.create({ data: { workspaceId, userId: leaver.id, role: "member" } });
    const card = await createTask(ws.scopes.member, { boardKey, title: "Owned by a leaver", lane: "leverage", ownerId: leaver.id });
    await startSession(await scopeForUser(ws.slug, leaver.id), { taskKey: card.key });
    await db().membership.delete({ where: { workspaceId_userId: { workspaceId, userId: leaver.id } } });

    const view = await getBoardView(ws.scopes.viewer, boardKey);
    expect(view.members.map((m) => m.id)).not.toContain(leaver.id);
    const read = view.tasks.find((t) => t.key === card.key);
    expect(read?.owner).toEqual({ id: leaver.id, name: expect.any(String), email: leaver.email });
    expect(read?.session).toEqual({ id: expect.any(String), state: "active", phase: "discovery", person: read?.owner });
    const { description: _description, triage: _triage, ...single } = await getTask(ws.scopes.viewer, card.key);
    expect(read).toEqual(single);
  });

  it("answers not_found for a board that does not exist in the workspace", async () => {
    expect((await caught(getBoardView(ws.scopes.owner, "NOPE"))).code).toBe("not_found");
    const otherWs = await createTestWorkspace();
    await db().board.create({ data: { workspaceId: otherWs.scopes.owner.workspaceId, name: "Only there", key: "THERE" } });
    expect((await caught(getBoardView(ws.scopes.owner, "THERE"))).code).toBe("not_found");
  });

  it("listBoards counts only live tasks and only this workspace's boards", async () => {
    const boardKey = "CNT";
    await createBoard(ws.scopes.owner, { name: "Counted", key: boardKey });
    await createTask(ws.scopes.member, { boardKey, title: "Live" });
    const dead = await createTask(ws.scopes.member, { boardKey, title: "Dead" });
    await deleteTask(ws.scopes.member, dead.key);
    const boards = await listBoards(ws.scopes.viewer);
    expect(boards.find((b) => b.key === boardKey)?._count.tasks).toBe(1);
    expect(boards.map((b) => b.key)).not.toContain("THERE");
  });
});

describe("createBoard", () => {
  it("lets an admin create a board, uppercasing the key", async () => {
    const board = await createBoard(ws.scopes.admin, { name: " Website ", key: " web " });
    expect(board).toEqual({ id: expect.any(String), key: "WEB", name: "Website" });
    expect((await getBoardView(ws.scopes.viewer, "WEB")).tasks).toEqual([]);
  });

  it("refuses members and viewers with forbidden and creates nothing", async () => {
    const before = await boardsOf();
    expect((await caught(createBoard(ws.scopes.member, { name: "Nope", key: "NOPE" }))).code).toBe("forbidden");
    expect((await caught(createBoard(ws.scopes.viewer, { name: "Nope", key: "NOPE" }))).code).toBe("forbidden");
    expect(await boardsOf()).toEqual(before);
  });

  it("refuses a duplicate key with conflict/fields.key and creates nothing", async () => {
    await createBoard(ws.scopes.admin, { name: "Api", key: "API" });
    const before = await boardsOf();
    const error = await caught(createBoard(ws.scopes.owner, { name: "Api again", key: "api" }));
    expect(error.code).toBe("conflict");
    expect(error.fields).toEqual({ key: ["This key is taken in this workspace."] });
    expect(await boardsOf()).toEqual(before);
  });

  it("refuses a malformed key or empty name with invalid and creates nothing", async () => {
    const before = await boardsOf();
    for (const key of ["1AB", "A", "TOOLONGKEY1", "WE-B", ""]) {
      const error = await caught(createBoard(ws.scopes.admin, { name: "Bad", key }));
      expect(error.code, key).toBe("invalid");
      expect(Object.keys(error.fields ?? {}), key).toEqual(["key"]);
    }
    expect((await caught(createBoard(ws.scopes.admin, { name: "  ", key: "OKAY" }))).fields).toEqual({ name: ["Enter a name."] });
    expect(await boardsOf()).toEqual(before);
  });

  it("allows the same key in another workspace", async () => {
    const otherWs = await createTestWorkspace();
    await createBoard(ws.scopes.admin, { name: "Shared", key: "SHR" });
    await expect(createBoard(otherWs.scopes.admin, { name: "Shared", key: "SHR" })).resolves.toMatchObject({ key: "SHR" });
  });
});
