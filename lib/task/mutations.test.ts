import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { getBoardView } from "@/lib/board/data";
import { createTask, moveTask, updateTask } from "./mutations";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});

describe("createTask", () => {
  it("numbers tasks per board and records a created event", async () => {
    const a = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "First" });
    const b = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Second" });
    expect(b.number).toBe(a.number + 1);
    expect(a.key).toBe(`${ws.boardKey}-${a.number}`);
  });

  it("refuses viewers with 403 and writes nothing", async () => {
    const before = (await getBoardView(ws.scopes.owner, ws.boardKey)).tasks.length;
    await expect(createTask(ws.scopes.viewer, { boardKey: ws.boardKey, title: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getBoardView(ws.scopes.owner, ws.boardKey)).tasks.length).toBe(before);
  });
});

describe("moveTask", () => {
  it("places a card after the named card, in byte order", async () => {
    const cell = { lane: "delegate", status: "ready" } as const;
    const a = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "A", ...cell });
    const b = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "B", ...cell });
    const c = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "C" });
    await moveTask(ws.scopes.member, c.key, { ...cell, afterId: a.id });
    const order = (await getBoardView(ws.scopes.member, ws.boardKey)).tasks.filter((t) => t.lane === "delegate" && t.status === "ready").map((t) => t.title);
    expect(order).toEqual(["A", "C", "B"]);
    expect(b.version).toBe(1);
  });
});

describe("updateTask", () => {
  it("refuses a stale version with 409 and keeps the newer edit", async () => {
    const task = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Original" });
    await updateTask(ws.scopes.owner, task.key, { version: task.version, title: "Theirs" });
    const stale = updateTask(ws.scopes.member, task.key, { version: task.version, title: "Mine" });
    await expect(stale).rejects.toBeInstanceOf(AppError);
    await expect(stale).rejects.toMatchObject({ code: "conflict" });
    const after = (await getBoardView(ws.scopes.member, ws.boardKey)).tasks.find((t) => t.id === task.id);
    expect(after?.title).toBe("Theirs");
  });
});
