import { beforeAll, describe, expect, it } from "vitest";
import { getBoardView } from "@/lib/board/data";
import { db } from "@/lib/core/db";
import { getTask, listTaskEvents } from "@/lib/task/data";
import { createTask, deleteTask, moveTask, restoreTask, updateTask } from "@/lib/task/mutations";
import type { TaskCardData } from "@/lib/task/types";
import { caught, createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { scopeForUser } from "./scope";

let a: TestWorkspace;
let b: TestWorkspace;
let aTask: TaskCardData;
let aTaskDeleted: TaskCardData;


const rowsOf = (workspaceId: string) =>
  Promise.all([
    db().task.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db().taskEvent.count({ where: { workspaceId } }),
  ]);

beforeAll(async () => {
  [a, b] = await Promise.all([createTestWorkspace(), createTestWorkspace()]);
  // Both workspaces have a board "TST"; A's tasks are TST-1 and TST-2, B has none yet.
  aTask = await createTask(a.scopes.member, { boardKey: a.boardKey, title: "Secret plan", labels: ["secret"] });
  aTaskDeleted = await createTask(a.scopes.member, { boardKey: a.boardKey, title: "Deleted secret" });
  await deleteTask(a.scopes.member, aTaskDeleted.key);
});

describe("scopeForUser", () => {
  it("mints a frozen scope with the role read from the database", async () => {
    const scope = await scopeForUser(a.slug, a.users.admin.id);
    expect(scope).toMatchObject({ workspaceSlug: a.slug, userId: a.users.admin.id, role: "admin" });
    const workspace = await db().workspace.findUniqueOrThrow({ where: { slug: a.slug } });
    expect(scope.workspaceId).toBe(workspace.id);
    expect(scope.workspaceName).toBe(workspace.name);
    expect(Object.isFrozen(scope)).toBe(true);
  });

  it("answers not_found (never forbidden) to a non-member, exactly as for a workspace that does not exist", async () => {
    const outsider = await caught(scopeForUser(a.slug, b.users.owner.id));
    const missing = await caught(scopeForUser("no-such-workspace", b.users.owner.id));
    expect(outsider.code).toBe("not_found");
    expect(outsider.status).toBe(404);
    expect(outsider.message).toBe(missing.message);
    // Asking for a permission must not turn the 404 into a 403.
    expect((await caught(scopeForUser(a.slug, b.users.owner.id, "task.write"))).code).toBe("not_found");
    expect((await caught(scopeForUser(a.slug, "no-such-user", "board.write"))).code).toBe("not_found");
  });

  it("answers forbidden to a member whose role lacks the permission", async () => {
    const viewer = await caught(scopeForUser(a.slug, a.users.viewer.id, "task.write"));
    expect(viewer).toMatchObject({ code: "forbidden", message: "Viewers can look but not change anything in this workspace." });
    expect((await caught(scopeForUser(a.slug, a.users.member.id, "board.write"))).code).toBe("forbidden");
    expect((await caught(scopeForUser(a.slug, a.users.member.id, "invitation.create"))).code).toBe("forbidden");
    await expect(scopeForUser(a.slug, a.users.member.id, "task.write")).resolves.toMatchObject({ role: "member" });
    await expect(scopeForUser(a.slug, a.users.admin.id, "invitation.create")).resolves.toMatchObject({ role: "admin" });
  });

  it("reads the role on every call, so a demotion takes effect at once", async () => {
    const ws = await createTestWorkspace();
    await expect(scopeForUser(ws.slug, ws.users.member.id, "task.write")).resolves.toMatchObject({ role: "member" });
    await db().membership.updateMany({ where: { userId: ws.users.member.id }, data: { role: "viewer" } });
    expect((await caught(scopeForUser(ws.slug, ws.users.member.id, "task.write"))).code).toBe("forbidden");
    await db().membership.deleteMany({ where: { userId: ws.users.member.id } });
    expect((await caught(scopeForUser(ws.slug, ws.users.member.id))).code).toBe("not_found");
  });
});

describe("tenancy: a task key from workspace A used with workspace B's scope", () => {
  it("is not_found for every read and write, and A's task is untouched", async () => {
    const before = await rowsOf(a.scopes.owner.workspaceId);
    const calls = [
      () => getTask(b.scopes.owner, aTask.key),
      () => listTaskEvents(b.scopes.owner, aTask.key),
      () => updateTask(b.scopes.owner, aTask.key, { version: aTask.version, title: "Pwned" }),
      () => moveTask(b.scopes.owner, aTask.key, { lane: "leverage", status: "done", afterId: null }),
      () => deleteTask(b.scopes.owner, aTask.key),
      () => restoreTask(b.scopes.owner, aTaskDeleted.key),
    ];
    for (const call of calls) {
      const error = await caught(call());
      expect(error.code).toBe("not_found");
      expect(error.message).toBe("Task not found.");
    }
    expect(await rowsOf(a.scopes.owner.workspaceId)).toEqual(before);
    expect(await getTask(a.scopes.member, aTask.key)).toEqual({ ...aTask, description: expect.any(String), triage: null });
  });

  it("addresses B's own task when both boards share the key TST, never A's", async () => {
    const bTask = await createTask(b.scopes.member, { boardKey: b.boardKey, title: "B's own" });
    expect(bTask.key).toBe(aTask.key);
    const before = await rowsOf(a.scopes.owner.workspaceId);
    const updated = await updateTask(b.scopes.member, bTask.key, { version: 1, title: "B renamed" });
    expect(updated.id).toBe(bTask.id);
    await moveTask(b.scopes.member, bTask.key, { lane: "leverage", status: "done", afterId: aTask.id });
    await deleteTask(b.scopes.member, bTask.key);
    await restoreTask(b.scopes.member, bTask.key);
    expect(await rowsOf(a.scopes.owner.workspaceId)).toEqual(before);
    expect((await getTask(a.scopes.member, aTask.key)).title).toBe("Secret plan");
  });

  it("never shows A's tasks, members or labels on B's board", async () => {
    const view = await getBoardView(b.scopes.viewer, b.boardKey);
    const aIds = (await db().task.findMany({ where: { workspaceId: a.scopes.owner.workspaceId }, select: { id: true } })).map((t) => t.id);
    expect(aIds.length).toBeGreaterThan(0);
    expect(view.tasks.some((t) => aIds.includes(t.id))).toBe(false);
    expect(view.tasks.some((t) => t.title.includes("secret") || t.title.includes("Secret"))).toBe(false);
    expect(view.labels).not.toContain("secret");
    expect(view.members.map((m) => m.id).sort()).toEqual(Object.values(b.users).map((u) => u.id).sort());
    expect(view.workspace.slug).toBe(b.slug);
  });

  it("refuses to assign a task in B to a member of A", async () => {
    const before = await rowsOf(b.scopes.owner.workspaceId);
    const error = await caught(createTask(b.scopes.member, { boardKey: b.boardKey, title: "X", ownerId: a.users.member.id }));
    expect(error).toMatchObject({ code: "invalid", fields: { ownerId: ["The owner must be a member of this workspace."] } });
    expect(await rowsOf(b.scopes.owner.workspaceId)).toEqual(before);
  });
});
